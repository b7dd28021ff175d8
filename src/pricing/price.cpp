#include "pricing/price.h"

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {

PriceResult price(const Market& market, const PriceRequest& request) {
  const QuoteOptions options{market.date, request.utilization, market.region, std::nullopt};
  PriceResult result;
  for (const auto& g : resolve_generations(*market.catalog, request.spec, market.date, true)) {
    const auto offers = chosen_offers(*g.provider, request.offer, market.date, market.region);
    const bool one = request.offer.kind && !request.offer.id.empty();
    for (const OfferRef& offer : offers) {
      auto q = quote_offer(g, offer, options);
      if (q) {
        result.quotes.push_back(std::move(*q));
      } else if (one) {
        const auto& kind = offer_kind(offer.kind);
        throw Error::bad_input(kind.credits_in_app && !g.mode->in_app
                                   ? fmt::format("{} is sold only through the API, not on {}", g.spec(), kind.plural)
                                   : fmt::format("{} '{}' does not sell {}", kind.noun, offer.id(), g.spec()));
      }
    }
    if (!request.offer.kind) {
      if (auto u = unsold(g, options)) result.unsold.push_back(std::move(*u));
    }
  }
  if (result.quotes.empty() && result.unsold.empty()) {
    throw Error::bad_input(fmt::format("no offer of the catalog prices {}{}", request.spec.to_string(),
                                       market.region ? fmt::format(" in region {}", region_name(*market.region)) : ""));
  }
  return result;
}

}  // namespace vidcost
