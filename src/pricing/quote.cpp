#include "pricing/quote.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace vidcost {
namespace {

// Fills a fresh quote with what every kind shares: the generation, the offer and its figure.
void start(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  q.generation = g;
  q.kind = offer.kind;
  q.offer_id = offer.id();
  q.offer_name = offer.name();
  q.region = offer.region();
  q.currency = offer.currency();
  q.utilization = offer_kind(offer.kind).utilization_applies ? options.utilization : Rational(1);
  q.trust.add(offer.provenance(), FigureName::offer(offer_kind_name(offer.kind), q.offer_id, *g.provider));
}

// As start(), for an offer priced by an API rate, whose figure the quote rests on too.
void start_on_rate(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options,
                   const ApiRate& rate) {
  start(q, g, offer, options);
  q.trust.add(rate.provenance, FigureName::of_generation("API price of", g));
}

// Prices a clip from its raw cost: the clip after utilization, then per second.
void set_price(Quote& q, CostBasis basis, const Amount& raw_clip) {
  // Dividing by a utilization of 1 would still normalise a multi-precision fraction.
  Amount clip = q.utilization == 1 ? raw_clip : raw_clip / q.utilization;
  Amount per_second = clip / Rational(q.generation.seconds);
  q.price = Price{std::move(basis), std::move(clip), std::move(per_second)};
}

// Credits per clip from the mode, or the reason there are none.
std::optional<Rational> mode_credits(Quote& q) {
  const Mode& mode = *q.generation.mode;
  if (!mode.credits.known()) {
    q.unpriced_reason = "in-app credits per clip unknown: " + mode.credits.reason;
    return std::nullopt;
  }
  q.trust.add(mode.provenance, FigureName::of_generation("credits per clip of", q.generation));
  return mode.credits.value->at(q.generation.seconds);
}

// Prices a clip bought with credits (or an API pack's units): the credit's price times the credits.
void set_credit_price(Quote& q, CreditCost cost) {
  const Amount clip = cost.credit_price * cost.per_clip;
  set_price(q, std::move(cost), clip);
}

void price_in_credits(Quote& q, const Amount& offer_price, const Rational& offer_credits) {
  q.offer_price = offer_price;
  const auto credits = mode_credits(q);
  if (!credits) return;
  set_credit_price(q, CreditCost(offer_price, offer_credits, *credits));
}

const ApiRate* find_rate(const ApiOffer& offer, const Generation& g, const Date& as_of) {
  for (const auto& rate : offer.rates) {
    if (rate.model == g.model->id && rate.mode == g.mode->id && rate.provenance.effective.contains(as_of)) {
      return &rate;
    }
  }
  return nullptr;
}


}  // namespace

std::optional<PlanPrice> plan_price(const Plan& plan, PriceBasisChoice basis) {
  if (!plan.price.known()) return std::nullopt;
  const Amount& price = *plan.price.value;
  const PriceBasis own = plan.price_basis;
  const bool promotional = own == PriceBasis::FirstPeriod || own == PriceBasis::FirstYear;
  switch (basis) {
    case PriceBasisChoice::Renewal:
      if (plan.renewal_price) return PlanPrice{*plan.renewal_price, own == PriceBasis::AutoRenew ? "auto-renewal" : "renewal"};
      if (own == PriceBasis::AutoRenew) return PlanPrice{price, "auto-renewal"};
      if (promotional) return PlanPrice{price, std::string(price_basis_name(own)) + " (renewal unknown)"};
      return PlanPrice{price, "list"};
    case PriceBasisChoice::List:
      if (plan.list_price) return PlanPrice{*plan.list_price, "list"};
      if (own == PriceBasis::List) return PlanPrice{price, "list"};
      return PlanPrice{price, std::string(price_basis_name(own)) + " (list unknown)"};
    case PriceBasisChoice::First:
      if (plan.first_month_price && plan.billing == Billing::Month) return PlanPrice{*plan.first_month_price, "first month"};
      if (promotional) return PlanPrice{price, std::string(price_basis_name(own))};
      return PlanPrice{price, std::string(price_basis_name(own)) + " (no introductory price)"};
  }
  return std::nullopt;
}

namespace {

void narrow(Effective& window, const Effective& by) {
  if (by.from && (!window.from || *window.from < *by.from)) window.from = by.from;
  if (by.to && (!window.to || *by.to < *window.to)) window.to = by.to;
}

}  // namespace

void Trust::add(const Provenance& p, const FigureName& name) {
  narrow(valid, p.effective);
  confidence = std::max(confidence, p.confidence);  // High < Medium < Low
  if (newest < p.as_of) newest = p.as_of;
  if (p.as_of < as_of) {
    as_of = p.as_of;
    oldest = name;  // a name's parts, not its text: few are shown
  }
  if (p.inferred) {
    inferred = true;
    if (!name.empty()) {
      std::string what = name.str();
      if (std::find(inferred_figures.begin(), inferred_figures.end(), what) == inferred_figures.end()) {
        inferred_figures.push_back(std::move(what));
      }
    }
  }
  if (std::find(sources.begin(), sources.end(), p.source) == sources.end()) sources.push_back(p.source);
}

void Trust::merge(const Trust& other) {
  narrow(valid, other.valid);
  confidence = std::max(confidence, other.confidence);
  if (newest < other.newest) newest = other.newest;
  if (other.as_of < as_of) {
    as_of = other.as_of;
    oldest = other.oldest;
  }
  inferred = inferred || other.inferred;
  for (const auto& f : other.inferred_figures) {
    if (std::find(inferred_figures.begin(), inferred_figures.end(), f) == inferred_figures.end()) inferred_figures.push_back(f);
  }
  for (const auto& s : other.sources) {
    if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
  }
}

namespace {

// Writes the parts of a derivation on the stack and appends them to the text at once (or when
// the buffer fills): every row of a comparison has one, so no format strings, and one append
// instead of a dozen. Literal parts are copied with their size known, numbers written in place.
class Derivation {
 public:
  explicit Derivation(std::string& text) : text_(text) {}
  template <std::size_t N>
  Derivation& operator<<(const char (&literal)[N]) {
    room(N);
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
    return *this;
  }
  Derivation& operator<<(std::string_view s) {
    if (s.size() > sizeof buffer_ / 2) {
      flush();
      text_.append(s);
      return *this;
    }
    room(s.size());
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
    return *this;
  }
  Derivation& operator<<(int i) {
    room(16);
    at_ = std::to_chars(at_, at_ + 16, i).ptr;
    return *this;
  }
  Derivation& operator<<(const Rational& r) {
    room(kDecimalRoom);
    if (char* end = write_plain(at_, r)) {
      at_ = end;
    } else {
      flush();
      append_plain(text_, r);
    }
    return *this;
  }
  Derivation& operator<<(const Amount& a) { return *this << a.value << " " << currency_code(a.currency); }
  void flush() {
    text_.append(buffer_, static_cast<std::size_t>(at_ - buffer_));
    at_ = buffer_;
  }

 private:
  void room(std::size_t n) {
    if (static_cast<std::size_t>(buffer_ + sizeof buffer_ - at_) < n) flush();
  }
  std::string& text_;
  char buffer_[256];
  char* at_ = buffer_;
};

}  // namespace

std::string Quote::derivation() const {
  std::string text;
  append_derivation(text);
  return text;
}

void Quote::append_derivation(std::string& out) const {
  if (!price) return;
  Derivation d{out};
  const int s = generation.seconds;
  if (const auto* c = std::get_if<CreditCost>(&price->basis)) {
    const std::string_view unit = kind == OfferKind::ApiPack ? "units" : "cr";
    d << c->offer_price << " / " << c->offer_credits << " " << unit << " x " << c->per_clip << " " << unit << " / " << s
      << " s";
    if (utilization != 1) d << " / U " << utilization;
  } else if (const auto* u = std::get_if<UnitCost>(&price->basis)) {
    d << u->units << " units x " << u->unit_price.value << " " << currency_code(u->unit_price.currency) << "/unit / "
      << s << " s";
  } else if (const auto* t = std::get_if<TokenCost>(&price->basis)) {
    d << t->tokens << " tokens x " << t->per_million.value << " " << currency_code(t->per_million.currency)
      << "/M tokens / " << s << " s";
  } else if (const auto* k = std::get_if<ClipCost>(&price->basis)) {
    d << k->per_clip << " per clip / " << s << " s";
  } else if (const auto* e = std::get_if<SecondCost>(&price->basis)) {
    d << e->per_second * Rational(generation.seconds) << " per clip / " << s << " s";
  }
  d.flush();
}

const Rational* Quote::offer_credits() const {
  const auto* c = basis<CreditCost>();
  return c ? &c->offer_credits : nullptr;
}

const Amount* Quote::credit_price() const {
  const auto* c = basis<CreditCost>();
  return c ? &c->credit_price : nullptr;
}

const Rational* Quote::credits_per_clip() const {
  if (const auto* c = basis<CreditCost>()) return &c->per_clip;
  if (const auto* u = basis<UnitCost>()) return &u->units;
  return nullptr;
}

const Rational* Quote::tokens_per_clip() const {
  const auto* t = basis<TokenCost>();
  return t ? &t->tokens : nullptr;
}

bool quote_plan(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  const Plan& plan = *std::get<const Plan*>(offer.entry);
  start(q, g, offer, options);
  const auto price = plan_price(plan, options.price_basis);
  if (!price) {
    q.unpriced_reason = "plan price unknown: " + plan.price.reason;
    return true;
  }
  q.offer_price = price->amount;
  q.price_basis = price->what;
  if (!plan.credits_per_month.known()) {
    q.unpriced_reason = "plan credits unknown: " + plan.credits_per_month.reason;
    return true;
  }
  price_in_credits(q, price->amount, *plan.credits_per_month.value * plan.months());
  return true;
}

bool quote_pack(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  const Pack& pack = *std::get<const Pack*>(offer.entry);
  start(q, g, offer, options);
  q.offer_price = pack.price;
  if (!pack.credits.known()) {
    q.unpriced_reason = "pack credits unknown: " + pack.credits.reason;
    return true;
  }
  price_in_credits(q, pack.price, *pack.credits.value + pack.bonus_credits);
  return true;
}

bool quote_api(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  const ApiOffer& api = *std::get<const ApiOffer*>(offer.entry);
  const ApiRate* rate = find_rate(api, g, options.as_of);
  if (!rate) return false;
  start_on_rate(q, g, offer, options, *rate);
  const int s = g.seconds;
  if (rate->per_second) {
    set_price(q, SecondCost{*rate->per_second}, *rate->per_second * Rational(s));
  } else if (auto clip = rate->per_clip.find(s); clip != rate->per_clip.end()) {
    set_price(q, ClipCost{clip->second}, clip->second);
  } else if (rate->per_million_tokens) {
    q.offer_price = *rate->per_million_tokens;
    const auto tokens = clip_tokens(*g.mode, s);
    if (!tokens) {
      q.unpriced_reason = "the mode gives no frame size and rate to count tokens";
      return true;
    }
    set_price(q, TokenCost{*rate->per_million_tokens, *tokens}, *rate->per_million_tokens * (*tokens / 1000000));
  } else if (auto units = rate->units.find(s); units != rate->units.end() && api.unit_price) {
    q.offer_price = *api.unit_price;
    set_price(q, UnitCost{*api.unit_price, units->second}, *api.unit_price * units->second);
  } else {
    q.unpriced_reason = fmt::format("the API price list gives no price for {} s clips", s);
  }
  return true;
}

bool quote_api_pack(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  const ApiPack& pack = *std::get<const ApiPack*>(offer.entry);
  const ApiOffer* api = find_api(*g.provider, pack.api, options.as_of);
  if (!api) return false;
  const ApiRate* rate = find_rate(*api, g, options.as_of);
  if (!rate || rate->units.empty()) return false;  // units buy only rates billed in units
  start_on_rate(q, g, offer, options, *rate);
  q.offer_price = pack.price;
  const auto units = rate->units.find(g.seconds);
  if (units == rate->units.end()) {
    q.unpriced_reason = fmt::format("units per {} s clip unknown for this API", g.seconds);
    return true;
  }
  set_credit_price(q, CreditCost(pack.price, pack.units, units->second));
  return true;
}

bool quote_offer_into(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  const OfferKindInfo& info = offer_kind(offer.kind);
  if (info.credits_in_app && !g.mode->in_app) return false;
  return info.quote(q, g, offer, options);
}

std::optional<Quote> quote_offer(const Generation& g, const OfferRef& offer, const QuoteOptions& options) {
  std::optional<Quote> q(std::in_place);
  if (!quote_offer_into(*q, g, offer, options)) return std::nullopt;
  return q;
}

std::vector<Quote> quote_all(const Generation& g, const QuoteOptions& options) {
  const std::vector<OfferRef> offers = offers_of(*g.provider, options.as_of, options.kind, options.region);
  std::vector<Quote> quotes;
  quotes.reserve(offers.size());
  for (const OfferRef& offer : offers) {
    if (!quote_offer_into(quotes.emplace_back(), g, offer, options)) quotes.pop_back();
  }
  return quotes;
}

std::optional<Unsold> unsold(const Generation& g, const QuoteOptions& options) {
  const Provider& p = *g.provider;
  const bool has_offers = !p.plans.empty() || !p.packs.empty() || !p.apis.empty() || !p.api_packs.empty();
  const Region home = p.home_region.value_or(Region::Intl);
  if (has_offers || (options.region && *options.region != home)) return std::nullopt;
  Unsold u{g, home, home == Region::CN ? Currency::CNY : Currency::USD,
           g.mode->credits.known() ? "no price known" : "no price known: " + g.mode->credits.reason, {}};
  u.trust.add(g.mode->provenance, fmt::format("mode {}", g.spec()));
  return u;
}

}  // namespace vidcost
