#!/usr/bin/env python3
"""A reference for the speed of `vidcost compare --format csv`: the same comparison in plain
Python (tomllib + fractions), printed byte for byte as vidcost prints it.

Usage: reference_compare.py CATALOG_DIR AS_OF   (AS_OF: YYYY-MM-DD)

It reads a catalog directory without update files (updates/*.toml are not read), prices every
generation on every offer in force on AS_OF with exact fractions, ranks the rows by their USD
price per second at the exchange rate in force, and writes compare's CSV. The catalog is taken
as valid: vidcost's own checks are not repeated. bench/compare_vs_python.sh compares the two
outputs byte for byte before timing anything.
"""
import datetime
import os
import sys
import tomllib
from fractions import Fraction

KINDS = ["plan", "pack", "api", "api-pack"]  # vidcost's offer-table order
CONFIDENCE = {"high": 0, "medium": 1, "low": 2}
CONFIDENCE_NAME = ["high", "medium", "low"]
COLUMNS = ("spec,provider,model,mode,resolution,duration_s,audio,offer_kind,offer_id,offer_name,region,currency,"
           "offer_price,price_basis,offer_credits,credit_price,credits_per_clip,tokens_per_clip,clip_price,"
           "per_second,per_second_exact,utilization,fx_rate,fx_date,derivation,confidence,inferred,as_of,stale,"
           "source,unpriced_reason")
STALE_AFTER_DAYS = 180


# ---- numbers -------------------------------------------------------------------------------

def exact(value):
    """A TOML number or numeric string as an exact fraction (floats through their shortest text)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value.strip())


def round_half_even_units(value, places):
    """|value| x 10^places rounded half to even, as an int."""
    magnitude = abs(value) * 10 ** places
    q, r = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * r > magnitude.denominator or (2 * r == magnitude.denominator and q % 2 == 1):
        q += 1
    return q


def format_fixed(value, places):
    units = round_half_even_units(value, places)
    if units == 0 and value != 0:
        return format_significant(value, 2)
    digits = str(units)
    if places > 0:
        if len(digits) <= places:
            digits = "0" * (places + 1 - len(digits)) + digits
        digits = digits[:-places] + "." + digits[-places:]
    return "-" + digits if value < 0 and units != 0 else digits


def format_significant(value, digits=2):
    if value == 0:
        return "0"
    magnitude = abs(value)
    e, power = 0, Fraction(1)
    while power * 10 <= magnitude:
        power *= 10
        e += 1
    while power > magnitude:
        power /= 10
        e -= 1
    places = digits - 1 - e
    if places >= 0:
        return format_fixed(value, places)
    unit = 10 ** (-places)
    units = round_half_even_units(value / unit, 0) * (1 if value > 0 else -1)
    return str(units * unit)


def decimal_places_of(den):
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    return max(twos, fives) if den == 1 else -1


def format_plain(value, max_places=6):
    places = decimal_places_of(value.denominator)
    return format_fixed(value, places if 0 <= places <= max_places else max_places)


def format_exact(value):
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


# ---- the catalog ---------------------------------------------------------------------------

def as_date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def provenance(table, inherit=None):
    p = dict(inherit) if inherit else {"source": "", "as_of": None, "confidence": 1, "inferred": False,
                                        "from": None, "to": None}
    if "source" in table:
        p["source"] = table["source"]
    if "as_of" in table:
        p["as_of"] = as_date(table["as_of"])
    if "confidence" in table:
        p["confidence"] = CONFIDENCE[table["confidence"]]
    if "inferred" in table:
        p["inferred"] = table["inferred"]
    if "effective_from" in table:
        p["from"] = as_date(table["effective_from"])
    if "effective_to" in table:
        p["to"] = as_date(table["effective_to"])
    return p


def in_force(p, day):
    return (p["from"] is None or p["from"] <= day) and (p["to"] is None or day < p["to"])


def currency(text):
    lower = text.lower()
    if lower in ("cny", "rmb") or text == "元":
        return "CNY"
    if lower == "usd":
        return "USD"
    raise ValueError(text)


def region(text):
    lower = text.lower()
    if lower in ("cn", "china"):
        return "cn"
    if lower in ("intl", "international", "global"):
        return "intl"
    raise ValueError(text)


def known(table, key):
    """(value, reason): the figure, or None and why it is unknown."""
    if table.get(key) == "unknown":
        return None, table["unknown_reason"]
    return exact(table[key]), ""


def durations(table, key):
    return {int(k): exact(v) for k, v in table.get(key, {}).items()}


def read_provider(root):
    head = root["provider"]
    provider = {"id": head["id"], "home": region(head["region"]) if "region" in head else "intl",
                "plans": [], "packs": [], "apis": [], "api_packs": [], "models": []}
    for t in root.get("plan", []):
        cur = currency(t["currency"])
        price, price_reason = known(t, "price")
        credits, credits_reason = known(t, "credits_per_month")
        provider["plans"].append({
            "kind": "plan", "id": t["id"], "name": t.get("name_local") or t["name"], "region": region(t["region"]),
            "currency": cur, "price": price, "price_reason": price_reason, "basis": t.get("price_basis", "list"),
            "renewal": exact(t["renewal_price"]) if "renewal_price" in t else None,
            "credits": credits, "credits_reason": credits_reason,
            "months": {"year": 12, "quarter": 3}.get(t["billing"], 1), "prov": provenance(t)})
    for t in root.get("pack", []):
        credits, reason = known(t, "credits")
        provider["packs"].append({
            "kind": "pack", "id": t["id"], "name": t.get("name", t["id"]), "region": region(t["region"]),
            "currency": currency(t["currency"]), "price": exact(t["price"]), "credits": credits,
            "credits_reason": reason, "bonus": exact(t.get("bonus_credits", 0)), "prov": provenance(t)})
    for t in root.get("model", []):
        modes = []
        for m in t.get("mode", []):
            if m.get("credits") == "unknown":
                credits, reason = None, m["unknown_reason"]
            else:
                credits, reason = durations(m, "credits"), ""
            modes.append({"id": m["id"], "resolution": m.get("resolution", ""), "audio": m.get("audio", False),
                          "in_app": m.get("in_app", True), "durations": m.get("durations", []), "credits": credits,
                          "credits_reason": reason, "width": m.get("width"), "height": m.get("height"),
                          "fps": m.get("fps"), "prov": provenance(m)})
        provider["models"].append({"id": t["id"], "modes": modes})
    for t in root.get("api", []):
        cur = currency(t["currency"]) if "currency" in t else "USD"
        prov = provenance(t)
        rates = []
        for r in t.get("rate", []):
            rates.append({"model": r["model"], "mode": r["mode"],
                          "per_second": exact(r["per_second"]) if "per_second" in r else None,
                          "per_clip": durations(r, "per_clip"), "units": durations(r, "units"),
                          "per_million": exact(r["per_million_tokens"]) if "per_million_tokens" in r else None,
                          "prov": provenance(r, prov)})
        provider["apis"].append({
            "kind": "api", "id": t["id"], "name": t.get("name", t["id"]),
            "region": region(t["region"]) if "region" in t else "intl", "currency": cur,
            "unit_price": exact(t["unit_price"]) if "unit_price" in t else None, "rates": rates, "prov": prov})
    for t in root.get("api_pack", []):
        provider["api_packs"].append({
            "kind": "api-pack", "id": t["id"], "name": t.get("name", t["id"]), "api": t["api"],
            "region": region(t["region"]), "currency": currency(t["currency"]), "price": exact(t["price"]),
            "units": exact(t["units"]), "prov": provenance(t)})
    return provider


def load_catalog(directory):
    providers, rates = [], []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not name.endswith(".toml") or name.startswith(".") or name.startswith("compute") or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            root = tomllib.load(f)
        if name == "fx.toml":
            for r in root["rate"]:
                rates.append((currency(r["base"]), currency(r["quote"]), exact(r["rate"]), as_date(r["date"])))
        else:
            providers.append(read_provider(root))
    return providers, rates


def usd_factor(rates, cur, day):
    """What one unit of `cur` is in USD on `day`: the latest rate on or before it, else the earliest."""
    if cur == "USD":
        return Fraction(1)
    pair = [r for r in rates if {r[0], r[1]} == {cur, "USD"}]
    before = [r for r in pair if r[3] <= day]
    base, _, rate, _ = max(before, key=lambda r: r[3]) if before else min(pair, key=lambda r: r[3])
    return rate if base == cur else 1 / rate


# ---- quoting -------------------------------------------------------------------------------

class Trust:
    def __init__(self):
        self.confidence, self.as_of, self.inferred, self.sources = 0, None, False, []

    def add(self, p):
        self.confidence = max(self.confidence, p["confidence"])
        if self.as_of is None or p["as_of"] < self.as_of:
            self.as_of = p["as_of"]
        self.inferred = self.inferred or p["inferred"]
        if p["source"] not in self.sources:
            self.sources.append(p["source"])

    def stale(self, day):
        return (day - self.as_of).days > STALE_AFTER_DAYS


def plain(value, cur):
    return f"{format_plain(value)} {cur}"


def quote(provider, model, mode, seconds, offer, day):
    """A row for one generation on one offer, or None when the offer does not sell it."""
    kind = offer["kind"]
    rate = None
    if kind in ("plan", "pack") and not mode["in_app"]:
        return None
    if kind in ("api", "api-pack"):
        api = offer
        if kind == "api-pack":
            api = next((a for a in provider["apis"] if a["id"] == offer["api"] and in_force(a["prov"], day)), None)
            if api is None:
                return None
        rate = next((r for r in api["rates"] if r["model"] == model["id"] and r["mode"] == mode["id"]
                     and in_force(r["prov"], day)), None)
        if rate is None or (kind == "api-pack" and not rate["units"]):
            return None
    q = {"kind": kind, "offer": offer, "model": model, "mode": mode, "seconds": seconds, "currency": offer["currency"],
         "offer_price": None, "basis": "", "reason": "", "clip": None, "trust": Trust(),
         "credits": None, "credit_price": None, "per_clip": None, "tokens": None, "derivation": ""}
    q["trust"].add(offer["prov"])
    if rate is not None:
        q["trust"].add(rate["prov"])
    cur = offer["currency"]

    def in_credits(price, credits, unit="cr"):
        q["offer_price"] = price
        if mode["credits"] is None:
            q["reason"] = "in-app credits per clip unknown: " + mode["credits_reason"]
            return
        q["trust"].add(mode["prov"])
        per_clip = mode["credits"][seconds]
        set_credits(price, credits, per_clip, unit)

    def set_credits(price, credits, per_clip, unit):
        q["credits"], q["credit_price"], q["per_clip"] = credits, price / credits, per_clip
        q["clip"] = price / credits * per_clip
        q["derivation"] = (f"{plain(price, cur)} / {format_plain(credits)} {unit} x {format_plain(per_clip)} {unit} "
                           f"/ {seconds} s")

    if kind == "plan":
        if offer["price"] is None:
            q["reason"] = "plan price unknown: " + offer["price_reason"]
            return q
        basis = offer["basis"]
        if offer["renewal"] is not None:
            price, q["basis"] = offer["renewal"], "auto-renewal" if basis == "auto-renew" else "renewal"
        elif basis == "auto-renew":
            price, q["basis"] = offer["price"], "auto-renewal"
        elif basis in ("first-period", "first-year"):
            price, q["basis"] = offer["price"], basis + " (renewal unknown)"
        else:
            price, q["basis"] = offer["price"], "list"
        q["offer_price"] = price
        if offer["credits"] is None:
            q["reason"] = "plan credits unknown: " + offer["credits_reason"]
            return q
        in_credits(price, offer["credits"] * offer["months"])
    elif kind == "pack":
        q["offer_price"] = offer["price"]
        if offer["credits"] is None:
            q["reason"] = "pack credits unknown: " + offer["credits_reason"]
            return q
        in_credits(offer["price"], offer["credits"] + offer["bonus"])
    elif kind == "api":
        if rate["per_second"] is not None:
            q["clip"] = rate["per_second"] * seconds
            q["derivation"] = f"{plain(q['clip'], cur)} per clip / {seconds} s"
        elif seconds in rate["per_clip"]:
            q["clip"] = rate["per_clip"][seconds]
            q["derivation"] = f"{plain(q['clip'], cur)} per clip / {seconds} s"
        elif rate["per_million"] is not None:
            q["offer_price"] = rate["per_million"]
            if not (mode["width"] and mode["height"] and mode["fps"]):
                q["reason"] = "the mode gives no frame size and rate to count tokens"
                return q
            tokens = Fraction(mode["width"] * mode["height"] * (mode["fps"] * seconds + 1), 1024)
            q["tokens"] = tokens
            q["clip"] = rate["per_million"] * (tokens / 1000000)
            q["derivation"] = (f"{format_plain(tokens)} tokens x {format_plain(rate['per_million'])} {cur}/M tokens "
                               f"/ {seconds} s")
        elif seconds in rate["units"] and offer["unit_price"] is not None:
            units = rate["units"][seconds]
            q["offer_price"] = offer["unit_price"]
            q["per_clip"] = units
            q["clip"] = offer["unit_price"] * units
            q["derivation"] = f"{format_plain(units)} units x {format_plain(offer['unit_price'])} {cur}/unit / {seconds} s"
        else:
            q["reason"] = f"the API price list gives no price for {seconds} s clips"
    else:  # api-pack
        q["offer_price"] = offer["price"]
        if seconds not in rate["units"]:
            q["reason"] = f"units per {seconds} s clip unknown for this API"
            return q
        set_credits(offer["price"], offer["units"], rate["units"][seconds], "units")
    return q


# ---- output --------------------------------------------------------------------------------

def visible(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        o = ord(c)
        if o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif 0x80 <= o <= 0x9F:
            out.append(f"\\u{o:04x}")
        elif o in (0x61C, 0x200E, 0x200F) or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069:
            out.append(f"\\u{o:04x}")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def csv_field(value, text):
    """None: an empty field. Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    s = visible(value)
    if text and value and value[0] in "=+-@\t\r":
        s = "'" + s
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def T(value):  # a text cell
    return (value, True)


def N(value):  # a number cell
    return (value, False)


def B(value):
    return ("true" if value else "false", False)


NULL = (None, False)


def generation_cells(provider, model, mode, seconds):
    return [T(f"{provider['id']}/{model['id']}/{mode['id']}@{seconds}s"), T(provider["id"]), T(model["id"]),
            T(mode["id"]), T(mode["resolution"]), N(str(seconds)), B(mode["audio"])]


def money(value, places):
    return NULL if value is None else N(format_fixed(value, places))


def quantity(value):
    return NULL if value is None else N(format_plain(value))


def priced_row(provider, q, day):
    offer = q["offer"]
    priced = q["clip"] is not None
    per_second = q["clip"] / q["seconds"] if priced else None
    credit_cost = q["kind"] in ("plan", "pack", "api-pack")
    return generation_cells(provider, q["model"], q["mode"], q["seconds"]) + [
        T(q["kind"]), T(offer["id"]), T(offer["name"]), T(offer["region"]), T(q["currency"]),
        money(q["offer_price"], 4 if q["kind"] == "api" else 2), T(q["basis"]) if q["basis"] else NULL,
        quantity(q["credits"]) if priced and credit_cost else NULL,
        money(q["credit_price"], 6) if priced and credit_cost else NULL,
        quantity(q["per_clip"]) if priced else NULL, quantity(q["tokens"]) if priced else NULL,
        money(q["clip"], 4), money(per_second, 4), T(format_exact(per_second)) if priced else NULL, N("1"),
        NULL, NULL, T(q["derivation"]) if priced else NULL, T(CONFIDENCE_NAME[q["trust"].confidence]),
        B(q["trust"].inferred), T(q["trust"].as_of.isoformat()), B(q["trust"].stale(day)),
        T("; ".join(q["trust"].sources)), T(q["reason"]) if q["reason"] else NULL]


def common(group, value, separator=", "):
    values = []
    for q in group:
        v = value(q)
        if v not in values:
            values.append(v)
    if len(values) == 1 and values[0] == "":
        return NULL
    return T(separator.join(values))


def group_row(provider, group, day):
    q = group[0]
    return generation_cells(provider, q["model"], q["mode"], q["seconds"]) + [
        T(q["kind"]), common(group, lambda m: m["offer"]["id"], ","), common(group, lambda m: m["offer"]["name"]),
        common(group, lambda m: m["offer"]["region"]), common(group, lambda m: m["currency"]),
        common(group, lambda m: "" if m["offer_price"] is None
               else format_fixed(m["offer_price"], 4 if m["kind"] == "api" else 2)),
        common(group, lambda m: m["basis"]), NULL, NULL, NULL, NULL, NULL, NULL, NULL, N("1"), NULL, NULL, NULL,
        common(group, lambda m: CONFIDENCE_NAME[m["trust"].confidence]),
        common(group, lambda m: "true" if m["trust"].inferred else "false"),
        common(group, lambda m: m["trust"].as_of.isoformat()),
        common(group, lambda m: "true" if m["trust"].stale(day) else "false"),
        common(group, lambda m: "; ".join(m["trust"].sources)), T(q["reason"])]


def unsold_row(provider, model, mode, seconds, day):
    home = provider["home"]
    trust = Trust()
    trust.add(mode["prov"])
    reason = "no price known" if mode["credits"] is not None else "no price known: " + mode["credits_reason"]
    return generation_cells(provider, model, mode, seconds) + [
        T("none"), NULL, T("no offer with a known price"), T(home), T("CNY" if home == "cn" else "USD"),
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, N("1"), NULL, NULL, NULL,
        T(CONFIDENCE_NAME[trust.confidence]), B(trust.inferred), T(trust.as_of.isoformat()), B(trust.stale(day)),
        T("; ".join(trust.sources)), T(reason)]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    providers, rates = load_catalog(sys.argv[1])
    day = datetime.date.fromisoformat(sys.argv[2])
    factors = {c: usd_factor(rates, c, day) for c in ("CNY", "USD")}
    priced, unpriced, unsold = [], [], []
    for provider in providers:
        offers = [o for kind in ("plans", "packs", "apis", "api_packs") for o in provider[kind]
                  if in_force(o["prov"], day)]
        has_offers = any(provider[k] for k in ("plans", "packs", "apis", "api_packs"))
        for model in provider["models"]:
            for mode in model["modes"]:
                if not in_force(mode["prov"], day):
                    continue
                for seconds in mode["durations"]:
                    for offer in offers:
                        q = quote(provider, model, mode, seconds, offer, day)
                        if q is not None:
                            (priced if q["clip"] is not None else unpriced).append((provider, q))
                    if not has_offers:
                        unsold.append((provider, model, mode, seconds))

    def rank(item):
        provider, q = item
        usd = q["clip"] / q["seconds"] * factors[q["currency"]]
        return (usd, provider["id"], q["model"]["id"], q["mode"]["id"], q["seconds"], KINDS.index(q["kind"]),
                q["offer"]["id"])

    if not (priced or unpriced or unsold):
        sys.stderr.write("vidcost: nothing in the catalog matches; try 'vidcost catalog show'\n")
        sys.exit(2)
    priced.sort(key=rank)
    groups = {}
    for provider, q in unpriced:
        key = (id(q["mode"]), q["seconds"], q["kind"], q["reason"])
        groups.setdefault(key, (provider, []))[1].append(q)

    rows = [priced_row(p, q, day) for p, q in priced]
    rows += [group_row(p, g, day) for p, g in groups.values()]
    rows += [unsold_row(p, m, mode, s, day) for p, m, mode, s in unsold]
    out = [COLUMNS]
    for row in rows:
        out.append(",".join(csv_field(value, text) for value, text in row))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
