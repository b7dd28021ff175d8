// `vidcost margin SPEC`: who makes money on a generated second, per offer; --solve for the
// value of a lever at which the margin reaches a target, --sweep for margins across one lever.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/serving_options.h"
#include "core/error.h"
#include "core/text.h"
#include "pricing/margin.h"
#include "pricing/staleness.h"

namespace vidcost {
namespace {

struct MarginOptions {
  std::string spec, plan, pack, utilization, solve, target_margin, sweep, sell;
  bool api = false;
  ServingText serving;
};

Lever lever_option(std::string_view text, std::string_view option) {
  if (auto lever = parse_lever(text)) return *lever;
  throw Error::bad_input(fmt::format("{} '{}': use gpu-price, efficiency, steps or utilization{}", option, text,
                                     did_you_mean(text, lever_names())));
}

// PARAM=FROM..TO[:N]
Sweep parse_sweep(const std::string& text) {
  const auto eq = text.find('='), dots = text.find("..");
  const auto colon = text.find(':', dots == std::string::npos ? 0 : dots);
  if (eq == std::string::npos || dots == std::string::npos || dots < eq) {
    throw Error::bad_input(fmt::format("--sweep '{}': write PARAM=FROM..TO[:N], such as gpu-price=1..4:7", text));
  }
  Sweep s;
  s.lever = lever_option(text.substr(0, eq), "--sweep");
  auto from = parse_exact(text.substr(eq + 1, dots - eq - 1));
  auto to = parse_exact(text.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2));
  if (!from || !to || !(*from < *to)) {
    throw Error::bad_input(fmt::format("--sweep '{}': FROM and TO must be numbers with FROM < TO", text));
  }
  s.from = *from;
  s.to = *to;
  if (colon != std::string::npos) s.points = parse_count(text.substr(colon + 1), "--sweep's N", 1000);
  if (s.points < 2) throw Error::bad_input(fmt::format("--sweep '{}': N must be at least 2", text));
  return s;
}

MarginRequest to_request(const MarginOptions& o, const Settings& settings) {
  MarginRequest r;
  r.spec = parse_spec_pattern(o.spec);
  if (!o.plan.empty()) r.offer = {OfferKind::Plan, o.plan};
  if (!o.pack.empty()) r.offer = {OfferKind::Pack, o.pack};
  if (o.api) r.offer = {OfferKind::Api, ""};
  if (!r.offer.kind && settings.plan) r.offer = {OfferKind::Plan, *settings.plan};
  r.utilization = o.utilization.empty() ? settings.utilization.value_or(1) : parse_utilization(o.utilization);
  r.serving = parse_serving(o.serving, settings);
  if (!o.solve.empty()) r.solve = lever_option(o.solve, "--solve");
  if (!o.target_margin.empty()) {
    const auto target = parse_exact(o.target_margin);
    if (!target || !(*target < 1)) {
      throw Error::bad_input(fmt::format("--target-margin '{}' must be a share below 1, such as 0.3", o.target_margin));
    }
    r.target_margin = *target;
  }
  if (!o.sweep.empty()) r.sweep = parse_sweep(o.sweep);
  if (!o.sell.empty()) r.sell = parse_sell_price(o.sell);
  if (r.solve && r.sweep) throw Error::bad_input("--solve and --sweep answer different questions; give one");
  return r;
}

std::string percent(const Rational& r) { return format_fixed(r * 100, 1) + "%"; }

std::string solution_text(const Solution& s) {
  switch (s.outcome) {
    case Solution::Outcome::Unknown: return "unknown: the serving cost is unknown";
    case Solution::Outcome::AnyValue:
      return s.unit == "share of credits" ? "every utilization in (0, 1] gives at least the target margin"
                                          : "any value reaches the target";
    case Solution::Outcome::NoValue:
      return s.unit == "steps" ? "none: even 1 step leaves the margin below the target"
                               : "none: even at 100% of peak the margin stays below the target";
    case Solution::Outcome::Value: break;
  }
  if (s.unit == "steps") {
    return fmt::format("at most {} step{} (now {})", format_plain(s.value), s.value == 1 ? "" : "s", format_plain(s.current));
  }
  if (s.unit == "share of credits") return fmt::format("{} (margin falls below the target above it)", format_fixed(s.value, 4));
  if (s.unit == "share of dense peak") {
    return fmt::format("{} of dense peak (now {})", format_fixed(s.value, 4), format_fixed(s.current, 4));
  }
  // "USD 0.1282/GPU-hour (now 2.2500)"
  const auto slash = s.unit.find('/');
  return fmt::format("{} {}{} (now {})", s.unit.substr(0, slash), format_fixed(s.value, 4), s.unit.substr(slash),
                     format_fixed(s.current, 4));
}

std::string_view outcome_name(Solution::Outcome o) {
  switch (o) {
    case Solution::Outcome::Value: return "value";
    case Solution::Outcome::AnyValue: return "any value";
    case Solution::Outcome::NoValue: return "no value";
    case Solution::Outcome::Unknown: return "unknown";
  }
  return "";
}

std::string evidence_text(const std::vector<Evidence>& evidence) {
  std::vector<std::string> parts;
  for (const auto& e : evidence) parts.push_back(fmt::format("{} {}", e.agrees ? "agrees:" : "contradicts:", e.anchor->id));
  return fmt::format("{}", fmt::join(parts, "; "));
}

// An estimate: two significant figures in a text table, all digits elsewhere.
Cell estimate(const std::optional<Rational>& r, bool text, bool as_percent = false) {
  if (!r) return Cell::null();
  if (as_percent) return Cell::number(text ? format_significant(*r * 100, 2) + "%" : format_fixed(*r * 100, 4));
  return Cell::number(text ? format_significant(*r, 2) : format_fixed(*r, 6));
}

// How price and cost were worked out, the evidence used, what is not costed, staleness.
void add_footnotes(Table& t, const MarginResult& result, const MarginRequest& request, const Market& market,
                   const ComputeCatalog& compute, bool text) {
  t.footnotes.push_back(fmt::format("Price: each offer at credit utilization {}. Cost: serving estimates of {}, "
                                    "loaded with fleet utilization and overhead, at GPU prices of each offer's market.",
                                    format_plain(request.utilization), result.generation.spec()));
  if (result.no_profile) t.footnotes.push_back("No serving profile: " + *result.no_profile + ".");
  for (const auto& s : result.scenarios) {
    const ServingSetup& setup = s.estimate.setup;
    std::string line = fmt::format("{}: {}", setup.scenario, setup.summary);
    if (!setup.assumptions.empty()) line += fmt::format(" (assumed: {})", fmt::join(setup.assumptions, ", "));
    t.footnotes.push_back(line);
  }
  for (const auto& a : compute.anchors) {
    const bool used = std::any_of(result.rows.begin(), result.rows.end(), [&](const MarginRow& r) {
      return std::any_of(r.evidence.begin(), r.evidence.end(), [&](const Evidence& e) { return e.anchor == &a; });
    });
    if (used) t.footnotes.push_back(fmt::format("{}: {} ({}, {})", a.id, a.statement, a.provenance.source, a.provenance.as_of.to_string()));
  }
  t.footnotes.push_back(fmt::format("Not costed: {}.", not_costed_text()));
  if (request.solve) {
    t.footnotes.push_back(fmt::format("solve_{}: the value at which the margin share is {}", lever_name(*request.solve),
                                      percent(request.target_margin)));
  }
  if (text) t.footnotes.push_back("Costs and margins rounded to two significant figures; --format csv or json for all digits.");
  StaleReport staleness(market);
  for (const auto& row : result.rows) staleness.row(row.quote.trust);
  if (const auto stale = staleness.footnote(); !stale.empty()) t.footnotes.push_back(stale);
}

int run_margin(Context& ctx, const MarginOptions& o) {
  const MarginRequest request = to_request(o, ctx.options);
  const Market market = ctx.market();
  const MarginResult result = margin(market, ctx.compute(), ctx.time_model(), request);
  const bool text = ctx.render_options().format == Format::Table;

  if (request.sweep) {
    const MarginRow& row = result.rows.front();
    Table t;
    t.columns = {{std::string(lever_name(request.sweep->lever))}, {"price_per_second"}, {"cost_per_second"},
                 {"margin_per_second"}, {"margin_share"}, {"currency"}};
    for (const auto& s : result.sweep) {
      t.add_row({Cell::number(format_plain(s.value, 4)), Cell::number(format_fixed(s.price_per_second, 4)),
                 estimate(s.cost_per_second, text), estimate(s.margin(), text), estimate(s.share(), text, true),
                 Cell::of(std::string(currency_code(result.sweep_currency)))});
    }
    t.footnotes.push_back(fmt::format("{} on {} {}, the {} scenario{}, with {} moved.", result.generation.spec(),
                                      offer_kind_name(row.quote.kind), row.quote.offer_id, result.sweep_scenario,
                                      row.profile.empty() ? "" : " of the " + row.profile + " profile",
                                      lever_name(request.sweep->lever)));
    ctx.render_market(std::move(t));
    return kExitOk;
  }

  Table t;
  t.columns = {{"spec"}, {"offer_kind"}, {"offer_id"}, {"region", false}, {"scenario"}, {"profile", false},
               {"currency"}, {"price_per_second"}, {"compute_per_second", false}, {"cost_per_second"},
               {"margin_per_second"}, {"margin_share"}, {"evidence"}, {"cost_unknown", false},
               {"price_derivation", false}};
  if (request.sell) {
    t.columns.insert(t.columns.end(), {{"sell_per_second"}, {"resale_margin_per_second"}, {"resale_margin_share"}});
  }
  if (request.solve) {
    const std::string name(lever_name(*request.solve));
    t.columns.insert(t.columns.end(), {{"solve_" + name, true}, {"solve_outcome", false}, {"solve_value", false},
                                       {"solve_unit", false}, {"solve_current", false}});
  }
  for (const auto& row : result.rows) {
    std::vector<Cell> cells = {
        Cell::of(row.quote.generation.spec()), Cell::of(std::string(offer_kind_name(row.quote.kind))),
        Cell::of(row.quote.offer_id), Cell::of(std::string(region_name(row.quote.region))),
        row.scenario.empty() ? Cell::null() : Cell::of(row.scenario), Cell::of(row.profile),
        Cell::of(std::string(currency_code(row.currency))), Cell::number(format_fixed(row.price_per_second, 4)),
        estimate(row.compute_per_second, text), estimate(row.cost_per_second, text), estimate(row.margin(), text),
        estimate(row.share(), text, true), Cell::of(evidence_text(row.evidence)),
        row.cost_unknown.empty() ? Cell::null() : Cell::of(row.cost_unknown), Cell::of(row.quote.derivation())};
    if (request.sell) {
      const auto resale = row.resale_margin();
      cells.push_back(Cell::number(format_fixed(*row.sell_per_second, 4)));
      cells.push_back(Cell::number(format_fixed(*resale, 4)));
      cells.push_back(Cell::number(percent(*resale / *row.sell_per_second)));
    }
    if (request.solve) {
      const bool known = row.solved && row.solved->outcome == Solution::Outcome::Value;
      cells.push_back(row.solved ? Cell::of(solution_text(*row.solved)) : Cell::null());
      cells.push_back(row.solved ? Cell::of(std::string(outcome_name(row.solved->outcome))) : Cell::null());
      cells.push_back(known ? Cell::number(format_plain(row.solved->value, 6)) : Cell::null());
      cells.push_back(row.solved ? Cell::of(row.solved->unit) : Cell::null());
      cells.push_back(row.solved ? Cell::number(format_plain(row.solved->current, 6)) : Cell::null());
    }
    t.add_row(std::move(cells));
  }
  // Footnotes only where they are printed: a script of CSV margin lines skips them.
  if (ctx.prints_footnotes()) add_footnotes(t, result, request, market, ctx.compute(), text);
  ctx.render_market(std::move(t));
  return kExitOk;
}

}  // namespace

void attach_margin(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("margin", "Price minus serving cost per generated second, per offer");
  auto o = fresh_options<MarginOptions>(cmd);
  cmd->add_option("spec", o->spec, "One generation, such as kling/2.5-turbo/pro@5s")->required();
  auto* plan = cmd->add_option("--plan", o->plan, "Only this plan");
  auto* pack = cmd->add_option("--pack", o->pack, "Only this credit pack");
  auto* api = cmd->add_flag("--api", o->api, "Only pay-as-you-go API prices");
  plan->excludes(pack)->excludes(api);
  pack->excludes(api);
  cmd->add_option("--utilization,-u", o->utilization, "Share of bought credits the buyer spends, in (0, 1]");
  add_serving_options(*cmd, o->serving);
  cmd->add_option("--solve", o->solve, "gpu-price, efficiency, steps or utilization: the value that reaches the target");
  cmd->add_option("--target-margin", o->target_margin, "Margin share for --solve, below 1 (default 0: break-even)");
  cmd->add_option("--sweep", o->sweep,
                  "PARAM=FROM..TO[:N]: margins across one parameter (N points, default 5), central scenario");
  cmd->add_option("--sell", o->sell, "A reseller's own price: 0.12USD/s, 1CNY/s, 6USD/min or 0.9USD/clip");
  cmd->footer("Examples: vidcost margin kling/2.5-turbo/pro@5s --api --region intl\n"
              "          vidcost margin kling/2.5-turbo/pro@5s --api --sell 0.12USD/s\n"
              "          vidcost margin kling/2.5-turbo/pro@5s --api --solve gpu-price --target-margin 0.5");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_margin(ctx, *o); }; });
}

}  // namespace vidcost
