// `vidcost breakeven PROVIDER [SPEC] [--chart FILE.svg]`: for a monthly stream of one
// generation, which plan, pack or API is cheapest at each usage, with exact crossover points.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "core/error.h"
#include "core/files.h"
#include "pricing/breakeven.h"
#include "report/svg_chart.h"

namespace vidcost {
namespace {

struct BreakevenOptions {
  std::string provider, spec, chart, max;
};

BreakevenRequest to_request(const BreakevenOptions& o) {
  BreakevenRequest r;
  r.provider = o.provider;
  if (!o.spec.empty()) r.spec = parse_spec_pattern(o.spec);
  if (!o.max.empty()) {
    const auto max = parse_exact(o.max);
    if (!max || *max <= 0) throw Error::bad_input(fmt::format("--max '{}' must be a positive number of seconds", o.max));
    r.max_seconds = *max;
  }
  return r;
}

std::string seconds_text(const Rational& s) { return format_fixed(s, 1); }

Chart chart_of(const BreakevenResult& r, const std::string& code) {
  Chart chart;
  chart.title = fmt::format("Monthly cost of {} by usage ({})", r.generation.spec(), code);
  chart.x_label = "seconds of video a month";
  chart.y_label = fmt::format("cost a month ({})", code);
  chart.x_max = r.max.convert_to<double>();
  Rational top = 0;
  for (const auto& range : r.ranges) top = std::max(top, range.cost_to);
  chart.y_max = (top * Rational(13, 10)).convert_to<double>();
  if (chart.y_max <= 0) chart.y_max = 1;
  for (const auto& line : r.options) {
    ChartSeries series{line.label, {}};
    std::vector<Rational> xs = {Rational(0)};
    if (line.included > 0 && line.included < r.max) xs.push_back(line.included);
    xs.push_back(line.limit && *line.limit < r.max ? *line.limit : r.max);
    for (const auto& x : xs) series.points.emplace_back(x.convert_to<double>(), line.cost(x)->convert_to<double>());
    chart.series.push_back(std::move(series));
  }
  for (std::size_t i = 1; i < r.ranges.size(); ++i) {
    chart.markers.push_back({r.ranges[i].from.convert_to<double>(), r.ranges[i].cost_from.convert_to<double>(),
                             fmt::format("{} s", seconds_text(r.ranges[i].from))});
  }
  return chart;
}

int run_breakeven(Context& ctx, const BreakevenOptions& o) {
  const BreakevenRequest request = to_request(o);
  const BreakevenResult result = breakeven(ctx.market(), request);
  const std::string code(currency_code(result.currency));
  Table t;
  t.columns = {{"from_s"}, {"to_s"}, {"cheapest"}, {"offer"}, {"cost_from"}, {"cost_to"}, {"per_second_at_to"},
               {"currency"}, {"from_exact", false}, {"to_exact", false}};
  for (const auto& r : result.ranges) {
    const CostLine& line = result.options[r.option];
    t.add_row({Cell::number(seconds_text(r.from)), Cell::number(seconds_text(r.to)), Cell::of(line.id),
               Cell::of(line.label), Cell::number(format_fixed(r.cost_from, 2)), Cell::number(format_fixed(r.cost_to, 2)),
               Cell::number(format_fixed(r.to > 0 ? Rational(r.cost_to / r.to) : Rational(0), 4)), Cell::of(code),
               Cell::of(format_exact(r.from)), Cell::of(format_exact(r.to))});
  }
  t.footnotes.push_back(fmt::format(
      "{} a month, {} as of {}, in {}. Plans: the monthly fee (annual plans: a twelfth of the year) up to the "
      "clips their credits make, then the cheapest pack or API rate of their market. Packs and APIs: per second.",
      result.generation.spec(), result.generation.provider->id, ctx.as_of().to_string(), code));
  if (!o.chart.empty()) {
    write_text_file(o.chart, render_svg(chart_of(result, code)));
    ctx.err << fmt::format("wrote {}\n", o.chart);
  }
  ctx.render_market(std::move(t));
  return kExitOk;
}

}  // namespace

void attach_breakeven(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("breakeven", "Which plan, pack or API is cheapest at each monthly usage");
  auto o = fresh_options<BreakevenOptions>(cmd);
  cmd->add_option("provider", o->provider, "A provider, such as kling")->required();
  cmd->add_option("spec", o->spec, "One generation (default: the newest model's first in-app mode)");
  cmd->add_option("--chart", o->chart, "Also write an SVG chart of cost against usage to FILE.svg");
  cmd->add_option("--max", o->max, "Usage up to this many seconds a month (default: 1.5 x the largest plan)");
  cmd->footer("Example: vidcost breakeven kling kling/2.5-turbo/pro@5s --region intl --chart kling.svg");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_breakeven(ctx, *o); }; });
}

}  // namespace vidcost
