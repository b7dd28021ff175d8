// `vidcost compare [PATTERN...]`: every matching generation on every offer, cheapest per second
// first, with unpriced combinations and their reasons at the end.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compare_filters.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/error.h"
#include "core/text.h"
#include "pricing/compare.h"

namespace vidcost {
namespace {

struct CompareOptions {
  CompareFilters filters;
  std::string utilization, unit, group_by;
  bool best = false;
};

CompareRequest to_request(const CompareOptions& o, const Settings& settings) {
  CompareRequest r = compare_request(o.filters);
  r.utilization = o.utilization.empty() ? settings.utilization.value_or(1) : parse_utilization(o.utilization);
  if (!o.unit.empty()) {
    const auto unit = parse_price_unit(o.unit);
    if (!unit) {
      throw Error::bad_input(fmt::format("--unit '{}' is not a unit; use second, minute or clip{}", o.unit,
                                         did_you_mean(o.unit, {"second", "minute", "clip"})));
    }
    r.unit = *unit;
  }
  r.best = o.best;
  if (!o.group_by.empty()) {
    if (o.group_by != "currency") {
      throw Error::bad_input(fmt::format("--group-by '{}' is not a grouping; use currency", o.group_by));
    }
    r.group_by_currency = true;
  }
  return r;
}

int run_compare(Context& ctx, const CompareOptions& o) {
  const CompareRequest request = to_request(o, ctx.options);
  const Market market = ctx.market();
  CompareResult result = compare(market, request);
  // The table's rows point into `result`, which lives until they are written.
  Table table = quote_table({std::move(result.priced), std::move(result.unpriced), std::move(result.unsold)}, market,
                            QuoteView::Compare, request.unit, ctx.prints_footnotes());
  if (!market.display && result.mixed_currencies) {
    table.footnotes.push_back(
        request.group_by_currency
            ? fmt::format("Grouped by each offer's own currency; within a group, cheapest first.")
            : fmt::format("Sorted by the {} equivalent of each price (at the rate in force); amounts in each offer's "
                          "own currency (--group-by currency groups them; --currency shows one).",
                          currency_code(result.rank_currency)));
  }
  ctx.render_market(std::move(table));
  return kExitOk;
}

}  // namespace

void attach_compare(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("compare", "Every matching generation and offer, cheapest per second first");
  auto o = fresh_options<CompareOptions>(cmd);
  add_compare_filters(cmd, o->filters,
                      "SPEC-PATTERNs such as kling/*/pro@5s or */*/*@10s; several make a union (default: everything)");
  cmd->add_option("--utilization,-u", o->utilization, "Share of bought credits actually spent, in (0, 1]");
  cmd->add_option("--unit", o->unit,
                  "Price per second, minute (of video) or clip, sorted by it; without a duration each product "
                  "is compared at its default (first listed) clip length");
  cmd->add_flag("--best", o->best, "Only the cheapest offer of each generation");
  cmd->add_option("--group-by", o->group_by, "currency: rows grouped by each offer's own currency");
  cmd->footer("Example: vidcost compare --resolution 1080p --duration 5s --currency USD\n"
              "         vidcost compare hailuo/02 kling/2.5-turbo --best --unit clip");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_compare(ctx, *o); }; });
}

}  // namespace vidcost
