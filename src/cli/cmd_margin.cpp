// `vidcost margin SPEC`: who makes money on a generated second. Price per second (an offer at
// the buyer's credit utilization) minus the estimated cost of serving it, per offer; with
// --solve, the parameter value at which the margin reaches a target; with --sweep, a table of
// margins across one parameter.
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compute_options.h"
#include "cli/options.h"
#include "core/errors.h"
#include "core/text.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

struct MarginOptions {
  ComputeOptions compute;
  std::string plan, pack;
  bool api = false;
  std::string utilization = "1";  // the buyer's credit utilization
  std::string solve;
  std::string target_margin = "0";
  std::string sweep;
};

// The serving cost of a second of video under `setup` with `model`, in `currency`.
Rational cost_per_second(Context& ctx, const CostSetup& setup, const TimeModel& model, Currency currency) {
  const TokenCount tokens = count_tokens(*setup.workload.arch, setup.workload.width, setup.workload.height,
                                         setup.workload.frames);
  const Flops flops = dit_flops(setup.workload, tokens);
  const Prediction p = predict(setup.workload, flops, model, setup.compute);
  const CostResult cost = serving_cost(ctx, setup, p);
  return ctx.catalog().fx.convert(cost.per_video_second, currency, ctx.as_of()).amount.value;
}

Rational share(const Rational& price, const Rational& cost) { return (price - cost) / price; }

std::string percent(const Rational& r) { return format_fixed(r * 100, 1) + "%"; }

std::vector<Quote> offers(Context& ctx, const MarginOptions& o, const Generation& g, const Rational& utilization) {
  const Provider& p = *g.provider;
  QuoteOptions qo{ctx.as_of(), utilization, ctx.region(), std::nullopt};
  std::vector<Quote> quotes;
  if (!o.plan.empty()) {
    const Plan* plan = find_plan(p, o.plan, qo.as_of);
    if (!plan) throw UsageError(fmt::format("unknown plan '{}' of {}", o.plan, p.id));
    quotes.push_back(quote_plan(g, *plan, qo));
  } else if (!o.pack.empty()) {
    const Pack* pack = find_pack(p, o.pack, qo.as_of);
    if (!pack) throw UsageError(fmt::format("unknown pack '{}' of {}", o.pack, p.id));
    quotes.push_back(quote_pack(g, *pack, qo));
  } else {
    if (o.api) qo.kind = OfferKind::Api;
    for (auto& q : quote_all(g, qo)) {
      if (q.kind != OfferKind::ApiPack) quotes.push_back(std::move(q));
    }
  }
  std::erase_if(quotes, [](const Quote& q) { return !q.priced(); });
  if (quotes.empty()) throw UsageError(fmt::format("no offer with a known price sells {}", g.spec()));
  return quotes;
}

// What a --solve or --sweep parameter does to the margin of one offer.
class Levers {
 public:
  Levers(Context& ctx, CostSetup setup, Rational price_at_full_use, Currency currency)
      : ctx_(ctx), setup_(std::move(setup)), model_(setup_.model), price1_(std::move(price_at_full_use)),
        currency_(currency) {}

  // Price and cost per second with one parameter set to `value`.
  std::pair<Rational, Rational> at(const std::string& param, const Rational& value) {
    CostSetup s = setup_;
    TimeModel m = model_;
    Rational utilization = utilization_;
    if (param == "gpu-price") {
      s.gpu_price = Amount(value, s.gpu_price ? s.gpu_price->currency : s.catalog_price->price.currency);
    } else if (param == "efficiency") {
      m.efficiency[m.efficiency_key(s.workload, s.compute)] = value.convert_to<double>();
    } else if (param == "steps") {
      s.workload.steps = static_cast<int>(value.convert_to<double>());
    } else if (param == "utilization") {
      utilization = value;
    }
    return {price1_ / utilization, cost_with(s, m)};
  }
  void set_utilization(const Rational& u) { utilization_ = u; }
  const CostSetup& setup() const { return setup_; }
  const TimeModel& model() const { return model_; }
  // `m` may differ from the session's model in efficiency; the prediction uses `m`.
  Rational cost_with(const CostSetup& s, const TimeModel& m) { return cost_per_second(ctx_, s, m, currency_); }

 private:
  Context& ctx_;
  CostSetup setup_;
  TimeModel model_;
  Rational price1_;
  Rational utilization_ = 1;
  Currency currency_;
};

// The value of `param` at which the margin share reaches `target`, or why none does.
std::string solve(Levers& levers, const std::string& param, const Rational& target, const Rational& price,
                  const Rational& cost) {
  const Rational allowed_cost = price * (Rational(1) - target);  // margin share = target
  if (param == "gpu-price") {
    // Cost is proportional to the GPU price.
    const CostSetup& s = levers.setup();
    const Amount now = s.gpu_price ? *s.gpu_price : s.catalog_price->price;
    const Rational solved = now.value * allowed_cost / cost;
    return fmt::format("{} {}/GPU-hour (now {})", currency_code(now.currency), format_fixed(solved, 4),
                       format_fixed(now.value, 4));
  }
  if (param == "utilization") {
    // Price = P1 / U; margin share = 1 - cost U / P1 = target  =>  U = P1 (1 - target) / cost.
    const Rational p1 = levers.at("utilization", 1).first;
    const Rational u = p1 * (Rational(1) - target) / cost;
    if (u >= 1) return "every utilization in (0, 1] gives at least the target margin";
    return fmt::format("{} (margin falls below the target above it)", format_fixed(u, 4));
  }
  if (param == "efficiency") {
    // Cost falls as efficiency rises; bisect on (0, 1].
    auto margin_at = [&](double e) {
      const auto [p, c] = levers.at("efficiency", Rational(static_cast<long long>(std::llround(e * 1e6)), 1000000));
      return share(p, c) - target;
    };
    if (margin_at(1.0) < 0) return "none: even at 100% of peak the margin stays below the target";
    double lo = 1e-4, hi = 1.0;
    if (margin_at(lo) >= 0) return "any efficiency above 0.0001 reaches the target";
    for (int i = 0; i < 60; ++i) {
      const double mid = (lo + hi) / 2;
      (margin_at(mid) >= 0 ? hi : lo) = mid;
    }
    return fmt::format("{:.4f} of dense peak (now {:.4f})", hi,
                       levers.model().efficiency.at(levers.model().efficiency_key(levers.setup().workload,
                                                                                   levers.setup().compute)));
  }
  // steps: the most denoising steps that keep the margin at the target.
  int best = 0;
  for (int steps = 1; steps <= 200; ++steps) {
    const auto [p, c] = levers.at("steps", steps);
    if (share(p, c) >= target) best = steps;
  }
  if (best == 0) return "none: even 1 step leaves the margin below the target";
  return fmt::format("at most {} step{} (now {})", best, best == 1 ? "" : "s", levers.setup().workload.steps);
}

struct Sweep {
  std::string param;
  Rational from, to;
  int points = 5;
};

Sweep parse_sweep(const std::string& text) {
  const auto eq = text.find('='), dots = text.find("..");
  const auto colon = text.find(':', dots == std::string::npos ? 0 : dots);
  if (eq == std::string::npos || dots == std::string::npos || dots < eq) {
    throw UsageError(fmt::format("--sweep '{}': write PARAM=FROM..TO[:N], such as gpu-price=1..4:7", text));
  }
  Sweep s;
  s.param = text.substr(0, eq);
  auto from = parse_exact(text.substr(eq + 1, dots - eq - 1));
  auto to = parse_exact(text.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2));
  if (!from || !to || !(*from < *to)) {
    throw UsageError(fmt::format("--sweep '{}': FROM and TO must be numbers with FROM < TO", text));
  }
  s.from = *from;
  s.to = *to;
  if (colon != std::string::npos) {
    const std::string n = text.substr(colon + 1);
    if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos || std::stoi(n) < 2) {
      throw UsageError(fmt::format("--sweep '{}': N must be a whole number of points, at least 2", text));
    }
    s.points = std::stoi(n);
  }
  return s;
}

void check_param(const std::string& param, const char* option) {
  static const std::vector<std::string> kParams = {"gpu-price", "efficiency", "steps", "utilization"};
  if (std::find(kParams.begin(), kParams.end(), param) == kParams.end()) {
    throw UsageError(fmt::format("{} '{}': use gpu-price, efficiency, steps or utilization{}", option, param,
                                 did_you_mean(param, kParams)));
  }
}

int run_margin(Context& ctx, const MarginOptions& o) {
  ctx.render_options();
  const Rational utilization = parse_utilization(o.utilization);
  auto target = parse_exact(o.target_margin);
  if (!target || !(*target < 1)) {
    throw UsageError(fmt::format("--target-margin '{}' must be a share below 1, such as 0.3", o.target_margin));
  }
  if (!o.solve.empty()) check_param(o.solve, "--solve");
  if (!o.solve.empty() && !o.sweep.empty()) throw UsageError("--solve and --sweep answer different questions; give one");
  const auto gens = resolve_generations(ctx.catalog(), parse_spec_pattern(o.compute.target), ctx.as_of(), true);
  if (gens.size() != 1) throw UsageError(fmt::format("'{}' names {} generations; give the duration", o.compute.target, gens.size()));
  const CostSetup setup = resolve_cost_setup(ctx, o.compute);
  const auto quotes = offers(ctx, o, gens[0], utilization);
  const auto display = ctx.display_currency();

  if (!o.sweep.empty()) {
    const Sweep sweep = parse_sweep(o.sweep);
    check_param(sweep.param, "--sweep");
    if (quotes.size() != 1) throw UsageError("--sweep needs one offer: give --plan, --pack, or --api with one API");
    const Quote& q = quotes[0];
    const Currency currency = display.value_or(q.currency);
    const Rational p1 = ctx.catalog().fx.convert(*q.per_second * utilization, currency, ctx.as_of()).amount.value;
    Levers levers(ctx, setup, p1, currency);
    levers.set_utilization(utilization);
    Table t;
    t.columns = {{sweep.param}, {"price_per_second"}, {"cost_per_second"}, {"margin_per_second"}, {"margin_share"},
                 {"currency"}};
    for (int i = 0; i < sweep.points; ++i) {
      Rational value = sweep.from + (sweep.to - sweep.from) * Rational(i, sweep.points - 1);
      if (sweep.param == "steps") value = Rational(numerator(value) / denominator(value));
      if (sweep.param == "utilization" && (value <= 0 || value > 1)) continue;
      if (sweep.param == "efficiency" && (value <= 0 || value > 1)) continue;
      if (sweep.param == "steps" && value < 1) continue;
      const auto [price, cost] = levers.at(sweep.param, value);
      t.add_row({Cell::number(format_plain(value, 4)), Cell::number(format_fixed(price, 4)),
                 Cell::number(format_fixed(cost, 4)), Cell::number(format_fixed(price - cost, 4)),
                 Cell::number(percent(share(price, cost))), Cell::of(std::string(currency_code(currency)))});
    }
    t.footnotes.push_back(fmt::format("{} on {} {}; cost: an estimate through the proxy ({})", gens[0].spec(),
                                      offer_kind_name(q.kind), q.offer_id, setup.proxy_note));
    ctx.render_market(t);
    return kExitOk;
  }

  Table t;
  t.columns = {{"spec"}, {"offer_kind"}, {"offer_id"}, {"currency"}, {"price_per_second"}, {"cost_per_second"},
               {"margin_per_second"}, {"margin_share"}, {"price_derivation", false}, {"cost_basis", false},
               {"estimate", false}};
  if (!o.solve.empty()) t.columns.push_back({"solve_" + o.solve});
  for (const auto& q : quotes) {
    const Currency currency = display.value_or(q.currency);
    const Rational price = ctx.catalog().fx.convert(*q.per_second, currency, ctx.as_of()).amount.value;
    Levers levers(ctx, setup, price * utilization, currency);
    levers.set_utilization(utilization);
    const Rational cost = levers.cost_with(setup, setup.model);
    std::vector<Cell> row = {Cell::of(q.generation.spec()), Cell::of(std::string(offer_kind_name(q.kind))),
                             Cell::of(q.offer_id), Cell::of(std::string(currency_code(currency))),
                             Cell::number(format_fixed(price, 4)), Cell::number(format_fixed(cost, 4)),
                             Cell::number(format_fixed(price - cost, 4)), Cell::number(percent(share(price, cost))),
                             Cell::of(q.derivation()),
                             Cell::of(fmt::format("{} on {} x{}, {} steps x {} passes", setup.workload.arch->id,
                                                  setup.workload.gpu->id, setup.workload.gpus, setup.workload.steps,
                                                  setup.workload.passes)),
                             Cell::of(setup.estimate)};
    if (!o.solve.empty()) row.push_back(Cell::of(solve(levers, o.solve, *target, price, cost)));
    t.add_row(std::move(row));
  }
  std::string basis = setup.estimate ? "an estimate; " + setup.proxy_note : "the cost model";
  if (!basis.empty() && basis.back() == '.') basis.pop_back();
  t.footnotes.push_back(fmt::format("Price: the offer at credit utilization {}. Cost: {}.", format_plain(utilization),
                                    basis));
  if (!o.solve.empty()) {
    t.footnotes.push_back(fmt::format("solve_{}: the value at which the margin share is {}", o.solve,
                                      percent(*target)));
  }
  ctx.render_market(t);
  return kExitOk;
}

}  // namespace

void attach_margin(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("margin", "Price minus serving cost per generated second, per offer");
  auto o = fresh_options<MarginOptions>(cmd);
  cmd->add_option("spec", o->compute.target, "One generation, such as kling/2.5-turbo/pro@5s")->required();
  auto* plan = cmd->add_option("--plan", o->plan, "Only this plan");
  auto* pack = cmd->add_option("--pack", o->pack, "Only this credit pack");
  auto* api = cmd->add_flag("--api", o->api, "Only pay-as-you-go API prices");
  plan->excludes(pack)->excludes(api);
  pack->excludes(api);
  cmd->add_option("--utilization,-u", o->utilization, "Share of bought credits the buyer spends, in (0, 1]");
  add_compute_options(*cmd, o->compute, "--fleet-utilization");
  cmd->add_option("--solve", o->solve, "gpu-price, efficiency, steps or utilization: the value that reaches the target");
  cmd->add_option("--target-margin", o->target_margin, "Margin share for --solve, below 1 (default 0: break-even)");
  cmd->add_option("--sweep", o->sweep, "PARAM=FROM..TO[:N]: margins across one parameter (N points, default 5)");
  cmd->footer("Examples: vidcost margin kling/2.5-turbo/pro@5s --plan pro --gpu h20\n"
              "          vidcost margin kling/2.5-turbo/pro@5s --api --solve gpu-price --target-margin 0.5");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_margin(ctx, *o); }; });
}

}  // namespace vidcost
