// Who makes money on a generated second: an offer's price per second (at the buyer's credit
// utilization) minus the estimated cost of serving it; the value of one lever at which the
// margin reaches a target (solve); and the margin across a range of one lever (sweep).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compute/serving.h"
#include "pricing/market.h"
#include "pricing/quote.h"

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

struct MarginRequest {
  SpecPattern spec;          // one generation
  OfferChoice offer;         // plans, packs and APIs by default (API packs are a reseller's stock)
  Rational utilization = 1;  // the buyer's credit utilization
  ServingRequest serving;    // overrides of the serving setup; its target is the generation
  std::optional<Lever> solve;
  Rational target_margin = 0;  // the margin share --solve aims at, below 1
  std::optional<Sweep> sweep;
};

// The lever's value at which the margin share reaches the target.
struct Solution {
  enum class Outcome { Value, AnyValue, NoValue } outcome = Outcome::Value;
  Rational value;    // for Value (a whole number for steps, an exact value otherwise)
  Rational current;  // the lever's value in the setup
  std::string unit;  // "USD/GPU-hour", "share of dense peak", "steps", "share of credits"
  bool at_most = false;  // the value is an upper bound (steps, utilization), not a lower one
};

struct MarginRow {
  Quote quote;
  Currency currency = Currency::USD;  // of the three figures below
  Rational price_per_second;
  Rational cost_per_second;
  Rational margin() const { return price_per_second - cost_per_second; }
  Rational share() const { return margin() / price_per_second; }
  std::optional<Solution> solved;
};

struct SweepRow {
  Rational value;
  Rational price_per_second, cost_per_second;
  Rational margin() const { return price_per_second - cost_per_second; }
  Rational share() const { return margin() / price_per_second; }
};

struct MarginResult {
  Generation generation;
  ServingSetup setup;
  std::vector<MarginRow> rows;     // one per priced offer
  std::vector<SweepRow> sweep;     // with a sweep: the one offer across the lever
  Currency sweep_currency = Currency::USD;
};

// Throws Error: unknown names, a SPEC that is not one generation, no priced offer, a sweep
// over several offers.
MarginResult margin(const Market& market, const ComputeCatalog& compute, const TimeModel& model,
                    const MarginRequest& request);

}  // namespace vidcost
