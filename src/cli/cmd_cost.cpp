// `vidcost cost ARCH|SPEC`: what one generation costs to serve, per scenario, from first
// principles; and `vidcost cost calibrate`: the fit of the time model against published
// measurements and speed-ups.
#include <cmath>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/row_writer.h"
#include "cli/serving_options.h"
#include "compute/calibrate.h"
#include "core/text.h"
#include "pricing/serving_cost.h"
#include "pricing/staleness.h"

namespace vidcost {
namespace {

struct CostOptions {
  std::string target;
  ServingText serving;
};

std::string fixed(double x, int places) { return format_estimate_fixed(x, places); }

// "agrees: a, b; contradicts: c".
std::string evidence_text(const std::vector<Evidence>& evidence) {
  std::string out;
  for (const bool agrees : {true, false}) {
    const std::size_t start = out.size();
    for (const auto& e : evidence) {
      if (e.agrees != agrees) continue;
      if (out.size() == start) {
        out.append(start == 0 ? "" : "; ").append(agrees ? "agrees: " : "contradicts: ");
      } else {
        out += ", ";
      }
      out += e.anchor->id;
    }
  }
  return out;
}

const std::vector<Column>& scenario_columns() {
  static const std::vector<Column> columns = {
      {"target", false}, {"scenario"}, {"profile", false}, {"confidence"}, {"arch", false},
      {"gpu"}, {"gpus", false}, {"kernel", false}, {"linear_precision", false},
      {"attention_precision", false}, {"width", false}, {"height", false}, {"base_width", false},
      {"base_height", false}, {"sr_steps", false}, {"frames", false}, {"fps", false},
      {"video_seconds", false}, {"steps", false}, {"passes", false}, {"attention_kept", false},
      {"cache_skip", false}, {"size_scale", false}, {"tokens", false}, {"flops", false},
      {"flops_linear", false}, {"flops_attention", false}, {"attention_share", false},
      {"peak_tflops", false}, {"efficiency", false}, {"dit_seconds", false}, {"vae_seconds", false},
      {"overhead_seconds", false}, {"seconds", false}, {"gpu_seconds"}, {"latency_1gpu_s"},
      {"latency_8gpu_s"}, {"h100_seconds_per_video_second", false}, {"gpu_price", false},
      {"gpu_price_currency", false}, {"gpu_price_source", false}, {"fleet_utilization", false},
      {"serving_overhead", false}, {"compute_per_second"}, {"cost_per_second"}, {"currency"},
      {"cost_per_clip", false}, {"compute_per_clip", false}, {"cost_per_second_exact", false},
      {"evidence"}, {"assumptions", false}, {"summary", false}};
  return columns;
}

// One scenario's row. Estimates: two significant figures in a text table, full values
// elsewhere; money at six places.
void scenario_cells(const CostResult& result, const ScenarioCost& s, bool text, RowWriter& r) {
  const ServingEstimate& e = s.estimate;
  const ServingSetup& setup = e.setup;
  const Workload& w = setup.workload;
  const Prediction& p = e.prediction;
  const auto fixed_at = [&](double x, int places) {
    r.number_of([&](std::string& out) { append_estimate_fixed(out, x, places); });
  };
  const auto sci = [&](double x) { r << Cell::number(format_estimate_general(x, 4)); };
  const auto estimate = [&](double x, int places = 1) {
    if (text) {
      r << Cell::number(format_significant(x, 2));
    } else {
      fixed_at(x, places);
    }
  };
  const auto money_of = [&](const std::optional<Amount>& a) {
    if (!a) {
      r.null();
    } else if (text) {
      r << Cell::number(format_significant(a->value, 2));
    } else {
      r << money(&*a, 6);
    }
  };
  r << result.target << setup.scenario << setup.profile << confidence_name(setup.confidence) << w.arch->id
    << w.gpu->id;
  r.integer(w.gpus) << kernel_name(w.kernel) << precision_name(w.linear) << precision_name(w.attention);
  r.integer(w.output_width()).integer(w.output_height()).integer(w.width).integer(w.height);
  if (w.sr) {
    r.integer(w.sr->steps);
  } else {
    r.null();
  }
  r.integer(w.frames);
  fixed_at(setup.fps, 2);
  fixed_at(setup.video_seconds, 3);
  r.integer(w.steps).integer(w.passes);
  fixed_at(w.attention_kept, 3);
  fixed_at(w.cache_skip, 3);
  fixed_at(w.size_scale, 3);
  r.integer(static_cast<std::int64_t>(e.tokens.video_tokens));
  sci(e.flops.total());
  sci(e.flops.linear());
  sci(e.flops.attention());
  fixed_at(e.flops.attention_share(), 3);
  fixed_at(p.peak_tflops, 1);
  fixed_at(p.efficiency, 3);
  for (const double seconds : {p.dit_seconds, p.vae_seconds, p.overhead_seconds, p.seconds, p.gpu_seconds,
                               e.latency_one_gpu, e.latency_eight_gpus}) {
    estimate(seconds);
  }
  estimate(s.gpu_seconds_per_video_second, 3);
  if (setup.gpu_price) {
    r << money(&*setup.gpu_price, 4) << currency_code(setup.gpu_price->currency);
  } else {
    r.null().null();
  }
  r << setup.price_source << quantity(&setup.fleet_utilization) << quantity(&setup.overhead);
  money_of(s.compute_per_second);
  money_of(s.per_second);
  if (s.per_second) {
    r << currency_code(s.per_second->currency);
  } else {
    r.null();
  }
  money_of(s.per_clip);
  money_of(s.compute_per_clip);
  if (s.per_second) {
    r.text_of([&](std::string& out) { append_exact(out, s.per_second->value); });
  } else {
    r.null();
  }
  r << evidence_text(s.evidence);
  r.text_of([&](std::string& out) { join_into(out, setup.assumptions, ", "); });
  r << setup.summary;
}

// The scenarios' rows are made as they are written; `result` must outlive the table.
Table scenario_table(const CostResult& result, bool text) {
  Table t;
  t.columns = scenario_columns();
  t.streamed = result.scenarios.size();
  t.make_row = [&result, text](std::size_t i, RowSink& sink) {
    thread_local std::string scratch;
    RowWriter r{sink, scratch};
    scenario_cells(result, result.scenarios[i], text, r);
  };
  return t;
}

// What each scenario assumes and agrees with, the market, the rate and staleness.
void add_footnotes(Table& t, const CostResult& result, const Market& market, bool text) {
  if (result.no_profile) t.footnotes.push_back(fmt::format("No serving profile for {}: {}.", result.target, *result.no_profile));
  for (const auto& s : result.scenarios) {
    const ServingSetup& setup = s.estimate.setup;
    std::string line = fmt::format("{}: {}", setup.scenario, setup.summary);
    if (!setup.assumptions.empty()) line += fmt::format(" (assumed: {})", fmt::join(setup.assumptions, ", "));
    if (!setup.gpu_price) line += fmt::format("; cost unknown: {}", setup.price_source);
    t.footnotes.push_back(line);
    for (const auto& e : s.evidence) {
      t.footnotes.push_back(fmt::format("  {} {}: {} ({})", e.agrees ? "agrees with" : "contradicts", e.anchor->id,
                                        e.anchor->statement, e.detail()));
    }
  }
  if (result.estimate) {
    t.footnotes.push_back(fmt::format("Costed at GPU prices of the {} market; per generated second, loaded (fleet "
                                      "utilization and overhead) beside pure compute. Not costed: {}.",
                                      region_name(result.region), not_costed_text()));
  }
  for (const auto& s : result.scenarios) {
    if (s.rate) {
      t.footnotes.push_back(fmt::format("Converted at 1 {} = {} {} on {} ({}).", currency_code(s.rate->base),
                                        format_plain(s.rate->rate), currency_code(s.rate->quote),
                                        s.rate->date.to_string(), s.rate->source));
      break;
    }
  }
  if (text) t.footnotes.push_back("Estimates rounded to two significant figures; --format csv or json for all digits.");
  StaleReport staleness(market);
  Provenance p;  // outlives the report: a trust keeps a view of its source
  for (const auto& s : result.scenarios) {
    const ServingSetup& setup = s.estimate.setup;
    if (!setup.price_as_of) continue;
    Trust trust;
    p.as_of = *setup.price_as_of;
    trust.add(p, "GPU price " + setup.price_source);
    staleness.row(trust);
    staleness.fx(s.rate);
  }
  if (const auto stale = staleness.footnote(); !stale.empty()) t.footnotes.push_back(stale);
}

int run_estimate(Context& ctx, const CostOptions& o) {
  CostRequest request{o.target, parse_serving(o.serving, ctx.options)};
  const Market market = ctx.market();
  const CostResult result = serving_cost_of(market, ctx.compute(), ctx.time_model(), request);
  const bool text = ctx.render_options().format == Format::Table;
  Table t = scenario_table(result, text);
  t.vertical = result.scenarios.size() == 1;
  if (t.vertical) {
    for (auto& c : t.columns) c.in_text_table = true;
  }
  // Footnotes only where they are printed: a script of CSV cost lines skips them.
  if (ctx.prints_footnotes()) add_footnotes(t, result, market, text);
  if (result.scenarios.empty()) {
    throw Error::bad_input(fmt::format("nothing to cost for {}: {}", result.target,
                                       result.no_profile.value_or("no scenario")));
  }
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
    t.add_row({Cell::of(m.id), Cell::of(std::string(measurement_set_name(m.set))), Cell::of(m.arch), Cell::of(m.gpu),
               Cell::of(m.gpus), Cell::of(std::string(kernel_name(m.kernel))), Cell::of(m.width), Cell::of(m.height),
               Cell::of(m.frames), Cell::of(m.steps), Cell::of(m.passes), Cell::number(fixed(m.seconds, 1)),
               Cell::number(fixed(r.predicted, 1)), Cell::number(fixed(r.ratio, 3)), Cell::of(m.provenance.source)});
  }
  for (const auto& r : cal.speedups) {
    const Speedup& s = *r.speedup;
    t.add_row({Cell::of(s.id), Cell::of("speed-up"), Cell::of(s.arch), Cell::of(s.gpu), Cell::of(1),
               Cell::of(std::string(kernel_name(s.kernel))), Cell::of(s.width), Cell::of(s.height), Cell::of(s.frames),
               Cell::of(s.steps), Cell::of(s.passes), Cell::number(fixed(s.speedup, 2) + "x"),
               Cell::number(fixed(r.predicted, 2) + "x"), Cell::number(fixed(r.predicted / s.speedup, 3)),
               Cell::of(s.provenance.source)});
  }
  auto describe = [](const char* name, const FitError& e) {
    return fmt::format("{}: {} measurements, median |log ratio| {:.3f} (x{:.3f}), worst {:.3f} (x{:.3f})", name,
                       e.count, e.median_abs_log, std::exp(e.median_abs_log), e.worst_abs_log,
                       std::exp(e.worst_abs_log));
  };
  t.footnotes.push_back(describe("Calibration", cal.calibration_error));
  t.footnotes.push_back(describe("Holdout", cal.holdout_error));
  if (cal.serving_error.count > 0) {
    t.footnotes.push_back(describe("Serving (few-step, distilled, FP8, warm)", cal.serving_error));
  }
  std::string eff;
  for (const auto& [key, value] : cal.model.efficiency) eff += fmt::format("{}{} {:.3f}", eff.empty() ? "" : ", ", key, value);
  t.footnotes.push_back("Fitted efficiency (share of dense BF16 peak): " + eff);
  t.footnotes.push_back(fmt::format("Fitted cold fixed work {:.3g} FLOPs per clip; VAE decode {:.3g} FLOPs per output "
                                    "pixel-frame; serial share of the DiT time over GPUs {:.4f}",
                                    cal.model.overhead_work, cal.model.vae_flops_per_pixel,
                                    cal.model.serial_share));
  if (!cal.speedups.empty()) {
    t.footnotes.push_back(fmt::format("Fitted FP8 gains over BF16 at the same efficiency, on the speed-up rows: "
                                      "matmuls x{:.3f}, attention x{:.3f} (the FP8 peak is x2)",
                                      cal.model.fp8_linear_gain, cal.model.fp8_attention_gain));
  }
  ctx.render(t);
  return kExitOk;
}

}  // namespace

void attach_cost(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("cost", "What one generation costs to serve: scenarios, GPU time, latency, money");
  auto o = fresh_options<CostOptions>(cmd);
  cmd->add_option("target", o->target,
                  "A SPEC (kling/2.5-turbo/pro@5s: its family's serving scenarios), an architecture id (wan2.1-14b: a "
                  "research run), or 'calibrate'")
      ->required();
  add_serving_options(*cmd, o->serving);
  cmd->footer("Examples: vidcost cost kling/2.5-turbo/pro@5s\n"
              "          vidcost cost kling/2.5-turbo/pro@5s --scenario all --format csv\n"
              "          vidcost cost wan2.1-14b --gpu h100 --steps 4 --passes 1\n          vidcost cost calibrate");
  cmd->callback([o, &action] {
    action = [o](Context& ctx) { return o->target == "calibrate" ? run_calibrate(ctx) : run_estimate(ctx, *o); };
  });
}

}  // namespace vidcost
