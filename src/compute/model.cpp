#include "compute/model.h"

#include <cmath>

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {
namespace {

int ceil_div(int a, int b) { return (a + b - 1) / b; }

}  // namespace

Workload Workload::defaults(const Arch& arch, const Gpu& gpu) {
  Workload w;
  w.arch = &arch;
  w.gpu = &gpu;
  w.width = arch.width;
  w.height = arch.height;
  w.frames = arch.frames;
  w.steps = arch.steps;
  w.passes = arch.passes;
  return w;
}

TokenCount count_tokens(const Arch& arch, int width, int height, int frames) {
  TokenCount t;
  const int ct = arch.vae_temporal;
  const int cell_h = arch.vae_spatial * arch.patch_h;
  const int cell_w = arch.vae_spatial * arch.patch_w;
  const int latent = 1 + ceil_div(frames - 1, ct);
  if ((frames - 1) % ct != 0) {
    t.notes.push_back(fmt::format("{} frames do not fit the VAE's {}k+1 pattern: counted as {}", frames, ct,
                                  (latent - 1) * ct + 1));
  }
  t.latent_frames = ceil_div(latent, arch.patch_t);
  if (latent % arch.patch_t != 0) {
    t.notes.push_back(fmt::format("{} latent frames padded to a multiple of the temporal patch {}", latent,
                                  arch.patch_t));
  }
  t.latent_height = ceil_div(height, cell_h);
  t.latent_width = ceil_div(width, cell_w);
  if (height % cell_h != 0 || width % cell_w != 0) {
    t.notes.push_back(fmt::format("{}x{} padded to {}x{} (multiples of {} pixels)", width, height,
                                  t.latent_width * cell_w, t.latent_height * cell_h, cell_h));
  }
  t.video_tokens = static_cast<long>(t.latent_frames) * t.latent_height * t.latent_width;
  t.text_tokens = arch.text_tokens;
  t.sequence = t.video_tokens + (arch.joint_attention ? arch.text_tokens : 0);
  return t;
}

Flops dit_flops(const Workload& w, const TokenCount& t) {
  const Arch& a = *w.arch;
  const double d = a.hidden;
  const double layers = a.layers;
  const double s = static_cast<double>(t.sequence);
  Flops f;
  f.linear = 2 * s * a.per_token_params();
  f.self_attention = 4 * layers * s * s * d * w.attention_kept;
  if (!a.joint_attention) {
    const double n = static_cast<double>(t.video_tokens);
    const double text = a.text_tokens;
    // Scores and weighted sum against the text, plus the text's key and value projections.
    f.cross_attention = 4 * layers * n * text * d + 2 * 2 * layers * text * d * d;
  }
  f.dit_passes = w.steps * (1 - w.cache_skip) * w.passes;
  return f;
}

std::string TimeModel::efficiency_key(const Workload& w, const ComputeCatalog& c) const {
  const Gpu* source = w.gpu;
  if (!w.gpu->efficiency_from.empty()) source = c.find_gpu(w.gpu->efficiency_from);
  const std::string key = fmt::format("{}/{}", source->id, kernel_name(w.kernel));
  if (efficiency.count(key)) return key;
  throw Error::bad_input(fmt::format("no calibrated efficiency for {} with {} (nothing measured on it)", w.gpu->id,
                                       kernel_name(w.kernel)));
}

Prediction predict_with(const Workload& w, const Flops& flops, double efficiency, const TimeModel& model) {
  Prediction p;
  p.peak_tflops = w.precision == Precision::FP8 ? w.gpu->fp8_tflops.value_or(w.gpu->bf16_tflops) : w.gpu->bf16_tflops;
  p.efficiency = efficiency;
  const double achieved = p.peak_tflops * 1e12 * efficiency;
  // Amdahl's law: a share of the DiT time (communication, synchronisation) does not split.
  const double n = w.gpus;
  const double split = (1 - model.serial_share) / n + model.serial_share;
  p.parallel_efficiency = 1 / (n * split);
  p.dit_seconds = flops.total() / achieved * split;
  // VAE decode and the fixed work (text encoder, loading) run once per clip at BF16, not split
  // across GPUs in the measured pipelines.
  const double bf16_achieved = w.gpu->bf16_tflops * 1e12 * efficiency;
  p.vae_seconds = model.vae_flops_per_pixel * w.width * w.height * w.frames / bf16_achieved;
  p.overhead_seconds = model.overhead_work / bf16_achieved;
  // Offloading runs on the CPU and over PCIe, whatever the GPU's compute.
  p.offload_seconds = w.offload ? model.offload_seconds : 0;
  p.seconds = p.dit_seconds + p.vae_seconds + p.overhead_seconds + p.offload_seconds;
  p.gpu_seconds = p.seconds * w.gpus;
  return p;
}

Prediction predict(const Workload& w, const Flops& flops, const TimeModel& model, const ComputeCatalog& c) {
  return predict_with(w, flops, model.efficiency.at(model.efficiency_key(w, c)), model);
}

}  // namespace vidcost
