// A chart of prices over time (history --chart, the report): dates on the x axis and one step
// line per series, which holds its value until the next change and stops where it has none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "report/svg_chart.h"

namespace vidcost {

struct PriceStep {
  Date date;
  std::optional<double> value;  // from this date on; none: no price from then
};

struct StepLine {
  std::string label;
  std::vector<PriceStep> steps;  // in date order
};

// From `first` to `last`; lines that never have a value are left out (nothing to draw).
Chart step_chart(std::string title, std::string y_label, const Date& first, const Date& last,
                 const std::vector<StepLine>& lines);

}  // namespace vidcost
