#include "pricing/compare.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

// Rows of one generation are kept in a readable order: provider, model, mode, then length
// as a number (5 s before 10 s).
auto generation_key(const Generation& g) { return std::tie(g.provider->id, g.model->id, g.mode->id, g.seconds); }

bool matches_any(const Generation& g, const std::vector<const Provider*>& providers) {
  return providers.empty() || std::find(providers.begin(), providers.end(), g.provider) != providers.end();
}

}  // namespace

std::optional<PriceUnit> parse_price_unit(std::string_view text) {
  if (text == "second" || text == "s") return PriceUnit::Second;
  if (text == "minute" || text == "min") return PriceUnit::Minute;
  if (text == "clip") return PriceUnit::Clip;
  return std::nullopt;
}

Amount in_unit(const Quote& q, PriceUnit unit) {
  switch (unit) {
    case PriceUnit::Second: return q.price->per_second;
    case PriceUnit::Minute: return q.price->per_second * Rational(60);
    case PriceUnit::Clip: return q.price->clip;
  }
  return q.price->per_second;
}

CompareResult compare(const Market& market, const CompareRequest& request) {
  const Catalog& catalog = *market.catalog;
  std::vector<const Provider*> providers;
  for (const auto& name : request.providers) providers.push_back(&provider_named(catalog, name));
  const QuoteOptions options{market.date, request.utilization, market.region, request.kind, market.price_basis};

  // The generations of every pattern, each once.
  std::vector<SpecPattern> patterns = request.patterns;
  if (patterns.empty()) patterns.emplace_back();
  std::vector<Generation> generations;
  std::set<std::tuple<const Mode*, int>> seen;
  for (SpecPattern pattern : patterns) {
    if (request.seconds) pattern.seconds = request.seconds;
    const bool default_clip = request.unit != PriceUnit::Second && !pattern.seconds;
    for (const auto& g : resolve_generations(catalog, pattern, market.date, false)) {
      if (!matches_any(g, providers)) continue;
      if (request.resolution && ascii_lower(g.mode->resolution) != ascii_lower(*request.resolution)) continue;
      if (default_clip && g.seconds != g.mode->durations.front()) continue;
      if (seen.insert({g.mode, g.seconds}).second) generations.push_back(g);
    }
  }

  CompareResult result;
  result.rank_currency = market.display.value_or(Currency::USD);
  // Each provider's offers are looked up once, and room for every quote is made up front: the
  // quotes never move after they are made.
  std::map<const Provider*, std::vector<OfferRef>> offers;
  std::size_t most = 0;
  for (const auto& g : generations) {
    auto [it, added] = offers.try_emplace(g.provider);
    if (added) it->second = offers_of(*g.provider, options.as_of, options.kind, options.region);
    most += it->second.size();
  }
  result.quotes.reserve(most);
  for (const auto& g : generations) {
    for (const OfferRef& offer : offers[g.provider]) {
      if (!quote_offer_into(result.quotes.emplace_back(), g, offer, options)) result.quotes.pop_back();
    }
    if (!request.kind) {
      if (auto u = unsold(g, options)) result.unsold.push_back(std::move(*u));
    }
  }

  // Cheapest first; the sort key is computed once per row, not per comparison, and each
  // currency's rate once.
  struct Ranked {
    Rational value;
    const Quote* quote;
  };
  std::vector<Ranked> order;
  order.reserve(result.quotes.size());
  std::map<Currency, Rational> to_rank;
  for (const auto& q : result.quotes) {
    if (!q.priced()) continue;
    auto [rate, added] = to_rank.try_emplace(q.currency);
    if (added) rate->second = market.value_in(Amount(1, q.currency), result.rank_currency);
    Rational value = in_unit(q, request.unit).value;
    if (rate->second != 1) value *= rate->second;
    order.push_back({std::move(value), &q});
  }
  std::sort(order.begin(), order.end(), [](const Ranked& a, const Ranked& b) {
    if (const auto order = a.value <=> b.value; order != 0) return order < 0;
    const Quote& x = *a.quote;
    const Quote& y = *b.quote;
    const auto gx = generation_key(x.generation), gy = generation_key(y.generation);
    if (gx != gy) return gx < gy;
    return std::tie(x.kind, x.offer_id) < std::tie(y.kind, y.offer_id);
  });
  std::set<std::tuple<const Mode*, int>> best_seen;
  result.priced.reserve(order.size());
  for (const auto& r : order) {
    if (request.best && !best_seen.insert({r.quote->generation.mode, r.quote->generation.seconds}).second) continue;
    result.priced.push_back(r.quote);
  }
  for (const Quote* q : result.priced) {
    if (q->currency != result.priced.front()->currency) result.mixed_currencies = true;
  }
  // Grouped by the offer's own currency (in currency-code order), each group still cheapest first.
  if (request.group_by_currency) {
    std::stable_sort(result.priced.begin(), result.priced.end(), [](const Quote* a, const Quote* b) {
      return currency_code(a->currency) < currency_code(b->currency);
    });
  }

  // Unpriced rows that differ only in the offer form one group ("pro, premier: ..."). With
  // --best, only generations that no offer prices keep theirs.
  {
    std::map<std::tuple<const Mode*, int, OfferKind, std::string_view>, std::size_t> group_of;
    for (const auto& q : result.quotes) {
      if (q.priced()) continue;
      if (request.best && best_seen.count({q.generation.mode, q.generation.seconds})) continue;
      const auto key = std::make_tuple(q.generation.mode, q.generation.seconds, q.kind, std::string_view(q.unpriced_reason));
      auto [it, added] = group_of.emplace(key, result.unpriced.size());
      if (added) result.unpriced.emplace_back();
      result.unpriced[it->second].push_back(&q);
    }
  }
  if (result.priced.empty() && result.unpriced.empty() && result.unsold.empty()) {
    throw Error::bad_input("nothing in the catalog matches; try 'vidcost catalog show'");
  }
  return result;
}

}  // namespace vidcost
