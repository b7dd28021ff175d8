// The first-principles cost model of one video generation: tokens, FLOPs per DiT pass,
// time on a GPU (efficiency fitted on published measurements), GPU-seconds and cost.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compute/specs.h"

namespace vidcost {

// A super-resolution stage of a cascade: the same DiT class refines the base clip at the output
// size in a few steps (HunyuanVideo 1.5's SR DiT, Seedance's refiner, Kling-Omni's SR stage).
struct SuperResolution {
  int width = 0, height = 0;  // output size
  int steps = 0;
  int passes = 1;
  double attention_kept = 1;
};

struct Workload {
  const Arch* arch = nullptr;
  const Gpu* gpu = nullptr;
  int width = 0, height = 0, frames = 0;  // the DiT's (base) size
  int steps = 0, passes = 0, gpus = 1;
  Kernel kernel = Kernel::FA2;
  Precision linear = Precision::BF16;     // matmuls of the DiT
  Precision attention = Precision::BF16;  // attention kernels (8-bit attention counts as FP8)
  double attention_kept = 1;  // sparse attention: share of attention FLOPs kept
  double cache_skip = 0;      // step caching: share of steps whose DiT pass is skipped
  double size_scale = 1;      // DiT FLOPs x this: a model of another size than the architecture's
  std::optional<SuperResolution> sr;
  bool offload = false;  // weights offloaded to the CPU between stages (to fit a small GPU)
  // Serving: a warm process pays `fixed_seconds` a clip (text encoder, queueing) instead of the
  // cold start fitted on research runs, and decodes the VAE in tiles across its GPUs.
  std::optional<double> fixed_seconds;
  bool vae_split = false;

  // The arch's defaults on the given GPU (FlashAttention-3 on Hopper).
  static Workload defaults(const Arch& arch, const Gpu& gpu);
  // Output size: the SR stage's, or the DiT's.
  int output_width() const { return sr ? sr->width : width; }
  int output_height() const { return sr ? sr->height : height; }
};

struct TokenCount {
  int latent_frames = 0;  // after temporal patching
  int latent_height = 0, latent_width = 0;
  long video_tokens = 0;
  int text_tokens = 0;
  long sequence = 0;  // tokens in self-attention (video, plus text for joint attention)
  std::vector<std::string> notes;  // how dimensions were rounded
};

// latent frames = 1 + ceil((F - 1) / c_t), then ceil(/ p_t); latent h, w = ceil(H / (c_s p_h)).
// Dimensions that do not divide are rounded up (the VAE pads) and a note says so.
TokenCount count_tokens(const Arch& arch, int width, int height, int frames);

// FLOPs of one stage (the base DiT, or the SR DiT).
struct StageFlops {
  double linear = 0;           // per pass: 2 x tokens in the linear layers x per-token params
  double self_attention = 0;   // per pass: 4 x layers x S^2 x hidden (QK^T and AV), x kept share
  double cross_attention = 0;  // per pass: 4 x layers x N x text x hidden + text K/V projections
  double passes = 0;           // steps x (1 - cache skip) x passes
  double per_pass() const { return linear + self_attention + cross_attention; }
  double total() const { return per_pass() * passes; }
  double attention() const { return (self_attention + cross_attention) * passes; }
};

struct Flops {
  StageFlops base;
  std::optional<StageFlops> sr;
  double total() const { return base.total() + (sr ? sr->total() : 0); }
  double linear() const { return base.linear * base.passes + (sr ? sr->linear * sr->passes : 0); }
  double attention() const { return base.attention() + (sr ? sr->attention() : 0); }
  double attention_share() const { return total() > 0 ? attention() / total() : 0; }
};

// Tokens of the base stage are `tokens`; the SR stage counts its own at the output size.
Flops dit_flops(const Workload& w, const TokenCount& tokens);

// Parameters of the time model, fitted by calibrate().
struct TimeModel {
  std::map<std::string, double> efficiency;  // "gpu/kernel" -> share of the dense BF16 peak reached
  double overhead_work = 0;  // cold runs: text encoder, model load and offload, as FLOPs at the GPU's pace
  double vae_flops_per_pixel = 0;            // VAE decode work per output pixel and frame
  double serial_share = 0;                   // Amdahl: share of DiT time that does not split over GPUs
  double offload_seconds = 0;                // with offload: CPU-side work (weights over PCIe, text encoder on CPU)
  // FP8 (or 8-bit attention) speed relative to BF16 at the same efficiency, fitted on measured
  // speed-ups; at most the FP8/BF16 peak ratio (2 on Hopper and Ada).
  double fp8_linear_gain = 1;
  double fp8_attention_gain = 1;

  // The efficiency key a workload uses ("h100/fa3"); Error when nothing was calibrated for it.
  std::string efficiency_key(const Workload& w, const ComputeCatalog& c) const;
};

struct Prediction {
  double peak_tflops = 0;  // dense BF16
  double efficiency = 0;
  double parallel_efficiency = 1;
  double dit_seconds = 0;
  double vae_seconds = 0;
  double overhead_seconds = 0;
  double offload_seconds = 0;
  double seconds = 0;      // wall-clock per clip
  double gpu_seconds = 0;  // GPU time charged: the DiT and fixed work on every GPU, split work once
};

Prediction predict(const Workload& w, const Flops& flops, const TimeModel& model, const ComputeCatalog& c);

// The same prediction with the efficiency given (the fit's inner loop).
Prediction predict_with(const Workload& w, const Flops& flops, double efficiency, const TimeModel& model);

}  // namespace vidcost
