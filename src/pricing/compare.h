// `compare`: every generation a request matches on every offer, ranked cheapest first, with the
// combinations no offer prices (and why) after them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pricing/market.h"
#include "pricing/quote.h"

namespace vidcost {

// What a comparison is ranked and shown by: per second of video, per minute of video (as
// Artificial Analysis reports), or per clip.
enum class PriceUnit { Second, Minute, Clip };
std::optional<PriceUnit> parse_price_unit(std::string_view text);

struct CompareRequest {
  std::vector<SpecPattern> patterns;    // a union of patterns; none: every generation
  std::vector<std::string> providers;   // ids or aliases; none: every provider
  std::optional<std::string> resolution;
  std::optional<int> seconds;           // only clips of this length
  std::optional<OfferKind> kind;        // only offers of this kind
  Rational utilization = 1;             // the buyer's credit utilization
  // Ranked by this unit; without a length (in `seconds` or the patterns) each product is then
  // compared at its default clip, the first length its mode lists.
  PriceUnit unit = PriceUnit::Second;
  bool best = false;                    // only the cheapest offer of each generation
  bool group_by_currency = false;       // rows grouped by their own currency, each group ranked
};

// The quotes are made once and stay where they were made; the ranking and the groups point at
// them (a comparison of the whole catalog never moves ~1 KB quotes around). Move-only, so the
// pointers always point into its own `quotes`.
struct CompareResult {
  std::vector<Quote> quotes;                         // every quote made, in generation and offer order
  std::vector<const Quote*> priced;                  // cheapest first in `rank_currency`
  std::vector<std::vector<const Quote*>> unpriced;   // each group: one generation, one kind, one reason
  std::vector<Unsold> unsold;
  Currency rank_currency = Currency::USD;            // the display currency, or USD
  bool mixed_currencies = false;                     // priced rows in more than one currency

  CompareResult() = default;
  CompareResult(CompareResult&&) = default;
  CompareResult& operator=(CompareResult&&) = default;
  CompareResult(const CompareResult&) = delete;
  CompareResult& operator=(const CompareResult&) = delete;
};

// Error::unknown for an unknown provider, Error::bad_input when nothing matches.
CompareResult compare(const Market& market, const CompareRequest& request);

// The price in `unit`: per second, x 60, or x the clip's seconds (after utilization).
Amount in_unit(const Quote& q, PriceUnit unit);

}  // namespace vidcost
