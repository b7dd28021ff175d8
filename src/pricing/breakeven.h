// Break-even analysis: monthly cost of each way to pay as a function of seconds generated a
// month, and the usage ranges in which each is cheapest, with exact crossover points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "money/decimal.h"
#include "pricing/market.h"
#include "pricing/spec.h"

namespace vidcost {

// cost(s) = fixed + rate * max(0, s - included); beyond `limit` (when set) the option cannot
// serve the usage. A plan: fixed fee, included seconds, then the cheapest top-up rate; a pack
// or an API: rate only.
struct CostLine {
  std::string id;     // "plan pro", "api intl"
  std::string label;  // for the chart's legend
  Rational fixed = 0;
  Rational included = 0;
  Rational rate = 0;
  std::optional<Rational> limit;

  std::optional<Rational> cost(const Rational& seconds) const;
};

struct Range {
  Rational from, to;  // seconds a month
  std::size_t option = 0;
  Rational cost_from, cost_to;
};

// The cheapest option on each stretch of [0, max]; neighbouring stretches differ in option.
// Ties go to the option listed first. Every boundary is an exact crossover or a plan's limit.
std::vector<Range> cheapest_ranges(const std::vector<CostLine>& options, const Rational& max);

struct BreakevenRequest {
  std::string provider;             // id or alias
  std::optional<SpecPattern> spec;  // one generation of the provider; none: its newest in-app mode
  std::optional<Rational> max_seconds;  // usage up to this many seconds a month; none: 1.5 x the largest plan
};

struct BreakevenResult {
  Generation generation;
  Currency currency = Currency::USD;
  std::vector<CostLine> options;  // every priced offer as a monthly cost line
  std::vector<Range> ranges;      // the cheapest option on each stretch of [0, max]
  Rational max;
};

// Every offer of the generation as a monthly cost: packs and APIs per second; a plan its fee
// (annual: a twelfth) up to the clips its credits make, then the cheapest pack or API rate of
// its market. Throws Error for unknown names or when nothing prices the generation.
BreakevenResult breakeven(const Market& market, const BreakevenRequest& request);

}  // namespace vidcost
