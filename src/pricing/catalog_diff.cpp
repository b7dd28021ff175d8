#include "pricing/catalog_diff.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace vidcost {
namespace {

using Fields = std::map<std::string, std::string>;

struct Entry {
  std::string provider;
  std::string name;
  Effective effective;
  Location where;
  Fields fields;
};

std::string effective_key(const Effective& e) { return e.from ? " from " + e.from->to_string() : ""; }

std::string amount_text(const Amount& a) { return format_plain(a.value, 12) + " " + std::string(currency_code(a.currency)); }
std::string opt_amount(const std::optional<Amount>& a) { return a ? amount_text(*a) : ""; }

template <typename T>
std::string known_text(const Known<T>& k, std::string (*text)(const T&)) {
  return k.known() ? text(*k.value) : "unknown (" + k.reason + ")";
}

std::string rational_text(const Rational& r) { return format_plain(r, 12); }
std::string amount_ref(const Amount& a) { return amount_text(a); }

std::string durations_text(const std::map<int, Rational>& m) {
  std::string out;
  for (const auto& [s, v] : m) out += fmt::format("{}{}s: {}", out.empty() ? "" : ", ", s, rational_text(v));
  return out;
}

std::string clips_text(const std::map<int, Amount>& m) {
  std::string out;
  for (const auto& [s, v] : m) out += fmt::format("{}{}s: {}", out.empty() ? "" : ", ", s, amount_text(v));
  return out;
}

// "plan pro", "api_pack trial-1000": entries are named by the catalog's name of their kind.
std::string entry_name(OfferKind kind, const std::string& id) {
  return std::string(offer_kind(kind).catalog_key) + " " + id;
}

void provenance_fields(Fields& f, const Provenance& p) {
  f["source"] = p.source;
  f["as_of"] = p.as_of.to_string();
  f["confidence"] = std::string(confidence_name(p.confidence));
  f["inferred"] = p.inferred ? "true" : "false";
  f["note"] = p.note;
  f["effective_to"] = p.effective.to ? p.effective.to->to_string() : "";
}

std::vector<Entry> flatten(const Catalog& c) {
  std::vector<Entry> out;
  auto add = [&](const Provider& p, std::string name, const Provenance& prov, Fields f) {
    provenance_fields(f, prov);
    out.push_back({p.id, std::move(name), prov.effective, prov.where, std::move(f)});
  };
  for (const auto& p : c.providers) {
    for (const auto& x : p.plans) {
      add(p, entry_name(OfferKind::Plan, x.id), x.provenance,
          {{"name", x.name},
           {"region", std::string(region_name(x.region))},
           {"billing", std::string(billing_name(x.billing))},
           {"price_basis", std::string(price_basis_name(x.price_basis))},
           {"price", known_text(x.price, &amount_ref)},
           {"list_price", opt_amount(x.list_price)},
           {"first_month_price", opt_amount(x.first_month_price)},
           {"renewal_price", opt_amount(x.renewal_price)},
           {"credits_per_month", known_text(x.credits_per_month, &rational_text)},
           {"credits_roll_over", x.credits_roll_over ? "true" : "false"}});
    }
    for (const auto& x : p.packs) {
      add(p, entry_name(OfferKind::Pack, x.id), x.provenance,
          {{"name", x.name},
           {"region", std::string(region_name(x.region))},
           {"price", amount_text(x.price)},
           {"credits", known_text(x.credits, &rational_text)},
           {"bonus_credits", rational_text(x.bonus_credits)},
           {"validity_days", x.validity_days ? std::to_string(*x.validity_days) : ""},
           {"max_per_account", x.max_per_account ? std::to_string(*x.max_per_account) : ""}});
    }
    for (const auto& m : p.models) {
      for (const auto& x : m.modes) {
        add(p, fmt::format("mode {}/{}", m.id, x.id), x.provenance,
            {{"resolution", x.resolution},
             {"audio", x.audio ? "true" : "false"},
             {"in_app", x.in_app ? "true" : "false"},
             {"durations", fmt::format("{}", fmt::join(x.durations, ", "))},
             {"credits", x.credits.known() ? durations_text(*x.credits.value) : "unknown (" + x.credits.reason + ")"},
             {"succeeds", x.succeeds}});
      }
    }
    for (const auto& a : p.apis) {
      add(p, entry_name(OfferKind::Api, a.id), a.provenance,
          {{"name", a.name}, {"region", std::string(region_name(a.region))}, {"unit_price", opt_amount(a.unit_price)}});
      for (const auto& r : a.rates) {
        add(p, fmt::format("rate {} {}/{}", a.id, r.model, r.mode), r.provenance,
            {{"per_second", opt_amount(r.per_second)},
             {"per_clip", clips_text(r.per_clip)},
             {"units", durations_text(r.units)}});
      }
    }
    for (const auto& x : p.api_packs) {
      add(p, entry_name(OfferKind::ApiPack, x.id), x.provenance,
          {{"name", x.name},
           {"api", x.api},
           {"region", std::string(region_name(x.region))},
           {"price", amount_text(x.price)},
           {"units", rational_text(x.units)},
           {"validity_days", x.validity_days ? std::to_string(*x.validity_days) : ""},
           {"max_per_account", x.max_per_account ? std::to_string(*x.max_per_account) : ""}});
    }
    for (const auto& f : p.free) add(p, "free", f.provenance, {{"daily_credits", rational_text(f.daily_credits)}});
  }
  for (const auto& r : c.fx.rates()) {
    Entry e;
    e.provider = "fx";
    e.name = fmt::format("rate {}/{} on {}", currency_code(r.base), currency_code(r.quote), r.date.to_string());
    e.fields = {{"rate", rational_text(r.rate)}, {"source", r.source}};
    out.push_back(std::move(e));
  }
  return out;
}

std::string key_of(const Entry& e) { return e.provider + "\x1f" + e.name + effective_key(e.effective); }

std::vector<FieldChange> all_fields(const Fields& f, bool added) {
  std::vector<FieldChange> out;
  for (const auto& [k, v] : f) {
    if (v.empty()) continue;
    out.push_back(added ? FieldChange{k, "", v} : FieldChange{k, v, ""});
  }
  return out;
}

void add_dates(std::set<Date>& dates, const Effective& e) {
  if (e.from) dates.insert(*e.from);
  if (e.to) dates.insert(*e.to);
}

using QuoteMap = std::map<std::string, Quote>;

QuoteMap all_quotes(const Catalog& c, const Date& d, std::optional<Region> region, PriceBasisChoice basis) {
  QuoteMap out;
  QuoteOptions options{d, 1, region, std::nullopt, basis};
  for (const auto& g : resolve_generations(c, SpecPattern{}, d, false)) {
    for (auto& q : quote_all(g, options)) {
      out.emplace(fmt::format("{} {}:{}", g.spec(), offer_kind_name(q.kind), q.offer_id), std::move(q));
    }
  }
  return out;
}

bool same_price(const Quote& a, const Quote& b) {
  if (a.priced() != b.priced()) return false;
  if (!a.priced()) return a.unpriced_reason == b.unpriced_reason;
  return a.price->per_second == b.price->per_second;
}

}  // namespace

std::string_view change_kind_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Changed: return "changed";
    case ChangeKind::Replaces: return "new version";
  }
  return "";
}

CatalogDiff diff_catalogs(const Catalog& before, const Catalog& after, const Date& as_of,
                          std::optional<Region> region, PriceBasisChoice basis) {
  CatalogDiff diff;
  const auto old_entries = flatten(before);
  const auto new_entries = flatten(after);
  std::map<std::string, const Entry*> old_by_key, new_by_key;
  for (const auto& e : old_entries) old_by_key.emplace(key_of(e), &e);
  for (const auto& e : new_entries) new_by_key.emplace(key_of(e), &e);
  std::set<Date> dates{as_of};
  // The entry a dated one takes over from: same name, ending the day it starts.
  auto predecessor = [&](const Entry& e) -> const Entry* {
    if (!e.effective.from) return nullptr;
    for (const auto& other : new_entries) {
      if (&other != &e && other.provider == e.provider && other.name == e.name && other.effective.to &&
          *other.effective.to == *e.effective.from) {
        return &other;
      }
    }
    return nullptr;
  };
  for (const auto& e : new_entries) {
    auto old = old_by_key.find(key_of(e));
    if (old == old_by_key.end()) {
      if (const Entry* before = predecessor(e)) {
        // A new version of an entry: what it changes, field by field, and what it drops.
        std::vector<FieldChange> changed;
        for (const auto& [k, v] : before->fields) {
          if (k == "effective_to") continue;
          const auto now = e.fields.find(k);
          const std::string after = now == e.fields.end() ? "" : now->second;
          if (after == v) continue;
          changed.push_back({k, v, after.empty() && !v.empty() ? "(removed)" : after});
        }
        for (const auto& [k, v] : e.fields) {
          if (!before->fields.count(k) && !v.empty()) changed.push_back({k, "", v});
        }
        diff.entries.push_back({ChangeKind::Replaces, e.provider, e.name + effective_key(e.effective), e.where,
                                changed});
      } else {
        diff.entries.push_back({ChangeKind::Added, e.provider, e.name + effective_key(e.effective), e.where,
                                all_fields(e.fields, true)});
      }
      add_dates(dates, e.effective);
      continue;
    }
    std::vector<FieldChange> changed;
    for (const auto& [k, v] : e.fields) {
      const auto o = old->second->fields.find(k);
      const std::string was = o == old->second->fields.end() ? "" : o->second;
      if (was != v) changed.push_back({k, was, v});
    }
    if (!changed.empty()) {
      diff.entries.push_back({ChangeKind::Changed, e.provider, e.name + effective_key(e.effective), e.where, changed});
      add_dates(dates, e.effective);
      add_dates(dates, old->second->effective);
    }
  }
  for (const auto& e : old_entries) {
    if (new_by_key.count(key_of(e))) continue;
    diff.entries.push_back({ChangeKind::Removed, e.provider, e.name + effective_key(e.effective), e.where,
                            all_fields(e.fields, false)});
    add_dates(dates, e.effective);
  }
  if (diff.entries.empty()) return diff;

  std::set<std::string> reported;  // "key before-price after-price"
  for (const Date& d : dates) {
    const QuoteMap old_quotes = all_quotes(before, d, region, basis);
    const QuoteMap new_quotes = all_quotes(after, d, region, basis);
    auto seen = [&](const std::string& key, const std::optional<Quote>& a, const std::optional<Quote>& b) {
      auto text = [](const std::optional<Quote>& q) {
        return q && q->priced() ? rational_text(q->price->per_second.value) : q ? "unpriced" : "-";
      };
      return !reported.insert(key + " " + text(a) + " " + text(b)).second;
    };
    for (const auto& [key, q] : new_quotes) {
      auto old = old_quotes.find(key);
      if (old == old_quotes.end()) {
        if (!seen(key, std::nullopt, q)) diff.prices.push_back({d, ChangeKind::Added, std::nullopt, q});
      } else if (!same_price(old->second, q)) {
        if (!seen(key, old->second, q)) diff.prices.push_back({d, ChangeKind::Changed, old->second, q});
      }
    }
    for (const auto& [key, q] : old_quotes) {
      if (!new_quotes.count(key) && !seen(key, q, std::nullopt)) {
        diff.prices.push_back({d, ChangeKind::Removed, q, std::nullopt});
      }
    }
  }
  return diff;
}

}  // namespace vidcost
