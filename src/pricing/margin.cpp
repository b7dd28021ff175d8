#include "pricing/margin.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

// Price and cost per second of one offer under one scenario, with a lever moved.
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
      case Lever::GpuPrice: s.gpu_price->value = value; break;
      case Lever::Efficiency: m.efficiency[m.efficiency_key(s.workload, compute_)] = value.convert_to<double>(); break;
      case Lever::Steps: s.workload.steps = static_cast<int>(value.convert_to<double>()); break;
      case Lever::Utilization: u = value; break;
    }
    return {price1_ / u, cost(s, m)};
  }

  Rational cost(const ServingSetup& s, const TimeModel& m) const {
    const ServingEstimate e = estimate_serving(s, m, compute_);
    return market_.value_in(e.cost->per_second, currency_);
  }
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

Rational micro(double x) { return Rational(static_cast<long long>(std::llround(x * 1e6)), 1000000); }

Solution solve(const WhatIf& w, Lever lever, const Rational& target, const Rational& price, const Rational& cost) {
  Solution s;
  const Rational allowed_cost = price * (Rational(1) - target);  // margin share = target
  switch (lever) {
    case Lever::GpuPrice: {
      // Cost is proportional to the GPU price.
      s.current = w.setup().gpu_price->value;
      s.value = s.current * allowed_cost / cost;
      s.unit = std::string(currency_code(w.setup().gpu_price->currency)) + "/GPU-hour";
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
      s.current = micro(m.efficiency.at(m.efficiency_key(w.setup().workload, w.compute())));
      auto reaches = [&](double e) {
        const auto [p, c] = w.at(Lever::Efficiency, micro(e));
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
      s.value = micro(hi);
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

// The sell price per second of a clip of `seconds`, in `currency`.
Rational sell_per_second(const Market& market, const SellPrice& sell, int seconds, Currency currency) {
  const Rational value = market.value_in(sell.amount, currency);
  switch (sell.unit) {
    case PriceUnit::Second: return value;
    case PriceUnit::Minute: return value / 60;
    case PriceUnit::Clip: return value / seconds;
  }
  return value;
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

SellPrice parse_sell_price(std::string_view text) {
  const auto bad = [&]() {
    return Error::bad_input(fmt::format("sell price '{}': write an amount, a currency and a unit: 0.12USD/s, 1CNY/s, "
                                        "6USD/min or 0.9USD/clip",
                                        text));
  };
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) throw bad();
  std::string_view amount = text.substr(0, slash);
  const std::string unit = ascii_lower(text.substr(slash + 1));
  while (!amount.empty() && amount.back() == ' ') amount.remove_suffix(1);
  if (amount.size() < 4) throw bad();
  const auto currency = parse_currency(amount.substr(amount.size() - 3));
  std::string_view number = amount.substr(0, amount.size() - 3);
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  const auto value = parse_exact(number);
  if (!currency) {
    throw Error::bad_input(fmt::format("sell price '{}': '{}' is not a currency the catalog has rates for (CNY, USD)",
                                       text, amount.substr(amount.size() - 3)));
  }
  if (!value || *value <= 0) throw bad();
  SellPrice s{Amount(*value, *currency), PriceUnit::Second};
  if (unit == "s" || unit == "second") {
    s.unit = PriceUnit::Second;
  } else if (unit == "min" || unit == "minute") {
    s.unit = PriceUnit::Minute;
  } else if (unit == "clip") {
    s.unit = PriceUnit::Clip;
  } else {
    throw Error::bad_input(fmt::format("sell price '{}': the unit is s, min or clip, not '{}'{}", text, unit,
                                       did_you_mean(unit, {"s", "min", "clip"})));
  }
  return s;
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

  const QuoteOptions options{market.date, request.utilization, market.region, std::nullopt, market.price_basis};
  std::vector<Quote> quotes;
  for (const OfferRef& offer : chosen_offers(*g.provider, request.offer, market.date, market.region)) {
    if (!request.offer.kind && offer.kind == OfferKind::ApiPack) continue;
    if (auto q = quote_offer(g, offer, options); q && q->priced()) quotes.push_back(std::move(*q));
  }
  if (quotes.empty()) throw Error::bad_input(fmt::format("no offer with a known price sells {}", g.spec()));
  if (request.sweep && quotes.size() != 1) {
    throw Error::bad_input("a sweep needs one offer: choose a plan, a pack, or an API with one price list");
  }

  // The scenarios, costed at the GPU prices of each market an offer is sold in.
  std::map<Region, CostResult> by_region;
  for (const auto& q : quotes) {
    if (by_region.count(q.region)) continue;
    Market in_region = market;
    in_region.region = q.region;
    in_region.display = std::nullopt;
    // Each row weighs its scenario against its own offer: the scenarios' evidence against the
    // API price is not made.
    CostRequest cost{g.spec(), request.serving, false};
    by_region.emplace(q.region, serving_cost_of(in_region, compute, model, cost));
  }
  CostResult& first = by_region.at(quotes.front().region);
  result.no_profile = first.no_profile;

  for (auto& q : quotes) {
    const CostResult& costs = by_region.at(q.region);
    const Currency currency = market.display.value_or(q.currency);
    const Rational price = market.value_in(q.price->per_second, currency);
    if (costs.scenarios.empty()) {
      MarginRow row{q, "", "", currency, price, std::nullopt, std::nullopt,
                    "no profile: " + costs.no_profile.value_or("no serving scenario"), std::nullopt, std::nullopt, {}};
      if (request.sell) row.sell_per_second = sell_per_second(market, *request.sell, g.seconds, currency);
      result.rows.push_back(std::move(row));
      continue;
    }
    for (const auto& scenario : costs.scenarios) {
      const ServingSetup& setup = scenario.estimate.setup;
      MarginRow row{q, setup.scenario, setup.profile, currency, price, std::nullopt, std::nullopt, "", std::nullopt,
                    std::nullopt, {}};
      if (request.sell) row.sell_per_second = sell_per_second(market, *request.sell, g.seconds, currency);
      if (const auto& cost = scenario.estimate.cost) {
        row.cost_per_second = market.value_in(cost->per_second, currency);
        row.compute_per_second = market.value_in(cost->compute_per_second, currency);
        const Rational quote_price = q.price->per_second.value;
        const Rational cost_in_quote = market.value_in(cost->per_second, q.currency);
        const std::optional<Rational> share = (quote_price - cost_in_quote) / quote_price;
        row.evidence = evidence_for(compute, setup.profile, product_of(g), market, scenario, &q, share);
        const WhatIf what_if(market, compute, setup, model, price * q.utilization, q.utilization, currency);
        if (request.solve) row.solved = solve(what_if, *request.solve, request.target_margin, price, *row.cost_per_second);
        if (request.sweep && (setup.scenario == "central" || costs.scenarios.size() == 1)) {
          const Sweep& sweep = *request.sweep;
          result.sweep_currency = currency;
          result.sweep_scenario = setup.scenario;
          for (int i = 0; i < sweep.points; ++i) {
            Rational value = sweep.from + (sweep.to - sweep.from) * Rational(i, sweep.points - 1);
            if (sweep.lever == Lever::Steps) value = Rational(numerator(value) / denominator(value));
            if (!in_range(sweep.lever, value)) continue;
            const auto [p, c] = what_if.at(sweep.lever, value);
            result.sweep.push_back({value, p, c});
          }
        }
      } else {
        row.cost_unknown = setup.price_source;
        if (request.solve) row.solved = Solution{Solution::Outcome::Unknown, 0, 0, "", false};
      }
      result.rows.push_back(std::move(row));
    }
  }
  result.scenarios = std::move(first.scenarios);  // the rows are made: the scenarios are no longer read there
  if (request.sweep && result.sweep.empty()) {
    throw Error::bad_input("a sweep needs a serving cost: this generation has no scenario with a known GPU price");
  }
  return result;
}

std::vector<MarginBand> margin_bands(const MarginResult& result) {
  std::vector<MarginBand> bands;
  std::map<std::string, std::size_t> index;
  for (const auto& row : result.rows) {
    if (!row.cost_per_second) continue;
    const std::string offer = fmt::format("{} {}", offer_kind_name(row.quote.kind), row.quote.offer_id);
    const Rational& cost = *row.cost_per_second;
    auto [it, added] = index.emplace(offer, bands.size());
    if (added) bands.push_back({offer, row.currency, row.price_per_second, cost, cost, std::nullopt});
    MarginBand& b = bands[it->second];
    if (cost < b.cost_low) b.cost_low = cost;
    if (b.cost_high < cost) b.cost_high = cost;
    if (row.scenario == "central") b.cost_central = cost;
  }
  return bands;
}

}  // namespace vidcost
