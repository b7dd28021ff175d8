// Break-even analysis: monthly cost of each way to pay as a function of seconds generated a
// month, and the usage ranges in which each is cheapest, with exact crossover points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "money/decimal.h"

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

}  // namespace vidcost
