// The first-principles cost model of one video generation: tokens, FLOPs per DiT pass,
// time on a GPU (efficiency fitted on published measurements), GPU-seconds and cost.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compute/specs.h"

namespace vidcost {

struct Workload {
  const Arch* arch = nullptr;
  const Gpu* gpu = nullptr;
  int width = 0, height = 0, frames = 0;
  int steps = 0, passes = 0, gpus = 1;
  Kernel kernel = Kernel::FA2;
  Precision precision = Precision::BF16;
  double attention_kept = 1;  // sparse attention: share of attention FLOPs kept
  double cache_skip = 0;      // step caching: share of steps whose DiT pass is skipped
  bool offload = false;       // weights offloaded to the CPU between stages (to fit a small GPU)

  // The arch's defaults on the given GPU.
  static Workload defaults(const Arch& arch, const Gpu& gpu);
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

struct Flops {
  double linear = 0;           // per pass: 2 x tokens in the linear layers x per-token params
  double self_attention = 0;   // per pass: 4 x layers x S^2 x hidden (QK^T and AV), x kept share
  double cross_attention = 0;  // per pass: 4 x layers x N x text x hidden + text K/V projections
  double per_pass() const { return linear + self_attention + cross_attention; }
  double dit_passes = 0;       // steps x (1 - cache skip) x passes
  double total() const { return per_pass() * dit_passes; }
  double attention_share() const { return (self_attention + cross_attention) / per_pass(); }
};

Flops dit_flops(const Workload& w, const TokenCount& tokens);

// Parameters of the time model, fitted by calibrate().
struct TimeModel {
  std::map<std::string, double> efficiency;  // "gpu/kernel" -> share of the dense peak reached
  double overhead_work = 0;  // text encoder, model load and offload, as FLOPs run at the GPU's pace
  double vae_flops_per_pixel = 0;            // VAE decode work per output pixel and frame
  double serial_share = 0;                   // Amdahl: share of DiT time that does not split over GPUs
  double offload_seconds = 0;                // with offload: CPU-side work (weights over PCIe, text encoder on CPU)

  // The efficiency key a workload uses ("h100/fa3"); throws std::runtime_error if none fits.
  std::string efficiency_key(const Workload& w, const ComputeCatalog& c) const;
};

struct Prediction {
  double peak_tflops = 0;
  double efficiency = 0;
  double parallel_efficiency = 1;
  double dit_seconds = 0;
  double vae_seconds = 0;
  double overhead_seconds = 0;
  double offload_seconds = 0;
  double seconds = 0;      // wall-clock per clip
  double gpu_seconds = 0;  // seconds x GPUs
};

Prediction predict(const Workload& w, const Flops& flops, const TimeModel& model, const ComputeCatalog& c);

// The same prediction with the efficiency given (the fit's inner loop).
Prediction predict_with(const Workload& w, const Flops& flops, double efficiency, const TimeModel& model);

}  // namespace vidcost
