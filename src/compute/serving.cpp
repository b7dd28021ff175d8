#include "compute/serving.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

// Bounds on a clip, so that token counts and times stay far from any overflow: 8K frames and
// ten minutes at 30 frames a second.
constexpr int kMaxSide = 8192;
constexpr int kMaxFrames = 18001;

// Frames for a clip of `seconds` at `fps`, on the VAE's k x c_t + 1 grid.
int frames_for(double seconds, double fps, int ct) {
  const double k = std::ceil(seconds * fps / ct - 1e-9);
  if (!(k >= 0) || k * ct + 1 > kMaxFrames) {
    throw Error::bad_input(fmt::format("a clip of {} s at {} frames a second has more than {} frames", seconds, fps,
                                       kMaxFrames - 1));
  }
  return ct * static_cast<int>(k) + 1;
}

// "kling/*/pro" matches the product's provider, model and mode ('*' or a missing part: any).
bool pattern_matches(const std::string& pattern, const ProductTarget& product) {
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

bool any_matches(const std::vector<std::string>& patterns, const ProductTarget& product) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return pattern_matches(p, product); });
}

const Gpu& gpu_named(const ComputeCatalog& c, const std::string& id) {
  if (const Gpu* g = c.find_gpu(ascii_lower(id))) return *g;
  throw Error::unknown("GPU", id, c.gpu_ids());
}

// 16:9 width of a height, rounded to an even number of pixels.
int widescreen_width(int height) { return static_cast<int>(std::lround(height * 16.0 / 9.0 / 2)) * 2; }

std::pair<int, int> product_size(const ProductTarget& p) {
  if (p.width && p.height) return {*p.width, *p.height};
  if (const auto size = parse_frame_size(p.resolution)) return *size;
  throw Error::bad_input(fmt::format("{} has no known resolution ('{}'); give --resolution WxH", p.spec,
                                     p.resolution));
}

// The hourly price of the setup's GPU: --gpu-price, the scenario's price point for the market, or
// the GPU's default price there.
void choose_price(ServingSetup& s, const ComputeCatalog& c, const ServingRequest& r, const std::string& point) {
  const Gpu& gpu = *s.workload.gpu;
  if (r.gpu_price && std::holds_alternative<Amount>(*r.gpu_price)) {
    s.gpu_price = std::get<Amount>(*r.gpu_price);
    s.price_source = "--gpu-price";
    return;
  }
  const std::string named = r.gpu_price ? std::get<std::string>(*r.gpu_price) : point;
  const GpuPrice* price = c.find_price(gpu.id, named, r.region);
  if (!price && !named.empty()) {
    std::vector<std::string> ids;
    for (const auto& p : c.prices) {
      if (p.gpu == gpu.id) ids.push_back(p.id);
    }
    throw Error::unknown("price point", named, std::move(ids), "of " + gpu.id);
  }
  if (!price) {
    const Region other = r.region == Region::Intl ? Region::CN : Region::Intl;
    const bool elsewhere = c.find_price(gpu.id, "", other) != nullptr;
    s.price_source = fmt::format("no hourly price of {} in the {} market in the catalog; give --gpu-price{}", gpu.id,
                                 region_name(r.region),
                                 elsewhere ? fmt::format(" (the {} market has one: --region {})", region_name(other),
                                                         region_name(other))
                                           : "");
    return;
  }
  s.gpu_price = price->price;
  s.price_as_of = price->provenance.as_of;
  s.price_source = fmt::format("{} {} ({})", gpu.id, price->id, price->provenance.source);
}

// The overrides every scenario takes, and the checks that follow from them.
void apply_overrides(ServingSetup& s, const ComputeCatalog& c, const ServingRequest& r) {
  Workload& w = s.workload;
  if (r.gpu) {
    w.gpu = &gpu_named(c, *r.gpu);
    if (!r.kernel) w.kernel = w.gpu->hopper ? Kernel::FA3 : Kernel::FA2;
  }
  if (r.kernel) w.kernel = *r.kernel;
  if (w.kernel == Kernel::FA3 && !w.gpu->hopper) {
    throw Error::bad_input(fmt::format("FlashAttention-3 (fa3) runs only on Hopper GPUs; {} is not one", w.gpu->id));
  }
  if (r.linear_precision) w.linear = *r.linear_precision;
  if (r.attention_precision) w.attention = *r.attention_precision;
  if ((w.linear == Precision::FP8 || w.attention == Precision::FP8) && !w.gpu->fp8_tflops) {
    throw Error::bad_input(fmt::format("{} has no FP8 tensor cores; use bf16", w.gpu->id));
  }
  if (r.steps) w.steps = *r.steps;
  if (r.passes) w.passes = *r.passes;
  if (r.gpus) w.gpus = *r.gpus;
  if (r.attention_kept) w.attention_kept = *r.attention_kept;
  if (r.cache_skip) w.cache_skip = *r.cache_skip;
  if (r.fixed_seconds) w.fixed_seconds = *r.fixed_seconds;
  if (r.offload) w.offload = true;
  if (r.fleet_utilization) s.fleet_utilization = *r.fleet_utilization;
  if (r.overhead) s.overhead = *r.overhead;
  if (w.output_width() > kMaxSide || w.output_height() > kMaxSide || w.frames > kMaxFrames) {
    throw Error::bad_input(fmt::format("a {}x{} clip of {} frames is larger than vidcost costs (at most {} pixels a "
                                       "side and {} frames)",
                                       w.output_width(), w.output_height(), w.frames, kMaxSide, kMaxFrames - 1));
  }
  if (w.frames < 1 || w.width < 16 || w.height < 16) throw Error::bad_input("the clip is too small to generate");
}

// The clip's length and frames from the request, the product, or the architecture's default.
void set_length(ServingSetup& s, const ServingRequest& r, std::optional<int> product_seconds, double fps) {
  Workload& w = s.workload;
  s.fps = r.fps.value_or(fps);
  if (r.frames && r.seconds) throw Error::bad_input("give the clip as frames or as seconds, not both");
  if (r.frames) {
    w.frames = *r.frames;
  } else if (r.seconds || product_seconds) {
    w.frames = frames_for(r.seconds ? *r.seconds : *product_seconds, s.fps, w.arch->vae_temporal);
  }
  s.video_seconds = r.seconds ? *r.seconds : product_seconds ? *product_seconds : (w.frames - 1) / s.fps;
  if (w.frames > kMaxFrames) throw Error::bad_input(fmt::format("at most {} frames", kMaxFrames - 1));
}

ServingSetup from_scenario(const ComputeCatalog& c, const ServingProfile& profile, const Scenario& sc,
                           const ProductTarget& product, const ServingRequest& r) {
  ServingSetup s;
  s.scenario = sc.id;
  s.summary = sc.summary;
  s.profile = profile.id;
  s.confidence = Confidence::High;
  for (const auto& [parameter, basis] : sc.basis) {
    s.confidence = std::max(s.confidence, basis.confidence);
    if (basis.is_assumption()) s.assumptions.push_back(parameter);
  }
  const Arch& arch = *c.find_arch(sc.arch);
  Workload& w = s.workload;
  w = Workload::defaults(arch, *c.find_gpu(sc.gpu));
  auto [out_w, out_h] = product_size(product);
  if (r.width) out_w = *r.width;
  if (r.height) out_h = *r.height;
  if (sc.base_height > 0 && sc.base_height < out_h) {
    w.height = sc.base_height;
    w.width = widescreen_width(sc.base_height);
    w.sr = SuperResolution{out_w, out_h, sc.sr_steps, 1, sc.sr_attention_kept};
  } else {
    w.width = out_w;
    w.height = out_h;
  }
  w.steps = sc.steps;
  w.passes = sc.passes;
  w.linear = sc.linear;
  w.attention = sc.attention;
  w.attention_kept = sc.attention_kept;
  w.cache_skip = sc.cache_skip;
  if (sc.size_b > 0) w.size_scale = sc.size_b / arch.params_b;
  w.fixed_seconds = sc.fixed_seconds;
  w.vae_split = true;
  s.fleet_utilization = sc.fleet_utilization;
  s.overhead = sc.overhead;
  set_length(s, r, product.seconds, product.fps.value_or(24));
  apply_overrides(s, c, r);
  const auto point = sc.gpu_price.find(r.region);
  choose_price(s, c, r, r.gpu && w.gpu != c.find_gpu(sc.gpu) ? "" : point->second);
  return s;
}

ServingSetup from_reference(const ComputeCatalog& c, const ReferenceRecipe& ref, const ProductTarget& product,
                            const ServingRequest& r) {
  ServingSetup s;
  s.scenario = "reference";
  s.summary = fmt::format("the open research recipe: {} at {}x{}, {} steps x {} passes, dense {}, one {}, cold start",
                          ref.arch, ref.width, ref.height, ref.steps, ref.passes, precision_name(ref.precision),
                          ref.gpu);
  s.confidence = ref.provenance.confidence;
  const Arch& arch = *c.find_arch(ref.arch);
  Workload& w = s.workload;
  w = Workload::defaults(arch, *c.find_gpu(ref.gpu));
  w.width = r.width.value_or(ref.width);
  w.height = r.height.value_or(ref.height);
  w.steps = ref.steps;
  w.passes = ref.passes;
  w.gpus = ref.gpus;
  w.kernel = ref.kernel;
  w.linear = w.attention = ref.precision;
  set_length(s, r, product.seconds, ref.fps);
  apply_overrides(s, c, r);
  choose_price(s, c, r, "");
  return s;
}

const ServingProfile* profile_for(const ComputeCatalog& c, const ProductTarget& product, const ServingRequest& r) {
  if (r.profile) {
    for (const auto& p : c.profiles) {
      if (p.id == *r.profile) return &p;
    }
    std::vector<std::string> ids;
    for (const auto& p : c.profiles) ids.push_back(p.id);
    throw Error::unknown("serving profile", *r.profile, std::move(ids));
  }
  for (const auto& p : c.profiles) {
    if (any_matches(p.match, product)) return &p;
  }
  return nullptr;
}

bool wanted(ScenarioChoice choice, const std::string& id) {
  switch (choice) {
    case ScenarioChoice::Band: return id != "reference";
    case ScenarioChoice::Low: return id == "low";
    case ScenarioChoice::Central: return id == "central";
    case ScenarioChoice::High: return id == "high";
    case ScenarioChoice::Reference: return id == "reference";
    case ScenarioChoice::All: return true;
  }
  return false;
}

}  // namespace

std::optional<ScenarioChoice> parse_scenario_choice(std::string_view text) {
  if (text == "band") return ScenarioChoice::Band;
  if (text == "low") return ScenarioChoice::Low;
  if (text == "central") return ScenarioChoice::Central;
  if (text == "high") return ScenarioChoice::High;
  if (text == "reference") return ScenarioChoice::Reference;
  if (text == "all") return ScenarioChoice::All;
  return std::nullopt;
}

std::vector<std::string> scenario_choice_names() { return {"band", "low", "central", "high", "reference", "all"}; }

bool product_matches(const std::vector<std::string>& patterns, const ProductTarget& product) {
  return any_matches(patterns, product);
}

const char* not_costed_text() {
  return "audio generation, failed or moderated retries (not charged to the buyer), storage and egress";
}

std::optional<std::pair<int, int>> parse_frame_size(std::string_view text) {
  const std::string lower = ascii_lower(text);
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    const int n = std::stoi(std::string(s));
    return n > 0 ? std::optional<int>(n) : std::nullopt;
  };
  if (lower == "540p") return std::pair{960, 544};  // Wan's 540p is coded 544 high
  if (!lower.empty() && lower.back() == 'p') {
    const auto height = number(std::string_view(lower).substr(0, lower.size() - 1));
    if (!height) return std::nullopt;
    return std::pair{widescreen_width(*height), *height};
  }
  const auto x = lower.find('x');
  if (x == std::string::npos) return std::nullopt;
  const auto w = number(std::string_view(lower).substr(0, x)), h = number(std::string_view(lower).substr(x + 1));
  if (!w || !h) return std::nullopt;
  return std::pair{*w, *h};
}

ServingPlan plan_serving(const ComputeCatalog& c, const ServingRequest& r) {
  ServingPlan plan;
  if (const auto* id = std::get_if<std::string>(&r.target)) {
    const Arch* arch = c.find_arch(*id);
    if (!arch) throw Error::unknown("architecture", *id, c.arch_ids());
    const Gpu* gpu = c.default_gpu();
    if (!gpu) throw Error::bad_input("the compute catalog marks no [[gpu]] as the default; give --gpu");
    ServingSetup s;
    s.scenario = "as given";
    s.summary = fmt::format("a research run of the architecture with the options given: a {} process, one clip",
                            r.fixed_seconds ? "warm" : "cold");
    s.confidence = arch->provenance.confidence;
    s.workload = Workload::defaults(*arch, *gpu);
    set_length(s, r, std::nullopt, arch->fps);
    if (r.width) s.workload.width = *r.width;
    if (r.height) s.workload.height = *r.height;
    apply_overrides(s, c, r);
    choose_price(s, c, r, "");
    plan.target = arch->id;
    plan.scenarios.push_back(std::move(s));
    return plan;
  }
  const ProductTarget& product = std::get<ProductTarget>(r.target);
  plan.target = product.spec;
  plan.estimate = true;
  if (const ServingProfile* profile = profile_for(c, product, r)) {
    for (const char* id : {"low", "central", "high"}) {
      if (!wanted(r.scenarios, id)) continue;
      for (const auto& sc : profile->scenarios) {
        if (sc.id == id) plan.scenarios.push_back(from_scenario(c, *profile, sc, product, r));
      }
    }
  } else {
    for (const auto& n : c.no_profiles) {
      if (any_matches(n.match, product)) plan.no_profile = n.reason;
    }
    if (!plan.no_profile) plan.no_profile = "no serving profile of the compute catalog covers it";
  }
  if (wanted(r.scenarios, "reference")) {
    for (const auto& ref : c.references) {
      if (pattern_matches(ref.match, product)) {
        plan.scenarios.push_back(from_reference(c, ref, product, r));
        break;
      }
    }
  }
  return plan;
}

ServingEstimate estimate_serving(ServingSetup setup, const TimeModel& model, const ComputeCatalog& catalog) {
  ServingEstimate e;
  e.setup = std::move(setup);
  const Workload& w = e.setup.workload;
  e.tokens = count_tokens(*w.arch, w.width, w.height, w.frames);
  e.flops = dit_flops(w, e.tokens);
  e.prediction = predict(w, e.flops, model, catalog);
  Workload one = w, eight = w;
  one.gpus = 1;
  eight.gpus = 8;
  e.latency_one_gpu = predict(one, e.flops, model, catalog).seconds;
  e.latency_eight_gpus = predict(eight, e.flops, model, catalog).seconds;
  if (e.setup.gpu_price) e.cost = serving_cost(e.setup, *e.setup.gpu_price, e.prediction);
  return e;
}

ServingCost serving_cost(const ServingSetup& s, const Amount& gpu_price, const Prediction& p) {
  const Rational gpu_seconds(static_cast<long long>(std::llround(p.gpu_seconds * 1000)), 1000);
  const Rational video_seconds(static_cast<long long>(std::llround(s.video_seconds * 1000)), 1000);
  ServingCost cost;
  cost.compute_per_clip = gpu_price * gpu_seconds / Rational(3600);
  cost.per_clip = cost.compute_per_clip / s.fleet_utilization * (Rational(1) + s.overhead);
  cost.compute_per_second = cost.compute_per_clip / video_seconds;
  cost.per_second = cost.per_clip / video_seconds;
  return cost;
}

}  // namespace vidcost
