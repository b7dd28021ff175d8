// The compute catalog: GPUs with hourly prices, open video DiT architectures, published
// measured inference times, and proxies that map product modes to an architecture.
// Physical quantities are doubles; prices are exact amounts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/types.h"

namespace vidcost {

enum class Kernel { FA2, FA3 };
enum class Precision { BF16, FP8 };
std::string_view kernel_name(Kernel k);
std::string_view precision_name(Precision p);

struct Gpu {
  std::string id;
  std::string name;
  double bf16_tflops = 0;
  std::optional<double> fp8_tflops;
  double memory_gb = 0;
  double bandwidth_tbps = 0;
  bool hopper = false;          // can run FlashAttention-3
  std::string efficiency_from;  // GPU whose fitted efficiency this one uses (empty: itself)
  bool is_default = false;      // the GPU an architecture is costed on when none is given
  Provenance provenance;
};

struct GpuPrice {
  std::string gpu;
  std::string id;
  Region region = Region::Intl;  // the market the price is paid in
  Amount price;                  // per GPU-hour
  Provenance provenance;
};

struct Arch {
  std::string id;
  std::string name;
  double params_b = 0;
  int layers = 0, hidden = 0, heads = 0, head_dim = 0, ffn = 0;
  int patch_t = 1, patch_h = 2, patch_w = 2;
  int vae_temporal = 4, vae_spatial = 8;
  int text_tokens = 0;
  bool joint_attention = false;  // text tokens join self-attention (else cross-attention)
  int steps = 50, passes = 2;
  int width = 0, height = 0, frames = 0;
  double fps = 24;
  Provenance provenance;

  // Matmul parameters each video token goes through in one forward pass.
  double per_token_params() const;
};

// Calibration rows fit the time model; holdout rows check it on other models; serving rows check
// it on few-step, distilled, FP8 and warm runs.
enum class MeasurementSet { Calibration, Holdout, Serving };
std::string_view measurement_set_name(MeasurementSet s);

struct Measurement {
  std::string id;
  MeasurementSet set = MeasurementSet::Calibration;
  Precision linear = Precision::BF16, attention = Precision::BF16;
  bool warm = false;  // the timing excludes loading the model
  double cache_skip = 0;
  std::string arch, gpu;
  int width = 0, height = 0, frames = 0, steps = 0, passes = 0, gpus = 1;
  Kernel kernel = Kernel::FA2;
  bool offload = false;
  double seconds = 0;
  Provenance provenance;
};

// The open research recipe for a class of products: an open architecture run as its authors
// publish it (many steps with CFG, native resolution, dense BF16, one GPU, a cold process). It is
// the reference upper bound of a serving cost, never the default.
struct ReferenceRecipe {
  std::string match;  // a SPEC pattern
  std::string arch, gpu;
  int width = 0, height = 0, steps = 0, passes = 0, gpus = 1;
  double fps = 24;
  Precision precision = Precision::BF16;
  Kernel kernel = Kernel::FA2;
  Provenance provenance;
};

// Where a scenario's parameter comes from: a source (and how far to trust it), or an
// assumption stated in words.
struct Basis {
  std::string source;      // a key of [sources] or a URL; empty for an assumption
  std::string assumption;  // what is assumed, when there is no source
  Confidence confidence = Confidence::Low;
  bool is_assumption() const { return source.empty(); }
};

// One way a provider family may serve a generation: a named recipe with every lever set.
struct Scenario {
  std::string id;       // low, central, high (by cost)
  std::string summary;  // the named assumptions, one line
  std::string arch;     // the open architecture standing in for the model
  double size_b = 0;    // the model's size (billions of active parameters) the DiT FLOPs are scaled to; 0: the arch's
  int base_height = 0;  // the DiT's base resolution (16:9); 0: the output resolution
  int steps = 0, passes = 1;
  int sr_steps = 0;                // super-resolution steps to the output size; 0: no SR stage
  double sr_attention_kept = 1;
  Precision linear = Precision::BF16, attention = Precision::BF16;
  double attention_kept = 1;
  double cache_skip = 0;
  std::string gpu;
  std::map<Region, std::string> gpu_price;  // the price point a region's offers are costed at
  Rational fleet_utilization = 1;
  Rational overhead = 0;
  double fixed_seconds = 0;  // warm serving: text encoder and fixed work per clip
  std::map<std::string, Basis> basis;  // parameter -> where it comes from
  Location where;
};

// The serving scenarios of a provider family (Kling-class, Hailuo-class, ...).
struct ServingProfile {
  std::string id, name;
  std::vector<std::string> match;  // SPEC patterns of the products it covers
  std::vector<Scenario> scenarios;  // low, central, high
  Provenance provenance;
};

// Products whose serving no profile describes, and why (hardware unlike the catalog's, ...).
struct NoProfile {
  std::vector<std::string> match;
  std::string reason;
  Provenance provenance;
};

// A published figure a scenario's result can agree with or contradict.
enum class AnchorKind {
  MarginAtLeast,             // provider gross margin share >= value (on `offer` kinds)
  MarginAbout,               // margin share within value +/- tolerance
  GpuSecondsPerSecondAtLeast,  // H100-class GPU-seconds per generated second >= value
  CostPerSecondAbout,        // serving cost per second within value +/- tolerance (in `currency`)
};
std::string_view anchor_kind_name(AnchorKind k);

struct Anchor {
  std::string id;
  std::string profile;
  std::vector<std::string> match;  // only products these SPEC patterns match; empty: the whole profile
  AnchorKind kind = AnchorKind::MarginAtLeast;
  Rational value = 0, tolerance = 0;
  std::string offer = "any";   // margin anchors: "api", "app" (plans and packs) or "any"
  std::optional<Region> region;  // only offers of this market
  std::optional<Currency> currency;  // CostPerSecondAbout
  std::string statement;
  Provenance provenance;
};

// A published speed-up of one serving lever, measured end to end on one workload: fits the
// FP8 gains of the time model.
struct Speedup {
  std::string id;
  std::string arch, gpu;
  int width = 0, height = 0, frames = 0, steps = 0, passes = 0;
  Kernel kernel = Kernel::FA3;
  Precision base_linear = Precision::BF16, base_attention = Precision::BF16;
  Precision fast_linear = Precision::BF16, fast_attention = Precision::BF16;
  double speedup = 1;  // base time / fast time
  Provenance provenance;
};

struct ComputeCatalog {
  std::vector<Gpu> gpus;
  std::vector<GpuPrice> prices;
  std::vector<Arch> archs;
  std::vector<Measurement> measurements;
  std::vector<ReferenceRecipe> references;
  std::vector<ServingProfile> profiles;
  std::vector<NoProfile> no_profiles;
  std::vector<Anchor> anchors;
  std::vector<Speedup> speedups;

  const Gpu* find_gpu(std::string_view id) const;
  const Arch* find_arch(std::string_view id) const;
  const Gpu* default_gpu() const;
  // The GPU's named price point, or its first price in `region`.
  const GpuPrice* find_price(std::string_view gpu, std::string_view price_id, Region region = Region::Intl) const;
  std::vector<std::string> gpu_ids() const;
  std::vector<std::string> arch_ids() const;
};

}  // namespace vidcost
