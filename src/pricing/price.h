// `price`: the per-second price of one generation on the offers a request chooses.
#pragma once

#include <vector>

#include "pricing/market.h"
#include "pricing/quote.h"

namespace vidcost {

struct PriceRequest {
  SpecPattern spec;          // must name one generation (provider/model/mode@duration)
  OfferChoice offer;         // default: every offer
  Rational utilization = 1;  // the buyer's credit utilization, in (0, 1]
};

struct PriceResult {
  std::vector<Quote> quotes;  // in offer-table order
  std::vector<Unsold> unsold;
};

// Error::unknown for names that do not exist, Error::bad_input when the chosen offer cannot sell
// the generation or nothing prices it.
PriceResult price(const Market& market, const PriceRequest& request);

}  // namespace vidcost
