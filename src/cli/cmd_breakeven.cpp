// `vidcost breakeven PROVIDER [SPEC] [--chart FILE.svg]`: for a monthly stream of one
// generation, which way to pay is cheapest at each usage (as `recommend` would pick it).
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "core/error.h"
#include "core/files.h"
#include "cli/breakeven_view.h"

namespace vidcost {
namespace {

struct BreakevenOptions {
  std::string provider, spec, chart, max;
  std::vector<std::string> offers;
  int months = 1;
  bool free = false, no_free = false;
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
  if (o.months < 1 || o.months > 120) throw Error::bad_input("--months must be between 1 and 120");
  r.months = o.months;
  if (o.free && o.no_free) throw Error::bad_input("--free and --no-free contradict each other");
  r.free_credits = o.free;
  r.offers = OfferFilter::parse(o.offers);
  return r;
}

int run_breakeven(Context& ctx, const BreakevenOptions& o) {
  const BreakevenRequest request = to_request(o);
  const BreakevenResult result = breakeven(ctx.market(), request);
  if (!o.chart.empty()) {
    write_text_file(o.chart, render_svg(breakeven_chart(result)));
    ctx.err << fmt::format("wrote {}\n", o.chart);
  }
  ctx.render_market(breakeven_table(result, ctx.as_of()));
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
  cmd->add_option("--months,-m", o->months, "The period, as for recommend (default 1); annual plans need 12 or more");
  cmd->add_option("--offer", o->offers, "Only these kinds of offer, as for recommend: api, api-pack, app, plan, pack")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  cmd->add_flag("--free", o->free, "Count free daily credits (low confidence)");
  cmd->add_flag("--no-free", o->no_free, "Leave out free daily credits (the default)");
  cmd->footer("Example: vidcost breakeven kling kling/2.5-turbo/pro@5s --region intl --chart kling.svg");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_breakeven(ctx, *o); }; });
}

}  // namespace vidcost
