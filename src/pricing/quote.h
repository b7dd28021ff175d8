// Per-second prices: one generation bought through one offer (a plan, a credit pack, the API or
// an API unit pack), with the figures the price was derived from and how far to trust it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "catalog/types.h"
#include "pricing/figure_name.h"
#include "pricing/offer.h"
#include "pricing/price_basis.h"
#include "pricing/spec.h"

namespace vidcost {

struct PlanPrice {
  Amount amount;  // per billing period
  std::string what;  // "renewal", "list", "first month", "first year (renewal unknown)", ...
};
// The plan's price on that basis; none when the plan's price is unknown. Falls back to `price`
// (saying so in `what`) when the basis asked for is not in the catalog.
std::optional<PlanPrice> plan_price(const Plan& plan, PriceBasisChoice basis);

struct QuoteOptions {
  Date as_of;
  Rational utilization = 1;  // share of bought credits actually spent, in (0, 1]
  std::optional<Region> region;
  std::optional<OfferKind> kind;  // only offers of this kind
  PriceBasisChoice price_basis = PriceBasisChoice::Renewal;
};

// How a clip is priced, one alternative per rule.
struct CreditCost {  // plans and packs (credits), API packs (units): price / credits x credits per clip
  Amount offer_price;
  Rational offer_credits;
  Rational per_clip;
  Amount credit_price;  // offer_price / offer_credits, kept: every row of a comparison shows it

  CreditCost(Amount price, Rational credits, Rational clip)
      : offer_price(std::move(price)), offer_credits(std::move(credits)), per_clip(std::move(clip)),
        credit_price(offer_price / offer_credits) {}
};
struct UnitCost {  // an API billed in units: units per clip x unit price
  Amount unit_price;
  Rational units;
};
struct TokenCost {  // an API billed by output tokens: tokens x price per million
  Amount per_million;
  Rational tokens;
};
struct ClipCost {  // an API priced per clip
  Amount per_clip;
};
struct SecondCost {  // an API priced per second of video
  Amount per_second;
};
using CostBasis = std::variant<CreditCost, UnitCost, TokenCost, ClipCost, SecondCost>;

struct Price {
  CostBasis basis;
  Amount clip;        // one clip, after the buyer's utilization
  Amount per_second;  // clip / seconds
};

using SourceKeys = boost::container::small_vector<std::string_view, 4>;

// The weakest confidence, the oldest source date (and what that figure is) and every source a
// figure rests on.
struct Trust {
  Confidence confidence = Confidence::High;
  Date as_of{9999, 12, 31};
  Date newest{1900, 1, 1};  // the newest source a figure rests on: when the price was known
  FigureName oldest;  // what the oldest figure is: "plan gold of kling", "credits per clip"...
  bool inferred = false;
  std::vector<std::string> inferred_figures;  // what the inferred figures are, where named
  // Every source key, each once: views of the catalog's text, like the quote's, so a trust
  // lives no longer than its catalog. Room for four inline: a quote rests on a few.
  SourceKeys sources;
  std::span<const std::string_view> source_keys() const { return {sources.data(), sources.size()}; }
  // The days every figure it rests on is in force: the intersection of their windows.
  Effective valid;

  void add(const Provenance& p, const FigureName& name);
  void add(const Provenance& p, std::string_view what = "") { add(p, FigureName(what)); }
  void merge(const Trust& other);
  // Days from its oldest figure to `date` (negative: none).
  long age_at(const Date& date) const { return age_on(date.days_since_epoch()); }
  long age_on(long day) const { return as_of.year > 9000 ? -1 : day - as_of.days_since_epoch(); }  // day: since 1970
};

struct Quote {
  Generation generation;
  OfferKind kind = OfferKind::Plan;
  // The offer's id and name: views of the catalog's text, as the generation points at it (a
  // quote lives no longer than the catalog it was made from).
  std::string_view offer_id;
  std::string_view offer_name;
  Region region = Region::Intl;
  Currency currency = Currency::USD;
  Rational utilization = 1;  // applied to prepaid offers; 1 for pay-as-you-go

  std::optional<Price> price;         // set when priced
  std::optional<Amount> offer_price;  // the offer's own price (per period, pack, unit), also when unpriced
  std::string price_basis;            // for a plan: which of its prices (renewal, list, first month...)
  std::string unpriced_reason;        // set when not priced: why
  Trust trust;

  bool priced() const { return price.has_value(); }
  // "37 USD / 3000 cr x 35 cr / 5 s": the arithmetic behind the per-second price.
  std::string derivation() const;
  void append_derivation(std::string& out) const;
  // Figures of the basis, for display, where they are kept (no copy); null where the basis has none.
  const Rational* offer_credits() const;
  const Amount* credit_price() const;
  const Rational* credits_per_clip() const;
  const Rational* tokens_per_clip() const;

 private:
  template <typename Basis>
  const Basis* basis() const { return price ? std::get_if<Basis>(&price->basis) : nullptr; }
};

// A product the catalog knows but no offer of it sells at a known price (Baidu MuseSteamer):
// listed, never priced at zero.
struct Unsold {
  Generation generation;
  Region region = Region::Intl;
  Currency currency = Currency::USD;
  std::string reason;
  Trust trust;
};

// Every offer of the generation's provider that can sell it, in offer-table order.
std::vector<Quote> quote_all(const Generation& g, const QuoteOptions& options);
// The quote on one offer; nullopt when the offer does not sell the generation.
std::optional<Quote> quote_offer(const Generation& g, const OfferRef& offer, const QuoteOptions& options);
// The same, made in place in `q` (a Quote fresh from its default constructor): a list of quotes
// makes each where it stays. False (and `q` left partly filled) when the offer does not sell it.
bool quote_offer_into(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options);
// Set when the provider has no offer at all that could sell the generation.
std::optional<Unsold> unsold(const Generation& g, const QuoteOptions& options);

// The pricing rules, one per kind (the offer table points at them): each fills a fresh `q` and
// returns false when the offer does not sell the generation.
bool quote_plan(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options);
bool quote_pack(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options);
bool quote_api(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options);
bool quote_api_pack(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options);

}  // namespace vidcost
