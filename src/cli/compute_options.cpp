#include "cli/compute_options.h"

#include <cmath>

#include <fmt/format.h>

#include "cli/options.h"
#include "core/errors.h"
#include "core/text.h"
#include "pricing/spec.h"

namespace vidcost {
namespace {

double positive_real(const std::string& text, std::string_view option) {
  auto value = parse_exact(text);
  if (!value || *value <= 0) throw UsageError(fmt::format("{} '{}' must be a positive number", option, text));
  return static_cast<double>(*value);
}

int positive_count(const std::string& text, std::string_view option) {
  auto value = parse_exact(text);
  if (!value || *value <= 0 || boost::multiprecision::denominator(*value) != 1 || *value > 100000) {
    throw UsageError(fmt::format("{} '{}' must be a positive whole number", option, text));
  }
  return static_cast<int>(boost::multiprecision::numerator(*value));
}

// A share in [0, 1) such as 0.3 or 30%.
double share(const std::string& text, std::string_view option, bool allow_one) {
  std::string body = text;
  const bool percent = !body.empty() && body.back() == '%';
  if (percent) body.pop_back();
  auto value = parse_exact(body);
  if (value && percent) *value /= 100;
  if (!value || *value < 0 || *value > 1 || (!allow_one && *value == 1)) {
    throw UsageError(fmt::format("{} '{}' must be a share in [0, {}{}, such as 0.3 or 30%", option, text,
                                 allow_one ? "1" : "1", allow_one ? "]" : ")"));
  }
  return static_cast<double>(*value);
}

void parse_resolution(const std::string& text, int& width, int& height) {
  const std::string lower = ascii_lower(text);
  if (lower == "480p") { width = 832; height = 480; return; }
  if (lower == "540p") { width = 960; height = 544; return; }
  if (lower == "720p") { width = 1280; height = 720; return; }
  if (lower == "1080p") { width = 1920; height = 1080; return; }
  const auto x = lower.find('x');
  if (x != std::string::npos) {
    try {
      width = positive_count(lower.substr(0, x), "--resolution");
      height = positive_count(lower.substr(x + 1), "--resolution");
      return;
    } catch (const UsageError&) {
    }
  }
  throw UsageError(fmt::format("--resolution '{}' is not a resolution; write WxH (1280x720) or 480p, 540p, 720p, "
                               "1080p",
                               text));
}

// Frames for a clip of `seconds` at `fps`, on the VAE's k x c_t + 1 grid.
int frames_for(double seconds, double fps, int ct) {
  return ct * static_cast<int>(std::ceil(seconds * fps / ct - 1e-9)) + 1;
}

const Proxy& find_proxy(const ComputeCatalog& c, const Generation& g) {
  for (const auto& p : c.proxies) {
    const SpecPattern pattern = parse_spec_pattern(p.match);
    if ((!pattern.provider || *pattern.provider == g.provider->id) &&
        (!pattern.model || *pattern.model == g.model->id) && (!pattern.mode || *pattern.mode == g.mode->id)) {
      return p;
    }
  }
  throw UsageError(fmt::format("no proxy in the compute catalog covers {}; add a [[proxy]] or cost an architecture",
                               g.spec()));
}

}  // namespace

void add_compute_options(CLI::App& cmd, ComputeOptions& o, const std::string& fleet_option) {
  cmd.add_option("--resolution,-r", o.resolution, "WxH, or 480p, 540p, 720p, 1080p (default: the arch's)");
  cmd.add_option("--frames", o.frames, "Frames to generate");
  cmd.add_option("--seconds", o.seconds, "Clip length in seconds (frames = seconds x fps, on the VAE's grid)");
  cmd.add_option("--fps", o.fps, "Frames per second");
  cmd.add_option("--steps", o.steps, "Denoising steps (fewer with step distillation)");
  cmd.add_option("--passes", o.passes, "DiT passes per step: 2 with classifier-free guidance, 1 when distilled");
  cmd.add_option("--gpu", o.gpu, "GPU id: a100, a800, h100, h800, h20, h200, b200, l40s, rtx4090");
  cmd.add_option("--gpus", o.gpus, "GPUs per generation (sequence parallel)");
  cmd.add_option("--kernel", o.kernel, "Attention kernel: fa2 or fa3 (Hopper only)");
  cmd.add_option("--precision", o.precision, "bf16 or fp8 (doubles the peak where the GPU has FP8)");
  cmd.add_option("--gpu-price", o.gpu_price, "Price per GPU-hour: an amount (2.25, 16CNY) or a price point id");
  cmd.add_option(fleet_option, o.utilization, "Fleet utilization in (0, 1] (default 1: pure compute)");
  cmd.add_option("--overhead", o.overhead, "Serving overhead on top of GPU time, e.g. 0.15 (default 0)");
  cmd.add_option("--sparsity", o.sparsity, "Sparse attention: share of attention FLOPs kept, in (0, 1]");
  cmd.add_option("--cache-skip", o.cache_skip, "Step caching: share of steps skipped, in [0, 1)");
}

CostSetup resolve_cost_setup(Context& ctx, const ComputeOptions& o) {
  const ComputeCatalog& c = ctx.compute();
  CostSetup s{o.target, false, "", {}, 0, 0, 1, 0, std::nullopt, nullptr, {}, c, ctx.time_model()};
  const Arch* arch = nullptr;
  const Gpu* gpu = nullptr;
  std::optional<double> spec_seconds;
  if (o.target.find('/') != std::string::npos) {
    const auto g = resolve_generations(ctx.catalog(), parse_spec_pattern(o.target), ctx.as_of(), true);
    if (g.size() != 1) {
      throw UsageError(fmt::format("'{}' names {} generations; give a duration, e.g. {}@5s", o.target, g.size(),
                                   o.target));
    }
    const Proxy& proxy = find_proxy(c, g[0]);
    arch = c.find_arch(proxy.arch);
    gpu = c.find_gpu(proxy.gpu);
    s.workload = Workload::defaults(*arch, *gpu);
    s.workload.width = proxy.width;
    s.workload.height = proxy.height;
    s.workload.steps = proxy.steps;
    s.workload.passes = proxy.passes;
    s.workload.gpus = proxy.gpus;
    s.workload.kernel = proxy.kernel;
    s.workload.precision = proxy.precision;
    s.fps = proxy.fps;
    spec_seconds = g[0].seconds;
    s.estimate = true;
    s.target = g[0].spec();
    s.proxy_note = fmt::format("{} is served through the proxy '{}' ({}): {}", s.target, proxy.match, arch->id,
                               proxy.provenance.note.empty() ? "stated assumption" : proxy.provenance.note);
  } else {
    arch = c.find_arch(o.target);
    if (!arch) {
      throw UsageError(fmt::format("unknown architecture '{}'{}; known: {}", o.target,
                                   did_you_mean(o.target, c.arch_ids()), fmt::join(c.arch_ids(), ", ")));
    }
    gpu = c.find_gpu("h100");
    s.workload = Workload::defaults(*arch, *gpu);
    s.fps = arch->fps;
  }
  Workload& w = s.workload;
  if (!o.gpu.empty()) {
    gpu = c.find_gpu(ascii_lower(o.gpu));
    if (!gpu) {
      throw UsageError(fmt::format("unknown GPU '{}'{}; known: {}", o.gpu, did_you_mean(o.gpu, c.gpu_ids()),
                                   fmt::join(c.gpu_ids(), ", ")));
    }
    w.gpu = gpu;
    if (!gpu->hopper && w.kernel == Kernel::FA3 && o.kernel.empty()) w.kernel = Kernel::FA2;
  }
  if (!o.kernel.empty()) {
    if (o.kernel == "fa2") w.kernel = Kernel::FA2;
    else if (o.kernel == "fa3") w.kernel = Kernel::FA3;
    else throw UsageError(fmt::format("--kernel '{}' is not a kernel; use fa2 or fa3", o.kernel));
  }
  if (w.kernel == Kernel::FA3 && !w.gpu->hopper) {
    throw UsageError(fmt::format("--kernel fa3 (FlashAttention-3) runs only on Hopper GPUs; {} is not one", w.gpu->id));
  }
  if (!o.precision.empty()) {
    if (o.precision == "bf16") w.precision = Precision::BF16;
    else if (o.precision == "fp8") w.precision = Precision::FP8;
    else throw UsageError(fmt::format("--precision '{}' is not a precision; use bf16 or fp8", o.precision));
  }
  if (w.precision == Precision::FP8 && !w.gpu->fp8_tflops) {
    throw UsageError(fmt::format("--precision fp8: {} has no FP8 tensor cores", w.gpu->id));
  }
  if (!o.resolution.empty()) parse_resolution(o.resolution, w.width, w.height);
  if (!o.fps.empty()) s.fps = positive_real(o.fps, "--fps");
  if (!o.frames.empty() && !o.seconds.empty()) throw UsageError("give --frames or --seconds, not both");
  if (!o.frames.empty()) {
    w.frames = positive_count(o.frames, "--frames");
  } else if (!o.seconds.empty() || spec_seconds) {
    const double seconds = o.seconds.empty() ? *spec_seconds : positive_real(o.seconds, "--seconds");
    w.frames = frames_for(seconds, s.fps, arch->vae_temporal);
  }
  if (!o.steps.empty()) w.steps = positive_count(o.steps, "--steps");
  if (!o.passes.empty()) w.passes = positive_count(o.passes, "--passes");
  if (!o.gpus.empty()) w.gpus = positive_count(o.gpus, "--gpus");
  if (!o.sparsity.empty()) {
    w.attention_kept = share(o.sparsity, "--sparsity", true);
    if (w.attention_kept == 0) throw UsageError("--sparsity must keep some attention: a share in (0, 1]");
  }
  if (!o.cache_skip.empty()) w.cache_skip = share(o.cache_skip, "--cache-skip", false);
  s.video_seconds = !o.seconds.empty() ? positive_real(o.seconds, "--seconds")
                    : spec_seconds      ? *spec_seconds
                                        : (w.frames - 1) / s.fps;
  s.fleet_utilization = parse_utilization(o.utilization, "--utilization");
  auto overhead = parse_exact(o.overhead);
  if (!overhead || *overhead < 0) throw UsageError(fmt::format("--overhead '{}' must be zero or more", o.overhead));
  s.serving_overhead = *overhead;
  if (!o.gpu_price.empty()) {
    if (const GpuPrice* point = c.find_price(w.gpu->id, o.gpu_price)) {
      s.catalog_price = point;
    } else {
      std::string text = o.gpu_price;
      Currency currency = Currency::USD;
      for (const auto& code : currency_codes()) {
        if (text.size() > 3 && ascii_lower(text.substr(text.size() - 3)) == ascii_lower(code)) {
          currency = *parse_currency(code);
          text = text.substr(0, text.size() - 3);
          while (!text.empty() && text.back() == ' ') text.pop_back();
        }
      }
      auto value = parse_exact(text);
      if (!value || *value <= 0) {
        throw UsageError(fmt::format("--gpu-price '{}' is neither a positive amount (2.25, 16CNY) nor a price point "
                                     "of {}",
                                     o.gpu_price, w.gpu->id));
      }
      s.gpu_price = Amount(*value, currency);
    }
  } else {
    s.catalog_price = c.find_price(w.gpu->id);
    if (!s.catalog_price) {
      throw UsageError(fmt::format("the catalog has no hourly price for {}; give one with --gpu-price", w.gpu->id));
    }
  }
  if (w.frames < 1 || w.width < 16 || w.height < 16) throw UsageError("the clip is too small to generate");
  return s;
}

CostResult serving_cost(Context& ctx, const CostSetup& s, const Prediction& p) {
  CostResult r{s.gpu_price ? *s.gpu_price : s.catalog_price->price,
               s.gpu_price ? "--gpu-price" : fmt::format("{} ({})", s.catalog_price->id, s.catalog_price->provenance.source),
               {}, {}, ""};
  const Rational gpu_seconds(static_cast<long long>(std::llround(p.gpu_seconds * 1000)), 1000);
  r.per_clip = r.gpu_price * gpu_seconds / Rational(3600) / s.fleet_utilization * (Rational(1) + s.serving_overhead);
  Rational video_seconds(static_cast<long long>(std::llround(s.video_seconds * 1000)), 1000);
  r.per_video_second = r.per_clip / video_seconds;
  if (auto target = ctx.display_currency(); target && *target != r.gpu_price.currency) {
    const FxTable& fx = ctx.catalog().fx;
    const Conversion clip = fx.convert(r.per_clip, *target, ctx.as_of());
    r.per_clip = clip.amount;
    r.per_video_second = fx.convert(r.per_video_second, *target, ctx.as_of()).amount;
    r.gpu_price = fx.convert(r.gpu_price, *target, ctx.as_of()).amount;
    r.fx_note = fmt::format("1 {} = {} {} on {} ({})", currency_code(clip.rate->base), format_plain(clip.rate->rate),
                            currency_code(clip.rate->quote), clip.rate->date.to_string(), clip.rate->source);
  }
  return r;
}

}  // namespace vidcost
