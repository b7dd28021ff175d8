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
  Amount price;  // per GPU-hour
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

struct Measurement {
  std::string id;
  bool holdout = false;
  std::string arch, gpu;
  int width = 0, height = 0, frames = 0, steps = 0, passes = 0, gpus = 1;
  Kernel kernel = Kernel::FA2;
  bool offload = false;
  double seconds = 0;
  Provenance provenance;
};

struct Proxy {
  std::string match;  // a SPEC pattern
  std::string arch, gpu;
  int width = 0, height = 0, steps = 0, passes = 0, gpus = 1;
  double fps = 24;
  Precision precision = Precision::BF16;
  Kernel kernel = Kernel::FA2;
  Provenance provenance;
};

struct ComputeCatalog {
  std::vector<Gpu> gpus;
  std::vector<GpuPrice> prices;
  std::vector<Arch> archs;
  std::vector<Measurement> measurements;
  std::vector<Proxy> proxies;

  const Gpu* find_gpu(std::string_view id) const;
  const Arch* find_arch(std::string_view id) const;
  const Gpu* default_gpu() const;
  // The GPU's default price (its first entry), or the named price point.
  const GpuPrice* find_price(std::string_view gpu, std::string_view price_id = "") const;
  std::vector<std::string> gpu_ids() const;
  std::vector<std::string> arch_ids() const;
};

}  // namespace vidcost
