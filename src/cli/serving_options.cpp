#include "cli/serving_options.h"

#include <fmt/format.h>

#include "cli/options.h"
#include "core/error.h"
#include "core/text.h"

namespace vidcost {

void add_serving_options(CLI::App& cmd, ServingText& o) {
  cmd.add_option("--scenario", o.scenario,
                 "low, central or high (one end of the band), band (all three, the default), reference (the open "
                 "research recipe, an upper bound) or all");
  cmd.add_option("--profile", o.profile, "Cost a product with another family's serving profile (kling, hailuo, ...)");
  cmd.add_option("--resolution,-r", o.resolution, "Output size: WxH, or 480p, 720p, 1080p... (default: the mode's or arch's)");
  cmd.add_option("--frames", o.frames, "Frames to generate");
  cmd.add_option("--seconds", o.seconds, "Clip length in seconds (frames = seconds x fps, on the VAE's grid)");
  cmd.add_option("--fps", o.fps, "Frames per second");
  cmd.add_option("--steps", o.steps, "Denoising steps (fewer with step distillation)");
  cmd.add_option("--passes", o.passes, "DiT passes per step: 2 with classifier-free guidance, 1 when distilled");
  cmd.add_option("--gpu", o.gpu, "GPU id: a100, a800, h100, h800, h20, h200, b200, l40s, rtx4090");
  cmd.add_option("--gpus", o.gpus, "GPUs per generation (sequence parallel)");
  cmd.add_option("--kernel", o.kernel, "Attention kernel: fa2 or fa3 (Hopper only)");
  auto* both = cmd.add_option("--precision", o.precision,
                              "bf16 or fp8, for matmuls and attention alike (FP8's gains are fitted)");
  cmd.add_option("--linear-precision", o.linear_precision, "bf16 or fp8 for the linear layers (matmuls) only")
      ->excludes(both);
  cmd.add_option("--attention-precision", o.attention_precision,
                 "bf16 or fp8 for attention only (8-bit attention, as SageAttention)")
      ->excludes(both);
  cmd.add_option("--gpu-price", o.gpu_price, "Price per GPU-hour: an amount (2.25, 16CNY) or a price point id");
  cmd.add_option("--fleet-utilization", o.fleet_utilization,
                 "Share of paid GPU time the fleet spends generating, in (0, 1] (default 1: pure compute)");
  cmd.add_option("--overhead", o.overhead, "Serving overhead on top of GPU time, e.g. 0.15 (default 0)");
  cmd.add_option("--attention-kept", o.attention_kept, "Sparse attention: share of attention FLOPs kept, in (0, 1]");
  cmd.add_option("--cache-skip", o.cache_skip, "Step caching: share of steps skipped, in [0, 1)");
  auto* warm = cmd.add_flag("--warm", o.warm,
                            "A warm process: no cold start (model loading), as timings that exclude it are measured");
  cmd.add_option("--fixed-seconds", o.fixed_seconds, "Fixed work per clip, in seconds (text encoder, scheduling)")
      ->excludes(warm);
  cmd.add_flag("--offload", o.offload, "Weights offloaded to the CPU between stages (to fit a 24 GB GPU)");
}

namespace {

Precision parse_precision(const std::string& text, const char* option) {
  if (text == "bf16") return Precision::BF16;
  if (text == "fp8") return Precision::FP8;
  throw Error::bad_input(fmt::format("{} '{}' is not a precision; use bf16 or fp8", option, text));
}

}  // namespace

ServingRequest parse_serving(const ServingText& o, const Settings& settings) {
  ServingRequest r;
  if (!o.scenario.empty()) {
    const auto choice = parse_scenario_choice(o.scenario);
    if (!choice) {
      throw Error::bad_input(fmt::format("--scenario '{}' is not a scenario; use low, central, high, band, reference or "
                                         "all{}",
                                         o.scenario, did_you_mean(o.scenario, scenario_choice_names())));
    }
    r.scenarios = *choice;
  }
  if (!o.profile.empty()) r.profile = o.profile;
  if (!o.resolution.empty()) {
    const auto size = parse_frame_size(o.resolution);
    if (!size || size->first > 8192 || size->second > 8192) {
      throw Error::bad_input(fmt::format("--resolution '{}' is not a resolution; write WxH (1280x720, at most 8192 a "
                                         "side) or 480p, 720p, 1080p",
                                         o.resolution));
    }
    r.width = size->first;
    r.height = size->second;
  }
  if (!o.frames.empty()) r.frames = parse_count(o.frames, "--frames", 18000);
  if (!o.seconds.empty()) r.seconds = parse_positive(o.seconds, "--seconds", 600);
  if (!o.fps.empty()) r.fps = parse_positive(o.fps, "--fps", 240);
  if (!o.steps.empty()) r.steps = parse_count(o.steps, "--steps", 1000);
  if (!o.passes.empty()) r.passes = parse_count(o.passes, "--passes", 8);
  if (!o.gpus.empty()) r.gpus = parse_count(o.gpus, "--gpus", 1024);
  if (!o.gpu.empty()) {
    r.gpu = o.gpu;
  } else if (settings.gpu) {
    r.gpu = settings.gpu;
  }
  if (!o.kernel.empty()) {
    if (o.kernel == "fa2") r.kernel = Kernel::FA2;
    else if (o.kernel == "fa3") r.kernel = Kernel::FA3;
    else throw Error::bad_input(fmt::format("--kernel '{}' is not a kernel; use fa2 or fa3", o.kernel));
  }
  if (!o.precision.empty()) r.linear_precision = r.attention_precision = parse_precision(o.precision, "--precision");
  if (!o.linear_precision.empty()) r.linear_precision = parse_precision(o.linear_precision, "--linear-precision");
  if (!o.attention_precision.empty()) {
    r.attention_precision = parse_precision(o.attention_precision, "--attention-precision");
  }
  if (!o.gpu_price.empty()) r.gpu_price = parse_gpu_price(o.gpu_price);
  if (!o.fleet_utilization.empty()) r.fleet_utilization = parse_utilization(o.fleet_utilization, "--fleet-utilization");
  if (!o.overhead.empty()) r.overhead = parse_non_negative(o.overhead, "--overhead");
  if (!o.attention_kept.empty()) {
    r.attention_kept = parse_share(o.attention_kept, "--attention-kept", false, true).convert_to<double>();
  }
  if (o.warm) r.fixed_seconds = 0;
  if (!o.fixed_seconds.empty()) {
    r.fixed_seconds = parse_non_negative(o.fixed_seconds, "--fixed-seconds").convert_to<double>();
    if (*r.fixed_seconds > 3600) throw Error::bad_input("--fixed-seconds must be at most 3600");
  }
  r.offload = o.offload;
  if (!o.cache_skip.empty()) r.cache_skip = parse_share(o.cache_skip, "--cache-skip", true, false).convert_to<double>();
  return r;
}

}  // namespace vidcost
