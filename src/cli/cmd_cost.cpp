// `vidcost cost ARCH|SPEC`: what one generation costs to serve, from first principles; and
// `vidcost cost calibrate`: the fit of the time model against published measurements.
#include <cmath>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/serving_options.h"
#include "compute/calibrate.h"
#include "core/error.h"
#include "pricing/spec.h"

namespace vidcost {
namespace {

struct CostOptions {
  std::string target;
  ServingText serving;
};

std::string sci(double x) { return fmt::format("{:.4g}", x); }
std::string fixed(double x, int places) { return fmt::format("{:.{}f}", x, places); }

// An architecture id, or a SPEC costed through its proxy.
ServingRequest to_request(Context& ctx, const CostOptions& o) {
  ServingRequest r = parse_serving(o.serving, ctx.options);
  if (o.target.find('/') == std::string::npos) {
    r.target = o.target;
    return r;
  }
  const auto g = resolve_generations(ctx.catalog(), parse_spec_pattern(o.target), ctx.as_of(), true);
  if (g.size() != 1) {
    throw Error::bad_input(fmt::format("'{}' names {} generations; give a duration, e.g. {}@5s", o.target, g.size(),
                                       o.target));
  }
  r.target = ProductTarget{g[0].provider->id, g[0].model->id, g[0].mode->id, g[0].seconds, g[0].spec()};
  return r;
}

int run_estimate(Context& ctx, const CostOptions& o) {
  const ServingRequest request = to_request(ctx, o);
  const ComputeCatalog& compute = ctx.compute();
  const ServingSetup setup = resolve_serving(compute, request);
  const ServingEstimate e = estimate_serving(setup, ctx.time_model(), compute);
  const Workload& w = setup.workload;
  const Prediction& p = e.prediction;
  ServingCost cost = serving_cost(setup, p);
  Amount gpu_price = setup.gpu_price;
  std::string fx_note;
  if (const auto target = ctx.display_currency(); target && *target != gpu_price.currency) {
    const Market market = ctx.market();
    const Conversion clip = market.convert(cost.per_clip, *target);
    cost.per_clip = clip.amount;
    cost.per_video_second = market.convert(cost.per_video_second, *target).amount;
    gpu_price = market.convert(gpu_price, *target).amount;
    fx_note = fmt::format("1 {} = {} {} on {} ({})", currency_code(clip.rate->base), format_plain(clip.rate->rate),
                          currency_code(clip.rate->quote), clip.rate->date.to_string(), clip.rate->source);
  }

  Table t;
  t.vertical = true;
  t.columns = {{"target"}, {"arch"}, {"estimate"}, {"gpu"}, {"gpus"}, {"kernel"}, {"precision"}, {"width"},
               {"height"}, {"frames"}, {"fps"}, {"video_seconds"}, {"steps"}, {"passes"}, {"attention_kept"},
               {"cache_skip"}, {"tokens"}, {"text_tokens"}, {"flops"}, {"flops_linear"}, {"flops_attention"},
               {"flops_cross_attention"}, {"attention_share"}, {"peak_tflops"}, {"efficiency"},
               {"parallel_efficiency"}, {"seconds"}, {"dit_seconds"}, {"vae_seconds"}, {"overhead_seconds"},
               {"gpu_seconds"}, {"gpu_hours"}, {"gpu_price"}, {"currency"}, {"gpu_price_source"},
               {"fleet_utilization"}, {"serving_overhead"}, {"cost_per_clip"}, {"cost_per_video_second"},
               {"cost_per_video_second_exact", false}, {"fx_rate", false}, {"notes"}};
  const Flops& f = e.flops;
  t.add_row({Cell::of(setup.target), Cell::of(w.arch->id), Cell::of(setup.estimate), Cell::of(w.gpu->id),
             Cell::of(w.gpus), Cell::of(std::string(kernel_name(w.kernel))),
             Cell::of(std::string(precision_name(w.precision))), Cell::of(w.width), Cell::of(w.height),
             Cell::of(w.frames), Cell::number(fixed(setup.fps, 2)), Cell::number(fixed(setup.video_seconds, 3)),
             Cell::of(w.steps), Cell::of(w.passes), Cell::number(fixed(w.attention_kept, 3)),
             Cell::number(fixed(w.cache_skip, 3)), Cell::of(static_cast<std::int64_t>(e.tokens.video_tokens)),
             Cell::of(e.tokens.text_tokens), Cell::number(sci(f.total())), Cell::number(sci(f.linear * f.dit_passes)),
             Cell::number(sci(f.self_attention * f.dit_passes)), Cell::number(sci(f.cross_attention * f.dit_passes)),
             Cell::number(fixed(f.attention_share(), 3)), Cell::number(fixed(p.peak_tflops, 1)),
             Cell::number(fixed(p.efficiency, 3)), Cell::number(fixed(p.parallel_efficiency, 3)),
             Cell::number(fixed(p.seconds, 1)), Cell::number(fixed(p.dit_seconds, 1)),
             Cell::number(fixed(p.vae_seconds, 1)), Cell::number(fixed(p.overhead_seconds, 1)),
             Cell::number(fixed(p.gpu_seconds, 1)), Cell::number(fixed(p.gpu_seconds / 3600, 4)),
             Cell::number(format_fixed(gpu_price.value, 4)), Cell::of(std::string(currency_code(gpu_price.currency))),
             Cell::of(setup.price_source), Cell::number(format_plain(setup.fleet_utilization)),
             Cell::number(format_plain(setup.overhead)), Cell::number(format_fixed(cost.per_clip.value, 4)),
             Cell::number(format_fixed(cost.per_video_second.value, 4)),
             Cell::of(format_exact(cost.per_video_second.value)), fx_note.empty() ? Cell::null() : Cell::of(fx_note),
             Cell::of(fmt::format("{}", fmt::join(e.tokens.notes, "; ")))});
  if (setup.estimate) t.footnotes.push_back("Estimate: " + setup.proxy_note);
  if (!fx_note.empty()) t.footnotes.push_back("Converted at " + fx_note + ".");
  ctx.render(t);
  return kExitOk;
}

int run_calibrate(Context& ctx) {
  const ComputeCatalog& c = ctx.compute();
  const Calibration cal = calibrate(c);
  Table t;
  t.columns = {{"id"}, {"set"}, {"arch"}, {"gpu"}, {"gpus"}, {"kernel"}, {"width", false}, {"height", false},
               {"frames", false}, {"steps", false}, {"passes", false}, {"measured_s"}, {"predicted_s"}, {"ratio"},
               {"source", false}};
  for (const auto& r : cal.rows) {
    const Measurement& m = *r.measurement;
    t.add_row({Cell::of(m.id), Cell::of(m.holdout ? "holdout" : "calibration"), Cell::of(m.arch), Cell::of(m.gpu),
               Cell::of(m.gpus), Cell::of(std::string(kernel_name(m.kernel))), Cell::of(m.width), Cell::of(m.height),
               Cell::of(m.frames), Cell::of(m.steps), Cell::of(m.passes), Cell::number(fixed(m.seconds, 1)),
               Cell::number(fixed(r.predicted, 1)), Cell::number(fixed(r.ratio, 3)), Cell::of(m.provenance.source)});
  }
  auto describe = [](const char* name, const FitError& e) {
    return fmt::format("{}: {} measurements, median |log ratio| {:.3f} (x{:.3f}), worst {:.3f} (x{:.3f})", name,
                       e.count, e.median_abs_log, std::exp(e.median_abs_log), e.worst_abs_log,
                       std::exp(e.worst_abs_log));
  };
  t.footnotes.push_back(describe("Calibration", cal.calibration_error));
  t.footnotes.push_back(describe("Holdout", cal.holdout_error));
  std::string eff;
  for (const auto& [key, value] : cal.model.efficiency) eff += fmt::format("{}{} {:.3f}", eff.empty() ? "" : ", ", key, value);
  t.footnotes.push_back("Fitted efficiency (share of dense peak): " + eff);
  t.footnotes.push_back(fmt::format("Fitted fixed work {:.3g} FLOPs per clip; VAE decode {:.3g} FLOPs per output "
                                    "pixel-frame; serial share of the DiT time over GPUs {:.4f}",
                                    cal.model.overhead_work, cal.model.vae_flops_per_pixel,
                                    cal.model.serial_share));
  ctx.render(t);
  return kExitOk;
}

}  // namespace

void attach_cost(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("cost", "What one generation costs to serve: tokens, FLOPs, GPU time, money");
  auto o = fresh_options<CostOptions>(cmd);
  cmd->add_option("target", o->target,
                  "An architecture id (wan2.1-14b), a SPEC (kling/2.5-turbo/pro@5s), or 'calibrate'")
      ->required();
  add_serving_options(*cmd, o->serving);
  cmd->footer("Examples: vidcost cost wan2.1-14b --gpu h100 --steps 4 --passes 1\n"
              "          vidcost cost kling/2.1/pro@5s\n          vidcost cost calibrate");
  cmd->callback([o, &action] {
    action = [o](Context& ctx) { return o->target == "calibrate" ? run_calibrate(ctx) : run_estimate(ctx, *o); };
  });
}

}  // namespace vidcost
