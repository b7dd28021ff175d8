// Per-second prices: one generation bought through one offer (a plan, a credit pack, the API
// or an API unit pack), with every number the price was derived from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/types.h"
#include "pricing/spec.h"

namespace vidcost {

enum class OfferKind { Plan, Pack, Api, ApiPack };
std::string_view offer_kind_name(OfferKind kind);
std::optional<OfferKind> parse_offer_kind(std::string_view text);

struct Quote {
  Generation generation;
  OfferKind kind = OfferKind::Plan;
  std::string offer_id;
  std::string offer_name;
  Region region = Region::Intl;
  Currency currency = Currency::USD;

  std::optional<Amount> offer_price;     // plan price per period, pack price, or API unit price
  std::optional<Rational> offer_credits;  // credits (or units) the offer price buys
  std::optional<Amount> credit_price;    // offer price / offer credits
  std::optional<Rational> credits_per_clip;
  std::optional<Rational> tokens_per_clip;  // token-billed APIs
  std::optional<Amount> clip_price;
  std::optional<Amount> per_second;  // after utilization
  Rational utilization = 1;

  Confidence confidence = Confidence::High;
  Date as_of;
  bool inferred = false;
  std::vector<std::string> sources;
  std::string unpriced_reason;  // non-empty: no price can be given, and why

  bool priced() const { return per_second.has_value(); }
  // "37 USD / 3000 cr x 35 cr / 5 s": the arithmetic behind per_second.
  std::string derivation() const;
};

struct QuoteOptions {
  Date as_of;
  Rational utilization = 1;  // share of bought credits actually spent, in (0, 1]
  std::optional<Region> region;
  std::optional<OfferKind> kind;  // only offers of this kind
};

// Every offer of the generation's provider that can buy it.
std::vector<Quote> quote_all(const Generation& g, const QuoteOptions& options);

Quote quote_plan(const Generation& g, const Plan& plan, const QuoteOptions& options);
Quote quote_pack(const Generation& g, const Pack& pack, const QuoteOptions& options);
// nullopt when the offer has no rate for the generation's model and mode.
std::optional<Quote> quote_api(const Generation& g, const ApiOffer& offer, const QuoteOptions& options);
std::optional<Quote> quote_api_pack(const Generation& g, const ApiPack& pack, const QuoteOptions& options);

}  // namespace vidcost
