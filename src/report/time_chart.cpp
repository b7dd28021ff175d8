#include "report/time_chart.h"

#include <algorithm>
#include <cmath>

namespace vidcost {

Chart step_chart(std::string title, std::string y_label, const Date& first, const Date& last,
                 const std::vector<StepLine>& lines) {
  Chart c;
  c.title = std::move(title);
  c.x_label = "date";
  c.y_label = std::move(y_label);
  const long origin = first.days_since_epoch();
  c.x_max = static_cast<double>(std::max(1L, last.days_since_epoch() - origin));
  c.x_tick_label = [origin](double x) { return Date::from_days(origin + std::lround(x)).to_string(); };
  double y_max = 0;
  for (const auto& line : lines) {
    ChartSeries series{line.label, {}};
    std::vector<std::pair<double, double>> run;
    for (const auto& step : line.steps) {
      const double x = static_cast<double>(step.date.days_since_epoch() - origin);
      if (!run.empty()) run.emplace_back(x, run.back().second);  // the step's horizontal part
      if (!step.value) {
        if (run.size() > 1) series.runs.push_back(run);
        run.clear();
        continue;
      }
      y_max = std::max(y_max, *step.value);
      run.emplace_back(x, *step.value);
    }
    if (!run.empty()) {
      run.emplace_back(c.x_max, run.back().second);
      series.runs.push_back(run);
    }
    if (!series.runs.empty()) c.series.push_back(std::move(series));
  }
  c.y_max = y_max > 0 ? y_max * 1.1 : 1;
  return c;
}

}  // namespace vidcost
