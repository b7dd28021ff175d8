#include "compute/serving.h"

#include <cmath>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

// Frames for a clip of `seconds` at `fps`, on the VAE's k x c_t + 1 grid.
int frames_for(double seconds, double fps, int ct) {
  return ct * static_cast<int>(std::ceil(seconds * fps / ct - 1e-9)) + 1;
}

// "kling/*/pro" matches the product's provider, model and mode ('*' or a missing part: any).
bool proxy_matches(const std::string& pattern, const ProductTarget& product) {
  const std::string body = pattern.substr(0, pattern.find('@'));
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto slash = body.find('/', start);
    parts.push_back(body.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  const std::string* names[] = {&product.provider, &product.model, &product.mode};
  for (std::size_t i = 0; i < parts.size() && i < 3; ++i) {
    if (!parts[i].empty() && parts[i] != "*" && parts[i] != *names[i]) return false;
  }
  return true;
}

const Proxy& find_proxy(const ComputeCatalog& c, const ProductTarget& product) {
  for (const auto& p : c.proxies) {
    if (proxy_matches(p.match, product)) return p;
  }
  throw Error::bad_input(fmt::format("no proxy in the compute catalog covers {}; add a [[proxy]] or cost an "
                                     "architecture",
                                     product.spec));
}

const Gpu& gpu_named(const ComputeCatalog& c, const std::string& id) {
  if (const Gpu* g = c.find_gpu(ascii_lower(id))) return *g;
  throw Error::unknown("GPU", id, c.gpu_ids());
}

}  // namespace

std::optional<std::pair<int, int>> parse_frame_size(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (lower == "480p") return std::pair{832, 480};
  if (lower == "540p") return std::pair{960, 544};
  if (lower == "720p") return std::pair{1280, 720};
  if (lower == "1080p") return std::pair{1920, 1080};
  const auto x = lower.find('x');
  if (x == std::string::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    const int n = std::stoi(std::string(s));
    return n > 0 ? std::optional<int>(n) : std::nullopt;
  };
  const auto w = number(std::string_view(lower).substr(0, x)), h = number(std::string_view(lower).substr(x + 1));
  if (!w || !h) return std::nullopt;
  return std::pair{*w, *h};
}

ServingSetup resolve_serving(const ComputeCatalog& c, const ServingRequest& r) {
  ServingSetup s;
  const Arch* arch = nullptr;
  std::optional<int> product_seconds;
  if (const auto* product = std::get_if<ProductTarget>(&r.target)) {
    const Proxy& proxy = find_proxy(c, *product);
    arch = c.find_arch(proxy.arch);
    s.workload = Workload::defaults(*arch, *c.find_gpu(proxy.gpu));
    s.workload.width = proxy.width;
    s.workload.height = proxy.height;
    s.workload.steps = proxy.steps;
    s.workload.passes = proxy.passes;
    s.workload.gpus = proxy.gpus;
    s.workload.kernel = proxy.kernel;
    s.workload.precision = proxy.precision;
    s.fps = proxy.fps;
    product_seconds = product->seconds;
    s.estimate = true;
    s.target = product->spec;
    s.proxy_note = fmt::format("{} is served through the proxy '{}' ({}): {}", s.target, proxy.match, arch->id,
                               proxy.provenance.note.empty() ? "stated assumption" : proxy.provenance.note);
  } else {
    const std::string& id = std::get<std::string>(r.target);
    arch = c.find_arch(id);
    if (!arch) throw Error::unknown("architecture", id, c.arch_ids());
    const Gpu* default_gpu = c.default_gpu();
    if (!default_gpu) throw Error::bad_input("the compute catalog marks no [[gpu]] as the default; give --gpu");
    s.workload = Workload::defaults(*arch, *default_gpu);
    s.fps = arch->fps;
    s.target = arch->id;
  }
  Workload& w = s.workload;
  if (r.gpu) {
    w.gpu = &gpu_named(c, *r.gpu);
    // A proxy's FA3 does not follow it to a GPU that cannot run it.
    if (!w.gpu->hopper && w.kernel == Kernel::FA3 && !r.kernel) w.kernel = Kernel::FA2;
  }
  if (r.kernel) w.kernel = *r.kernel;
  if (w.kernel == Kernel::FA3 && !w.gpu->hopper) {
    throw Error::bad_input(fmt::format("FlashAttention-3 (fa3) runs only on Hopper GPUs; {} is not one", w.gpu->id));
  }
  if (r.precision) w.precision = *r.precision;
  if (w.precision == Precision::FP8 && !w.gpu->fp8_tflops) {
    throw Error::bad_input(fmt::format("{} has no FP8 tensor cores; use bf16", w.gpu->id));
  }
  if (r.width) w.width = *r.width;
  if (r.height) w.height = *r.height;
  if (r.fps) s.fps = *r.fps;
  if (r.frames && r.seconds) throw Error::bad_input("give the clip as frames or as seconds, not both");
  if (r.frames) {
    w.frames = *r.frames;
  } else if (r.seconds || product_seconds) {
    w.frames = frames_for(r.seconds ? *r.seconds : *product_seconds, s.fps, arch->vae_temporal);
  }
  if (r.steps) w.steps = *r.steps;
  if (r.passes) w.passes = *r.passes;
  if (r.gpus) w.gpus = *r.gpus;
  if (r.attention_kept) w.attention_kept = *r.attention_kept;
  if (r.cache_skip) w.cache_skip = *r.cache_skip;
  s.video_seconds = r.seconds ? *r.seconds : product_seconds ? *product_seconds : (w.frames - 1) / s.fps;
  s.fleet_utilization = r.fleet_utilization;
  s.overhead = r.overhead;
  if (r.gpu_price && std::holds_alternative<Amount>(*r.gpu_price)) {
    s.gpu_price = std::get<Amount>(*r.gpu_price);
    s.price_source = "--gpu-price";
  } else {
    const std::string point = r.gpu_price ? std::get<std::string>(*r.gpu_price) : "";
    const GpuPrice* price = c.find_price(w.gpu->id, point);
    if (!price && !point.empty()) {
      std::vector<std::string> ids;
      for (const auto& p : c.prices) {
        if (p.gpu == w.gpu->id) ids.push_back(p.id);
      }
      throw Error::unknown("price point", point, std::move(ids), "of " + w.gpu->id);
    }
    if (!price) throw Error::bad_input(fmt::format("the catalog has no hourly price for {}; give one", w.gpu->id));
    s.gpu_price = price->price;
    s.price_source = fmt::format("{} ({})", price->id, price->provenance.source);
  }
  if (w.frames < 1 || w.width < 16 || w.height < 16) throw Error::bad_input("the clip is too small to generate");
  return s;
}

ServingEstimate estimate_serving(const ServingSetup& setup, const TimeModel& model, const ComputeCatalog& catalog) {
  ServingEstimate e;
  const Workload& w = setup.workload;
  e.tokens = count_tokens(*w.arch, w.width, w.height, w.frames);
  e.flops = dit_flops(w, e.tokens);
  e.prediction = predict(w, e.flops, model, catalog);
  return e;
}

ServingCost serving_cost(const ServingSetup& s, const Prediction& p) {
  const Rational gpu_seconds(static_cast<long long>(std::llround(p.gpu_seconds * 1000)), 1000);
  ServingCost cost;
  cost.per_clip = s.gpu_price * gpu_seconds / Rational(3600) / s.fleet_utilization * (Rational(1) + s.overhead);
  const Rational video_seconds(static_cast<long long>(std::llround(s.video_seconds * 1000)), 1000);
  cost.per_video_second = cost.per_clip / video_seconds;
  return cost;
}

}  // namespace vidcost
