// `vidcost history SPEC`: the per-second price of a generation over time, one row per change
// of each offer, with the date, old and new price, the change in percent and the source.
#include <algorithm>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/errors.h"
#include "core/text.h"
#include "pricing/history.h"

namespace vidcost {
namespace {

struct HistoryOptions {
  std::string spec;
  std::string offer;
};

struct Target {
  const Model* model;
  std::string mode;
  int seconds;
};

// Every model, mode id and duration the pattern names, across all dates.
std::vector<Target> targets(const Provider& p, const SpecPattern& pattern) {
  std::vector<const Model*> models;
  if (pattern.model) {
    const Model* m = find_model(p, *pattern.model);
    if (!m) {
      std::vector<std::string> ids;
      for (const auto& x : p.models) ids.push_back(x.id);
      throw UsageError(fmt::format("unknown model '{}' of {}{}", *pattern.model, p.id, did_you_mean(*pattern.model, ids)));
    }
    models.push_back(m);
  } else {
    for (const auto& m : p.models) models.push_back(&m);
  }
  std::vector<Target> out;
  for (const Model* model : models) {
    std::vector<std::string> mode_ids;
    std::map<std::string, std::set<int>> durations;
    for (const auto& m : model->modes) {
      if (pattern.mode && !names(m.id, m.aliases, *pattern.mode)) continue;
      if (!durations.count(m.id)) mode_ids.push_back(m.id);
      durations[m.id].insert(m.durations.begin(), m.durations.end());
    }
    if (pattern.mode && mode_ids.empty()) {
      std::vector<std::string> ids;
      for (const auto& x : model->modes) ids.push_back(x.id);
      throw UsageError(fmt::format("unknown mode '{}' of {}/{}{}", *pattern.mode, p.id, model->id,
                                   did_you_mean(*pattern.mode, ids)));
    }
    for (const auto& id : mode_ids) {
      if (pattern.seconds) {
        if (!durations[id].count(*pattern.seconds)) {
          throw UsageError(fmt::format("{}/{}/{} never offered {} s clips (durations: {})", p.id, model->id, id,
                                       *pattern.seconds, fmt::join(durations[id], ", ")));
        }
        out.push_back({model, id, *pattern.seconds});
      } else {
        for (int s : durations[id]) out.push_back({model, id, s});
      }
    }
  }
  return out;
}

int run_history(Context& ctx, const HistoryOptions& o) {
  const Catalog& catalog = ctx.catalog();
  ctx.render_options();
  const auto display = ctx.display_currency();
  const Date until = ctx.as_of();
  const SpecPattern pattern = parse_spec_pattern(o.spec);
  if (!pattern.provider) throw UsageError("history needs a provider: SPEC is provider[/model[/mode]][@DURATION]");
  const Provider* p = catalog.find_provider(*pattern.provider);
  if (!p) {
    throw UsageError(fmt::format("unknown provider '{}'{}", *pattern.provider,
                                 did_you_mean(*pattern.provider, catalog.provider_ids())));
  }
  const QuoteOptions qo{until, 1, ctx.region(), parse_offer_option(o.offer)};
  Table t;
  t.columns = {{"spec"},           {"date"},      {"event"},           {"offer_kind"}, {"offer_id"},
               {"region", false},  {"currency"},  {"old_per_second"},  {"new_per_second"}, {"change_pct"},
               {"replaces"}, {"source"},   {"derivation", false}, {"unpriced_reason", false}};
  auto shown = [&](const std::optional<Quote>& q, const Date& on, Currency& currency) -> std::optional<Rational> {
    if (!q || !q->per_second) return std::nullopt;
    currency = q->currency;
    if (!display || *display == q->currency) return q->per_second->value;
    currency = *display;
    return ctx.catalog_fx().convert(*q->per_second, *display, on).amount.value;
  };
  for (const auto& target : targets(*p, pattern)) {
    for (const auto& row : price_history(*p, *target.model, target.mode, target.seconds, qo, until)) {
      const Quote& any = row.after ? *row.after : *row.before;
      const Date on = row.date.value_or(until);
      Currency currency = any.currency;
      const auto before = shown(row.before, row.date ? row.date->plus_days(-1) : on, currency);
      const auto after = shown(row.after, on, currency);
      t.add_row({Cell::of(row.spec), row.date ? Cell::of(row.date->to_string()) : Cell::of("(before)"),
                 Cell::of(std::string(history_event_name(row.event))), Cell::of(std::string(offer_kind_name(any.kind))),
                 Cell::of(any.offer_id), Cell::of(std::string(region_name(any.region))),
                 Cell::of(std::string(currency_code(currency))),
                 before ? Cell::number(format_fixed(*before, 4)) : Cell::null(),
                 after ? Cell::number(format_fixed(*after, 4)) : Cell::null(),
                 before && after ? change_percent(*before, *after) : Cell::null(), Cell::of(row.replaces),
                 Cell::of(fmt::format("{}", fmt::join(any.sources, "; "))), Cell::of(row.after ? row.after->derivation() : ""),
                 Cell::of(row.after ? row.after->unpriced_reason : "")});
    }
  }
  if (t.rows.empty()) throw UsageError(fmt::format("no offer of the catalog prices {}", o.spec));
  t.footnotes.push_back(fmt::format("Changes recorded up to {} (--as-of). Per-second prices rounded half to even to "
                                    "4 decimals, changes to 1 decimal; \"(before)\" is the price before the first "
                                    "dated change.",
                                    until.to_string()));
  ctx.render(t);
  return kExitOk;
}

}  // namespace

void attach_history(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("history", "Per-second price of a generation over time, change by change");
  auto o = fresh_options<HistoryOptions>(cmd);
  cmd->add_option("spec", o->spec, "provider[/model[/mode]][@DURATION], e.g. kling/2.5-turbo/pro@5s")->required();
  cmd->add_option("--offer", o->offer, "Only one kind of offer: plan, pack, api or api-pack");
  cmd->footer("Example: vidcost history kling/2.5-turbo/pro@5s --offer api");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_history(ctx, *o); }; });
}

}  // namespace vidcost
