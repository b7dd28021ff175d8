// `vidcost history PATTERN`: the per-second price of generations over time, one row per change
// of each offer, with the date, old and new price, the change in percent and the source.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/files.h"
#include "report/svg_chart.h"
#include "report/time_chart.h"
#include "pricing/history.h"

namespace vidcost {
namespace {

struct HistoryOptions {
  std::string spec, offer, chart;
};

// One offer's per-second price of one generation over time: a step line from each change to
// the next, ending where the offer stops selling it.
struct PriceSteps {
  std::string label;  // "kling/2.1/pro@5s api intl"
  std::vector<std::pair<Date, std::optional<Amount>>> changes;  // in date order
  std::vector<std::pair<Date, std::optional<Rational>>> shown;   // in the chart's currency
};

Chart history_chart(const std::vector<PriceSteps>& lines, Currency currency, const Date& first, const Date& last,
                    const std::string& pattern) {
  std::vector<StepLine> steps;
  for (const auto& line : lines) {
    StepLine step{line.label, {}};
    for (const auto& [date, price] : line.shown) {
      step.steps.push_back({date, price ? std::optional<double>(price->convert_to<double>()) : std::nullopt});
    }
    steps.push_back(std::move(step));
  }
  Chart c = step_chart(fmt::format("Per-second price over time: {}", pattern),
                       fmt::format("{} per second of video", currency_code(currency)), first, last, steps);
  c.notes.push_back(fmt::format("Prices in {} at the rate of each date; steps at each dated change.", currency_code(currency)));
  return c;
}

int run_history(Context& ctx, const HistoryOptions& o) {
  const SpecPattern pattern = parse_spec_pattern(o.spec);
  const std::optional<OfferKind> kind =
      o.offer.empty() ? std::nullopt : std::optional<OfferKind>(parse_offer_kind_option(o.offer));
  const Market market = ctx.market();
  const Date until = market.date;
  const QuoteOptions options{until, 1, market.region, kind, market.price_basis};
  Table t;
  t.columns = {{"spec"},           {"date"},      {"event"},           {"offer_kind"}, {"offer_id"},
               {"region", false},  {"currency"},  {"old_per_second"},  {"new_per_second"}, {"change_pct"},
               {"replaces"}, {"source"},   {"derivation", false}, {"unpriced_reason", false}};
  // A price is converted at the rate of its own date.
  auto shown = [&](const std::optional<Quote>& q, const Date& on, Currency& currency) -> std::optional<Rational> {
    if (!q || !q->priced()) return std::nullopt;
    currency = market.display.value_or(q->currency);
    return market.catalog->fx.convert(q->price->per_second, currency, on).amount.value;
  };
  int scheduled_rows = 0;
  std::vector<PriceSteps> steps;
  std::map<std::string, std::size_t> step_of;
  std::set<Currency> currencies;
  Date first = until, last = until;
  for (const auto& target : history_targets(*market.catalog, pattern)) {
    // Changes the catalog records after the market date are shown too, as scheduled.
    for (const auto& row : price_history(*target.provider, *target.model, target.mode, target.seconds, options,
                                         until.plus_days(3650))) {
      const bool scheduled = row.date && until < *row.date;
      if (scheduled && !known_ahead(row, until)) continue;  // what happened later, not announced by then
      if (scheduled) ++scheduled_rows;
      const Quote& any = row.after ? *row.after : *row.before;
      const Date on = row.date.value_or(until);
      Currency currency = any.currency;
      const auto before = shown(row.before, row.date ? row.date->plus_days(-1) : on, currency);
      const auto after = shown(row.after, on, currency);
      if (!o.chart.empty() && row.date) {
        const std::string label = fmt::format("{} {} {}", row.spec, offer_kind_name(any.kind), any.offer_id);
        auto [it, added] = step_of.emplace(label, steps.size());
        if (added) steps.push_back({label, {}, {}});
        steps[it->second].changes.emplace_back(*row.date, row.after && row.after->priced()
                                                              ? std::optional<Amount>(row.after->price->per_second)
                                                              : std::nullopt);
        if (row.after && row.after->priced()) currencies.insert(row.after->currency);
        first = std::min(first, *row.date);
        last = std::max(last, *row.date);
      }
      t.add_row({Cell::of(row.spec), row.date ? Cell::of(row.date->to_string()) : Cell::of("(before)"),
                 Cell::of(std::string(history_event_name(row.event)) + (scheduled ? " (scheduled)" : "")),
                 Cell::of(std::string(offer_kind_name(any.kind))),
                 Cell::of(any.offer_id), Cell::of(std::string(region_name(any.region))),
                 Cell::of(std::string(currency_code(currency))),
                 before ? Cell::number(format_fixed(*before, 4)) : Cell::null(),
                 after ? Cell::number(format_fixed(*after, 4)) : Cell::null(),
                 before && after ? change_percent(*before, *after) : Cell::null(), Cell::of(row.replaces),
                 Cell::of(fmt::format("{}", fmt::join(any.trust.sources, "; "))),
                 Cell::of(row.after ? row.after->derivation() : ""), Cell::of(row.after ? row.after->unpriced_reason : "")});
    }
  }
  if (t.rows.empty()) throw Error::bad_input(fmt::format("no offer of the catalog prices {}", o.spec));
  t.footnotes.push_back(fmt::format("Changes recorded up to {} (--as-of). Per-second prices rounded half to even to "
                                    "4 decimals, changes to 1 decimal; \"(before)\" is the price before the first "
                                    "dated change.",
                                    until.to_string()));
  if (scheduled_rows > 0) {
    t.footnotes.push_back(fmt::format("{} change{} after {} the catalog already records, marked (scheduled).",
                                      scheduled_rows, scheduled_rows == 1 ? "" : "s", until.to_string()));
  }
  if (!o.chart.empty()) {
    // One currency on the chart: the display currency, the offers' own when they share one, else USD.
    const Currency currency = market.display.value_or(currencies.size() == 1 ? *currencies.begin() : Currency::USD);
    for (auto& line : steps) {
      std::sort(line.changes.begin(), line.changes.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [date, price] : line.changes) {
        line.shown.emplace_back(date, price ? std::optional<Rational>(market.catalog->fx.convert(*price, currency, date).amount.value)
                                            : std::nullopt);
      }
    }
    write_text_file(o.chart, render_svg(history_chart(steps, currency, first, last, o.spec)));
    ctx.err << fmt::format("wrote {}\n", o.chart);
  }
  ctx.note_what_ifs(t);
  ctx.render(t);
  return kExitOk;
}

}  // namespace

void attach_history(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("history", "Per-second price of generations over time, change by change");
  auto o = fresh_options<HistoryOptions>(cmd);
  cmd->add_option("spec", o->spec, "A SPEC-PATTERN, as compare takes: kling/2.5-turbo/pro@5s, 'kling/*/pro@5s'")
      ->required();
  cmd->add_option("--chart", o->chart, "Also write an SVG chart of the per-second prices over time to FILE.svg");
  cmd->add_option("--offer", o->offer, "Only one kind of offer: plan, pack, api or api-pack");
  cmd->footer("Example: vidcost history kling/2.5-turbo/pro@5s --offer api");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_history(ctx, *o); }; });
}

}  // namespace vidcost
