#include "pricing/margin.h"

#include <cmath>

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {
namespace {

// Price and cost per second of one offer with the levers moved.
class WhatIf {
 public:
  WhatIf(const Market& market, const ComputeCatalog& compute, const ServingSetup& setup, const TimeModel& model,
         Rational price_at_full_use, Rational utilization, Currency currency)
      : market_(market), compute_(compute), setup_(setup), model_(model), price1_(std::move(price_at_full_use)),
        utilization_(std::move(utilization)), currency_(currency) {}

  std::pair<Rational, Rational> at(Lever lever, const Rational& value) const {
    ServingSetup s = setup_;
    TimeModel m = model_;
    Rational u = utilization_;
    switch (lever) {
      case Lever::GpuPrice: s.gpu_price.value = value; break;
      case Lever::Efficiency: m.efficiency[m.efficiency_key(s.workload, compute_)] = value.convert_to<double>(); break;
      case Lever::Steps: s.workload.steps = static_cast<int>(value.convert_to<double>()); break;
      case Lever::Utilization: u = value; break;
    }
    return {price1_ / u, cost(s, m)};
  }

  Rational cost(const ServingSetup& s, const TimeModel& m) const {
    const ServingEstimate e = estimate_serving(s, m, compute_);
    return market_.value_in(serving_cost(s, e.prediction).per_video_second, currency_);
  }
  Rational price() const { return price1_ / utilization_; }
  const ServingSetup& setup() const { return setup_; }
  const TimeModel& model() const { return model_; }
  const ComputeCatalog& compute() const { return compute_; }

 private:
  const Market& market_;
  const ComputeCatalog& compute_;
  const ServingSetup& setup_;
  const TimeModel& model_;
  Rational price1_, utilization_;
  Currency currency_;
};

Rational share(const Rational& price, const Rational& cost) { return (price - cost) / price; }

Solution solve(const WhatIf& w, Lever lever, const Rational& target, const Rational& price, const Rational& cost) {
  Solution s;
  const Rational allowed_cost = price * (Rational(1) - target);  // margin share = target
  switch (lever) {
    case Lever::GpuPrice: {
      // Cost is proportional to the GPU price.
      s.current = w.setup().gpu_price.value;
      s.value = s.current * allowed_cost / cost;
      s.unit = std::string(currency_code(w.setup().gpu_price.currency)) + "/GPU-hour";
      return s;
    }
    case Lever::Utilization: {
      // Price = P1 / U; margin share = 1 - cost U / P1 = target  =>  U = P1 (1 - target) / cost.
      const Rational p1 = w.at(Lever::Utilization, 1).first;
      s.unit = "share of credits";
      s.at_most = true;
      s.current = p1 / price;
      s.value = p1 * (Rational(1) - target) / cost;
      if (s.value >= 1) s.outcome = Solution::Outcome::AnyValue;
      return s;
    }
    case Lever::Efficiency: {
      // Cost falls as efficiency rises; bisect on (0, 1].
      s.unit = "share of dense peak";
      const TimeModel& m = w.model();
      s.current = Rational(static_cast<long long>(std::llround(m.efficiency.at(m.efficiency_key(w.setup().workload, w.compute())) * 1e6)), 1000000);
      auto reaches = [&](double e) {
        const auto [p, c] = w.at(Lever::Efficiency, Rational(static_cast<long long>(std::llround(e * 1e6)), 1000000));
        return share(p, c) >= target;
      };
      if (!reaches(1.0)) {
        s.outcome = Solution::Outcome::NoValue;
        return s;
      }
      double lo = 1e-4, hi = 1.0;
      if (reaches(lo)) {
        s.outcome = Solution::Outcome::AnyValue;
        return s;
      }
      for (int i = 0; i < 60; ++i) {
        const double mid = (lo + hi) / 2;
        (reaches(mid) ? hi : lo) = mid;
      }
      s.value = Rational(static_cast<long long>(std::llround(hi * 1e6)), 1000000);
      return s;
    }
    case Lever::Steps: {
      // The most denoising steps that keep the margin at the target.
      s.unit = "steps";
      s.at_most = true;
      s.current = w.setup().workload.steps;
      int best = 0;
      for (int steps = 1; steps <= 200; ++steps) {
        const auto [p, c] = w.at(Lever::Steps, steps);
        if (share(p, c) >= target) best = steps;
      }
      if (best == 0) s.outcome = Solution::Outcome::NoValue;
      s.value = best;
      return s;
    }
  }
  return s;
}

bool in_range(Lever lever, const Rational& value) {
  switch (lever) {
    case Lever::Utilization:
    case Lever::Efficiency: return value > 0 && value <= 1;
    case Lever::Steps: return value >= 1;
    case Lever::GpuPrice: return value > 0;
  }
  return true;
}

}  // namespace

std::string_view lever_name(Lever lever) {
  switch (lever) {
    case Lever::GpuPrice: return "gpu-price";
    case Lever::Efficiency: return "efficiency";
    case Lever::Steps: return "steps";
    case Lever::Utilization: return "utilization";
  }
  return "";
}

std::vector<std::string> lever_names() { return {"gpu-price", "efficiency", "steps", "utilization"}; }

std::optional<Lever> parse_lever(std::string_view text) {
  for (Lever l : {Lever::GpuPrice, Lever::Efficiency, Lever::Steps, Lever::Utilization}) {
    if (lever_name(l) == text) return l;
  }
  return std::nullopt;
}

MarginResult margin(const Market& market, const ComputeCatalog& compute, const TimeModel& model,
                    const MarginRequest& request) {
  const auto gens = resolve_generations(*market.catalog, request.spec, market.date, true);
  if (gens.size() != 1) {
    throw Error::bad_input(fmt::format("'{}' names {} generations; give the duration", request.spec.to_string(),
                                       gens.size()));
  }
  MarginResult result;
  result.generation = gens[0];
  const Generation& g = result.generation;
  ServingRequest serving = request.serving;
  serving.target = ProductTarget{g.provider->id, g.model->id, g.mode->id, g.seconds, g.spec()};
  result.setup = resolve_serving(compute, serving);

  const QuoteOptions options{market.date, request.utilization, market.region, std::nullopt};
  std::vector<Quote> quotes;
  for (const OfferRef& offer : chosen_offers(*g.provider, request.offer, market.date, market.region)) {
    if (!request.offer.kind && offer.kind == OfferKind::ApiPack) continue;
    if (auto q = quote_offer(g, offer, options); q && q->priced()) quotes.push_back(std::move(*q));
  }
  if (quotes.empty()) throw Error::bad_input(fmt::format("no offer with a known price sells {}", g.spec()));
  if (request.sweep && quotes.size() != 1) {
    throw Error::bad_input("a sweep needs one offer: choose a plan, a pack, or an API with one price list");
  }

  for (auto& q : quotes) {
    const Currency currency = market.display.value_or(q.currency);
    const Rational price = market.value_in(q.price->per_second, currency);
    const WhatIf what_if(market, compute, result.setup, model, price * q.utilization, q.utilization, currency);
    MarginRow row{std::move(q), currency, price, what_if.cost(result.setup, model), std::nullopt};
    if (request.solve) row.solved = solve(what_if, *request.solve, request.target_margin, row.price_per_second,
                                          row.cost_per_second);
    if (request.sweep) {
      const Sweep& sweep = *request.sweep;
      result.sweep_currency = currency;
      for (int i = 0; i < sweep.points; ++i) {
        Rational value = sweep.from + (sweep.to - sweep.from) * Rational(i, sweep.points - 1);
        if (sweep.lever == Lever::Steps) value = Rational(numerator(value) / denominator(value));
        if (!in_range(sweep.lever, value)) continue;
        const auto [p, c] = what_if.at(sweep.lever, value);
        result.sweep.push_back({value, p, c});
      }
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace vidcost
