// Who makes money on a generated second. For each offer of a generation and each serving
// scenario of its provider family: the offer's price per second (at the buyer's credit
// utilization) minus the estimated cost of serving it, with the published evidence the scenario
// agrees or clashes with; a reseller's margin at their own sell price; the value of one lever at
// which the margin reaches a target (solve); the margin across a range of one lever (sweep).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pricing/compare.h"
#include "pricing/serving_cost.h"

namespace vidcost {

// The parameters a what-if may move.
enum class Lever { GpuPrice, Efficiency, Steps, Utilization };
std::string_view lever_name(Lever lever);
std::optional<Lever> parse_lever(std::string_view text);
std::vector<std::string> lever_names();

struct Sweep {
  Lever lever = Lever::GpuPrice;
  Rational from, to;  // from < to
  int points = 5;     // at least 2
};

// A reseller's own price: "0.12USD/s", "1CNY/s", "6USD/min", "0.9USD/clip".
struct SellPrice {
  Amount amount;
  PriceUnit unit = PriceUnit::Second;
};
// Error (BadInput) naming the accepted forms.
SellPrice parse_sell_price(std::string_view text);

struct MarginRequest {
  SpecPattern spec;          // one generation
  OfferChoice offer;         // plans, packs and APIs by default (API packs are a reseller's stock)
  Rational utilization = 1;  // the buyer's credit utilization
  ServingRequest serving;    // scenario choice and overrides; target and region come from each offer
  std::optional<Lever> solve;
  Rational target_margin = 0;  // the margin share --solve aims at, below 1
  std::optional<Sweep> sweep;
  std::optional<SellPrice> sell;
};

// The lever's value at which the margin share reaches the target.
struct Solution {
  enum class Outcome { Value, AnyValue, NoValue, Unknown } outcome = Outcome::Value;
  Rational value;    // for Value (a whole number for steps, an exact value otherwise)
  Rational current;  // the lever's value in the setup
  std::string unit;  // "USD/GPU-hour", "share of dense peak", "steps", "share of credits"
  bool at_most = false;  // the value is an upper bound (steps, utilization), not a lower one
};

struct MarginRow {
  Quote quote;
  std::string scenario;  // low, central, high, reference
  std::string profile;
  Currency currency = Currency::USD;  // of the figures below
  Rational price_per_second;          // what the buyer pays a second
  std::optional<Rational> cost_per_second;          // loaded serving cost; none: unknown
  std::optional<Rational> compute_per_second;       // GPU time alone
  std::string cost_unknown;                         // why the cost is unknown
  std::optional<Rational> sell_per_second;          // the reseller's price, in `currency`
  std::optional<Solution> solved;
  std::vector<Evidence> evidence;

  std::optional<Rational> margin() const {
    return cost_per_second ? std::optional<Rational>(price_per_second - *cost_per_second) : std::nullopt;
  }
  std::optional<Rational> share() const {
    return cost_per_second ? std::optional<Rational>((price_per_second - *cost_per_second) / price_per_second)
                           : std::nullopt;
  }
  // The reseller's margin: sell price minus what the offer costs them.
  std::optional<Rational> resale_margin() const {
    return sell_per_second ? std::optional<Rational>(*sell_per_second - price_per_second) : std::nullopt;
  }
};

struct SweepRow {
  Rational value;
  Rational price_per_second, cost_per_second;
  Rational margin() const { return price_per_second - cost_per_second; }
  Rational share() const { return margin() / price_per_second; }
};

struct MarginResult {
  Generation generation;
  std::optional<std::string> no_profile;  // why no serving profile covers the product
  std::vector<ScenarioCost> scenarios;    // of the first offer's market
  std::vector<MarginRow> rows;            // offer by offer, scenario by scenario
  std::vector<SweepRow> sweep;            // with a sweep: the one offer, central scenario, across the lever
  std::string sweep_scenario;
  Currency sweep_currency = Currency::USD;
};

// One offer's margin band: its price a second against the serving cost from the lowest to the
// highest scenario (and the central one, where there is one), exact, in `currency`.
struct MarginBand {
  std::string offer;  // "plan pro"
  Currency currency = Currency::USD;
  Rational price;
  Rational cost_low, cost_high;
  std::optional<Rational> cost_central;
};
// The offers of `result` whose serving cost is known, in row order.
std::vector<MarginBand> margin_bands(const MarginResult& result);

// Throws Error: unknown names, a SPEC that is not one generation, no priced offer, a sweep over
// several offers or without a known cost.
MarginResult margin(const Market& market, const ComputeCatalog& compute, const TimeModel& model,
                    const MarginRequest& request);

}  // namespace vidcost
