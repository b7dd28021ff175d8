// `vidcost breakeven PROVIDER [SPEC] [--chart FILE.svg]`: for a monthly stream of one
// generation, which plan, pack or API is cheapest at each usage, with exact crossover points.
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/errors.h"
#include "core/text.h"
#include "pricing/breakeven.h"
#include "pricing/quote.h"
#include "pricing/spec.h"
#include "report/svg_chart.h"

namespace vidcost {
namespace {

struct BreakevenOptions {
  std::string provider;
  std::string spec;
  std::string chart;
  std::string max;
};

// The newest model's first mode sold in the app with known credits, at its shortest length.
std::optional<Generation> default_generation(const Provider& p, const Date& as_of) {
  for (auto model = p.models.rbegin(); model != p.models.rend(); ++model) {
    for (const auto& mode : model->modes) {
      if (mode.in_app && mode.credits.known() && mode.provenance.effective.contains(as_of) && !mode.durations.empty()) {
        return Generation{&p, &*model, &mode, *std::min_element(mode.durations.begin(), mode.durations.end())};
      }
    }
  }
  return std::nullopt;
}

std::string seconds_text(const Rational& s) { return format_fixed(s, 1); }

int run_breakeven(Context& ctx, const BreakevenOptions& o) {
  const Catalog& catalog = ctx.catalog();
  const Date as_of = ctx.as_of();
  const auto region = ctx.region();
  ctx.render_options();
  const Provider* provider = catalog.find_provider(o.provider);
  if (!provider) {
    throw UsageError(fmt::format("unknown provider '{}'{}", o.provider, did_you_mean(o.provider, catalog.provider_ids())));
  }
  std::optional<Generation> g;
  if (!o.spec.empty()) {
    SpecPattern pattern = parse_spec_pattern(o.spec);
    if (!pattern.provider) pattern.provider = provider->id;
    const auto gens = resolve_generations(catalog, pattern, as_of, true);
    if (gens.size() != 1) throw UsageError(fmt::format("'{}' names {} generations; give the duration", o.spec, gens.size()));
    if (gens[0].provider != provider) {
      throw UsageError(fmt::format("'{}' is not a generation of {}", o.spec, provider->id));
    }
    g = gens[0];
  } else {
    g = default_generation(*provider, as_of);
    if (!g) throw UsageError(fmt::format("{} has no generation priced in credits; name one", provider->id));
  }
  const Currency currency = ctx.display_currency().value_or(region == Region::CN ? Currency::CNY : Currency::USD);
  auto in = [&](const Amount& a) { return catalog.fx.convert(a, currency, as_of).amount.value; };
  const Rational seconds(g->seconds);

  // Every offer as a monthly cost line; a plan's overflow goes to its market's cheapest rate.
  QuoteOptions qo{as_of, 1, region, std::nullopt};
  std::vector<CostLine> options;
  std::map<Region, Rational> cheapest_rate;
  std::vector<std::pair<const Plan*, Quote>> plans;
  for (auto& q : quote_all(*g, qo)) {
    if (!q.priced()) continue;
    if (q.kind == OfferKind::Plan) {
      plans.emplace_back(find_plan(*provider, q.offer_id, as_of), std::move(q));
      continue;
    }
    if (q.kind == OfferKind::ApiPack) continue;  // prepaid units: their validity is not a month
    const Rational rate = in(*q.per_second);
    auto [it, inserted] = cheapest_rate.emplace(q.region, rate);
    if (!inserted && rate < it->second) it->second = rate;
    options.push_back({fmt::format("{} {}", offer_kind_name(q.kind), q.offer_id),
                       fmt::format("{} {} ({})", offer_kind_name(q.kind), q.offer_name, region_name(q.region)), 0, 0,
                       rate, std::nullopt});
  }
  for (const auto& [plan, q] : plans) {
    const Rational credits_per_clip = *q.credits_per_clip;
    const Rational clips = *plan->credits_per_month.value / credits_per_clip;
    const Rational included = Rational(numerator(clips) / denominator(clips)) * seconds;  // whole clips
    const Rational fee = in(*plan->price.value) / Rational(plan->months());
    CostLine line{fmt::format("plan {}", plan->id),
                  fmt::format("plan {}{} ({})", plan->name, plan->billing == Billing::Year ? ", annual / 12" : "",
                              region_name(plan->region)),
                  fee, included, 0, std::nullopt};
    if (auto it = cheapest_rate.find(plan->region); it != cheapest_rate.end()) {
      line.rate = it->second;
    } else {
      line.limit = included;
    }
    options.push_back(line);
  }
  if (options.empty()) {
    throw UsageError(fmt::format("no offer prices {}{}", g->spec(),
                                 region ? " in region " + std::string(region_name(*region)) : ""));
  }
  Rational max;
  if (!o.max.empty()) {
    auto parsed = parse_exact(o.max);
    if (!parsed || *parsed <= 0) throw UsageError(fmt::format("--max '{}' must be a positive number of seconds", o.max));
    max = *parsed;
  } else {
    Rational largest = 0;
    for (const auto& line : options) largest = std::max(largest, line.included);
    max = largest > 0 ? Rational(largest * 3 / 2) : Rational(3600);
  }

  const auto ranges = cheapest_ranges(options, max);
  const std::string code(currency_code(currency));
  Table t;
  t.columns = {{"from_s"}, {"to_s"}, {"cheapest"}, {"offer"}, {"cost_from"}, {"cost_to"}, {"per_second_at_to"},
               {"currency"}, {"from_exact", false}, {"to_exact", false}};
  for (const auto& r : ranges) {
    const CostLine& line = options[r.option];
    t.add_row({Cell::number(seconds_text(r.from)), Cell::number(seconds_text(r.to)), Cell::of(line.id),
               Cell::of(line.label), Cell::number(format_fixed(r.cost_from, 2)), Cell::number(format_fixed(r.cost_to, 2)),
               Cell::number(format_fixed(r.to > 0 ? Rational(r.cost_to / r.to) : Rational(0), 4)), Cell::of(code),
               Cell::of(format_exact(r.from)), Cell::of(format_exact(r.to))});
  }
  t.footnotes.push_back(fmt::format(
      "{} a month, {} as of {}, in {}. Plans: the monthly fee (annual plans: a twelfth of the year) up to the "
      "clips their credits make, then the cheapest pack or API rate of their market. Packs and APIs: per second.",
      g->spec(), provider->id, as_of.to_string(), code));

  if (!o.chart.empty()) {
    Chart chart;
    chart.title = fmt::format("Monthly cost of {} by usage ({})", g->spec(), code);
    chart.x_label = "seconds of video a month";
    chart.y_label = fmt::format("cost a month ({})", code);
    chart.x_max = max.convert_to<double>();
    Rational top = 0;
    for (const auto& r : ranges) top = std::max(top, r.cost_to);
    chart.y_max = (top * Rational(13, 10)).convert_to<double>();
    if (chart.y_max <= 0) chart.y_max = 1;
    for (const auto& line : options) {
      ChartSeries series{line.label, {}};
      std::vector<Rational> xs = {Rational(0)};
      if (line.included > 0 && line.included < max) xs.push_back(line.included);
      xs.push_back(line.limit && *line.limit < max ? *line.limit : max);
      for (const auto& x : xs) series.points.emplace_back(x.convert_to<double>(), line.cost(x)->convert_to<double>());
      chart.series.push_back(std::move(series));
    }
    for (std::size_t i = 1; i < ranges.size(); ++i) {
      chart.markers.push_back({ranges[i].from.convert_to<double>(), ranges[i].cost_from.convert_to<double>(),
                               fmt::format("{} s", seconds_text(ranges[i].from))});
    }
    std::ofstream file(o.chart, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError(fmt::format("cannot write the chart '{}'", o.chart));
    file << render_svg(chart);
    file.close();
    if (!file) throw UsageError(fmt::format("cannot write the chart '{}'", o.chart));
    ctx.err << fmt::format("wrote {}\n", o.chart);
  }
  ctx.render_market(t);
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
