#include "cli/breakeven_view.h"

#include <fmt/format.h>

#include "pricing/staleness.h"

namespace vidcost {
namespace {


// A curve's points (seconds, a month's cost) as drawn: straight stretches keep only their ends,
// exactly (the slopes are compared as fractions), so the drawing is the same line.
std::vector<std::vector<std::pair<Rational, Rational>>> drawn_runs(const BreakevenResult& r, std::size_t curve) {
  std::vector<std::vector<std::pair<Rational, Rational>>> runs;
  std::vector<std::pair<Rational, Rational>> run;
  auto flush = [&] {
    if (!run.empty()) runs.push_back(std::move(run));
    run.clear();
  };
  for (std::int64_t n = 0; n <= r.max_clips; ++n) {
    const auto cost = r.monthly(curve, n);
    if (!cost) {
      flush();
      continue;
    }
    const std::pair<Rational, Rational> point{Rational(r.seconds(n)), *cost};
    if (run.size() >= 2) {
      const auto& a = run[run.size() - 2];
      const auto& b = run.back();
      // Same slope from a to b as from b to the new point: b is not a corner.
      if ((b.second - a.second) * (point.first - b.first) == (point.second - b.second) * (b.first - a.first)) {
        run.back() = point;
        continue;
      }
    }
    run.push_back(point);
  }
  flush();
  return runs;
}

}  // namespace

Table breakeven_table(const BreakevenResult& result, const Date& as_of) {
  const std::string code(currency_code(result.currency));
  Table t;
  t.columns = {{"from_s"},   {"to_s"},     {"cheapest"},   {"offer"},           {"cost_from"},
               {"cost_to"},  {"per_second_at_to"}, {"currency"}, {"from_clips", false}, {"to_clips", false}};
  for (const auto& r : result.ranges) {
    const CostCurve& curve = result.curves[r.curve];
    t.add_row({Cell::of(static_cast<std::int64_t>(result.seconds(r.from_clips))),
               Cell::of(static_cast<std::int64_t>(result.seconds(r.to_clips))), Cell::of(curve.id),
               Cell::of(curve.label), Cell::number(format_fixed(r.cost_from, 2)), Cell::number(format_fixed(r.cost_to, 2)),
               Cell::number(format_fixed(r.cost_to / Rational(result.seconds(r.to_clips)), 4)), Cell::of(code),
               Cell::of(r.from_clips), Cell::of(r.to_clips)});
  }
  t.footnotes.push_back(fmt::format(
      "{} a month in whole {}-second clips, {} as of {}, in {}, over {} month{} (costs a month). Each way to pay is "
      "priced by the optimiser of `recommend`: packs are whole and last their validity; a plan takes the top-ups "
      "the optimiser would add.",
      result.generation.spec(), result.generation.seconds, result.generation.provider->id, as_of.to_string(), code,
      result.months, result.months == 1 ? "" : "s"));
  Market market;
  market.date = result.date;
  market.stale_after_days = result.stale_after_days;
  StaleReport staleness(market);
  for (const auto& r : result.ranges) staleness.row(result.curves[r.curve].trust);
  if (const auto stale = staleness.footnote(); !stale.empty()) t.footnotes.push_back(stale);
  return t;
}

Chart breakeven_chart(const BreakevenResult& r) {
  const std::string code(currency_code(r.currency));
  Chart chart;
  chart.title = fmt::format("A month of {} by usage, in {}", r.generation.spec(), code);
  chart.x_label = "video generated a month (seconds)";
  chart.y_label = fmt::format("cost a month ({})", code);
  chart.x_max = static_cast<double>(r.seconds(r.max_clips));
  // Up to a third above the dearest cheapest way, so the choices that matter fill the plot.
  Rational top = 1;
  for (const auto& range : r.ranges) top = std::max({top, range.cost_from, range.cost_to});
  chart.y_max = (top * Rational(4, 3)).convert_to<double>();
  // Drawn: the ways that are cheapest somewhere, every plan and the pay-as-you-go API; a pack or
  // unit pack that never wins stays in the table's data only.
  std::vector<bool> wins(r.curves.size(), false);
  for (const auto& range : r.ranges) wins[range.curve] = true;
  for (std::size_t k = 0; k < r.curves.size(); ++k) {
    const auto kind = r.curves[k].kind;
    if (!wins[k] && kind != CostCurve::Kind::Plan && kind != CostCurve::Kind::Api) continue;
    ChartSeries series{r.curves[k].label, {}};
    for (const auto& run : drawn_runs(r, k)) {
      std::vector<std::pair<double, double>> points;
      for (const auto& [x, y] : run) points.emplace_back(x.convert_to<double>(), y.convert_to<double>());
      series.runs.push_back(std::move(points));
    }
    chart.series.push_back(std::move(series));
  }
  // Where the cheapest way changes between n - 1 and n clips, the two drawn segments cross.
  for (std::size_t i = 1; i < r.ranges.size(); ++i) {
    const std::int64_t n = r.ranges[i].from_clips;
    const std::size_t was = r.ranges[i - 1].curve, now = r.ranges[i].curve;
    const auto a0 = r.monthly(was, n - 1), a1 = r.monthly(was, n), b0 = r.monthly(now, n - 1), b1 = r.monthly(now, n);
    Rational x = r.seconds(n), y = *b1;
    const bool limit = !a1;  // the old way cannot serve n clips: its line ends
    if (a0 && a1 && b0 && r.ranges[i - 1].to_clips == n - 1) {
      // a0 + t (a1 - a0) = b0 + t (b1 - b0), t in [0, 1].
      const Rational denominator = (*a1 - *a0) - (*b1 - *b0);
      if (denominator != 0) {
        Rational t = (*b0 - *a0) / denominator;
        t = std::clamp(t, Rational(0), Rational(1));
        x = Rational(r.seconds(n - 1)) + t * Rational(r.generation.seconds);
        y = *b0 + t * (*b1 - *b0);
      }
    }
    const std::string number = std::to_string(chart.markers.size() + 1);
    chart.markers.push_back({x.convert_to<double>(), y.convert_to<double>(), number, limit});
    chart.notes.push_back(fmt::format("{}: from {} s, {}{}", number, r.seconds(n), r.curves[now].label,
                                      limit ? " (the cheaper way holds no more)" : ""));
  }
  if (!chart.notes.empty()) chart.notes.insert(chart.notes.begin(), "Where the cheapest way changes:");
  return chart;
}

}  // namespace vidcost
