#include "pricing/price.h"

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {

PriceResult price(const Market& market, const PriceRequest& request) {
  const QuoteOptions options{market.date, request.utilization, market.region, std::nullopt, market.price_basis};
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
    // Offers that sold it once but ended before the market's date, or start only after it: say when.
    std::optional<Date> ended, starts;
    std::string ended_offer, starting_offer;
    auto in_market = [&](Region r) { return !market.region || *market.region == r; };
    for (const auto& g : resolve_generations(*market.catalog, request.spec, market.date, true)) {
      auto consider = [&](const Provenance& p, std::string what) {
        if (p.effective.to && *p.effective.to <= market.date && (!ended || *ended < *p.effective.to)) {
          ended = p.effective.to;
          ended_offer = what;
        }
        if (p.effective.from && market.date < *p.effective.from && (!starts || *p.effective.from < *starts)) {
          starts = p.effective.from;
          starting_offer = std::move(what);
        }
      };
      for (const auto& api : g.provider->apis) {
        for (const auto& rate : api.rates) {
          if (rate.model == g.model->id && rate.mode == g.mode->id && in_market(api.region)) {
            consider(api.provenance, "API '" + api.id + "'");
          }
        }
      }
      if (g.mode->in_app) {
        for (const auto& plan : g.provider->plans) {
          if (in_market(plan.region)) consider(plan.provenance, "plan '" + plan.id + "'");
        }
      }
    }
    if (ended) {
      throw Error::bad_input(fmt::format("no offer prices {} on {}: {} ended on {}", request.spec.to_string(),
                                         market.date.to_string(), ended_offer, ended->to_string()));
    }
    if (starts) {
      throw Error::bad_input(fmt::format("no offer prices {} on {}: the first known price starts on {} ({})",
                                         request.spec.to_string(), market.date.to_string(), starts->to_string(),
                                         starting_offer));
    }
    throw Error::bad_input(fmt::format("no offer of the catalog prices {}{}", request.spec.to_string(),
                                       market.region ? fmt::format(" in region {}", region_name(*market.region)) : ""));
  }
  return result;
}

}  // namespace vidcost
