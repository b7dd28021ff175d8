#include "pricing/breakeven.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/error.h"
#include "pricing/quote.h"

namespace vidcost {

std::optional<Rational> CostLine::cost(const Rational& seconds) const {
  if (limit && *limit < seconds) return std::nullopt;
  const Rational over = seconds > included ? Rational(seconds - included) : Rational(0);
  return fixed + rate * over;
}

namespace {

// The two straight pieces of an option: [0, included] at `fixed`, then the sloped one.
struct Piece {
  Rational intercept, slope;
};

std::vector<Piece> pieces(const CostLine& o) {
  std::vector<Piece> out;
  if (o.included > 0) out.push_back({o.fixed, 0});
  out.push_back({o.fixed - o.rate * o.included, o.rate});
  return out;
}

}  // namespace

std::vector<Range> cheapest_ranges(const std::vector<CostLine>& options, const Rational& max) {
  // Candidate boundaries: the ends, every kink and limit, and where any two pieces meet.
  std::vector<Rational> points = {Rational(0), max};
  for (const auto& o : options) {
    if (o.included > 0 && o.included < max) points.push_back(o.included);
    if (o.limit && *o.limit < max) points.push_back(*o.limit);
  }
  for (std::size_t i = 0; i < options.size(); ++i) {
    for (std::size_t j = i + 1; j < options.size(); ++j) {
      for (const auto& a : pieces(options[i])) {
        for (const auto& b : pieces(options[j])) {
          if (a.slope == b.slope) continue;
          const Rational x = (b.intercept - a.intercept) / (a.slope - b.slope);
          if (x > 0 && x < max) points.push_back(x);
        }
      }
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  auto cheapest_at = [&](const Rational& s) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    std::optional<Rational> best_cost;
    for (std::size_t k = 0; k < options.size(); ++k) {
      auto c = options[k].cost(s);
      if (c && (!best_cost || *c < *best_cost)) {
        best = k;
        best_cost = c;
      }
    }
    return best;
  };

  std::vector<Range> ranges;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    // Between two candidate points the order of the options does not change: test the middle.
    const auto winner = cheapest_at((points[i] + points[i + 1]) / 2);
    if (!winner) continue;
    if (!ranges.empty() && ranges.back().option == *winner && ranges.back().to == points[i]) {
      ranges.back().to = points[i + 1];
    } else {
      ranges.push_back({points[i], points[i + 1], *winner, 0, 0});
    }
  }
  for (auto& r : ranges) {
    r.cost_from = *options[r.option].cost(r.from);
    r.cost_to = *options[r.option].cost(r.to);
  }
  return ranges;
}

namespace {

// The newest model's first mode sold in the app with known credits, at its shortest length.
std::optional<Generation> default_generation(const Provider& p, const Date& as_of) {
  for (auto model = p.models.rbegin(); model != p.models.rend(); ++model) {
    for (const auto& mode : model->modes) {
      if (mode.in_app && mode.credits.known() && mode.provenance.effective.contains(as_of) && !mode.durations.empty()) {
        return Generation{&p, &*model, &mode, *std::min_element(mode.durations.begin(), mode.durations.end())};
      }
    }
  }
  return std::nullopt;
}

Generation chosen_generation(const Market& market, const Provider& provider, const BreakevenRequest& request) {
  if (!request.spec) {
    auto g = default_generation(provider, market.date);
    if (!g) throw Error::bad_input(fmt::format("{} has no generation priced in credits; name one", provider.id));
    return *g;
  }
  SpecPattern pattern = *request.spec;
  if (!pattern.provider) pattern.provider = provider.id;
  const auto gens = resolve_generations(*market.catalog, pattern, market.date, true);
  if (gens.size() != 1) {
    throw Error::bad_input(fmt::format("'{}' names {} generations; give the duration", pattern.to_string(), gens.size()));
  }
  if (gens[0].provider != &provider) {
    throw Error::bad_input(fmt::format("'{}' is not a generation of {}", pattern.to_string(), provider.id));
  }
  return gens[0];
}

}  // namespace

BreakevenResult breakeven(const Market& market, const BreakevenRequest& request) {
  const Provider& provider = provider_named(*market.catalog, request.provider);
  BreakevenResult result;
  result.generation = chosen_generation(market, provider, request);
  const Generation& g = result.generation;
  result.currency = market.display.value_or(market.region == Region::CN ? Currency::CNY : Currency::USD);
  auto in = [&](const Amount& a) { return market.value_in(a, result.currency); };
  const Rational seconds(g.seconds);

  // Every offer as a monthly cost line; a plan's overflow goes to its market's cheapest rate.
  const QuoteOptions options{market.date, 1, market.region, std::nullopt};
  std::map<Region, Rational> cheapest_rate;
  std::vector<std::pair<const Plan*, Quote>> plans;
  for (auto& q : quote_all(g, options)) {
    if (!q.priced()) continue;
    if (q.kind == OfferKind::Plan) {
      plans.emplace_back(std::get<const Plan*>(find_offer(provider, OfferKind::Plan, q.offer_id, market.date).entry),
                         std::move(q));
      continue;
    }
    if (q.kind == OfferKind::ApiPack) continue;  // prepaid units: their validity is not a month
    const Rational rate = in(q.price->per_second);
    auto [it, inserted] = cheapest_rate.emplace(q.region, rate);
    if (!inserted && rate < it->second) it->second = rate;
    result.options.push_back({fmt::format("{} {}", offer_kind_name(q.kind), q.offer_id),
                              fmt::format("{} {} ({})", offer_kind_name(q.kind), q.offer_name, region_name(q.region)), 0,
                              0, rate, std::nullopt});
  }
  for (const auto& [plan, q] : plans) {
    const Rational clips = *plan->credits_per_month.value / *q.credits_per_clip();
    const Rational included = Rational(numerator(clips) / denominator(clips)) * seconds;  // whole clips
    const Rational fee = in(*plan->price.value) / Rational(plan->months());
    CostLine line{fmt::format("plan {}", plan->id),
                  fmt::format("plan {}{} ({})", plan->name, plan->billing == Billing::Year ? ", annual / 12" : "",
                              region_name(plan->region)),
                  fee, included, 0, std::nullopt};
    if (auto it = cheapest_rate.find(plan->region); it != cheapest_rate.end()) {
      line.rate = it->second;
    } else {
      line.limit = included;
    }
    result.options.push_back(line);
  }
  if (result.options.empty()) {
    throw Error::bad_input(fmt::format("no offer prices {}{}", g.spec(),
                                       market.region ? " in region " + std::string(region_name(*market.region)) : ""));
  }
  if (request.max_seconds) {
    result.max = *request.max_seconds;
  } else {
    Rational largest = 0;
    for (const auto& line : result.options) largest = std::max(largest, line.included);
    result.max = largest > 0 ? Rational(largest * 3 / 2) : Rational(3600);
  }
  result.ranges = cheapest_ranges(result.options, result.max);
  return result;
}

}  // namespace vidcost
