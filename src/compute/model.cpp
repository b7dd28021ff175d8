#include "compute/model.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {
namespace {

int ceil_div(int a, int b) { return (a + b - 1) / b; }

StageFlops stage_flops(const Arch& a, const TokenCount& t, int steps, int passes, double attention_kept,
                       double cache_skip, double scale) {
  const double d = a.hidden;
  const double layers = a.layers;
  const double s = static_cast<double>(t.sequence);
  StageFlops f;
  f.linear = 2 * s * a.per_token_params() * scale;
  f.self_attention = 4 * layers * s * s * d * attention_kept * scale;
  if (!a.joint_attention) {
    const double n = static_cast<double>(t.video_tokens);
    const double text = a.text_tokens;
    // Scores and weighted sum against the text, plus the text's key and value projections.
    f.cross_attention = (4 * layers * n * text * d + 2 * 2 * layers * text * d * d) * scale;
  }
  f.passes = steps * (1 - cache_skip) * passes;
  return f;
}

// Peak speed of a precision relative to BF16, as reached in practice (fitted), capped by the GPU.
double gain(Precision p, double fitted, const Gpu& gpu) {
  if (p == Precision::BF16 || !gpu.fp8_tflops) return 1;
  return std::min(fitted, *gpu.fp8_tflops / gpu.bf16_tflops);
}

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
  w.kernel = gpu.hopper ? Kernel::FA3 : Kernel::FA2;
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
  Flops f;
  f.base = stage_flops(*w.arch, t, w.steps, w.passes, w.attention_kept, w.cache_skip, w.size_scale);
  if (w.sr) {
    const TokenCount out = count_tokens(*w.arch, w.sr->width, w.sr->height, w.frames);
    f.sr = stage_flops(*w.arch, out, w.sr->steps, w.sr->passes, w.sr->attention_kept, 0, w.size_scale);
  }
  return f;
}

std::string TimeModel::efficiency_key(const Workload& w, const ComputeCatalog& c) const {
  const Gpu* source = w.gpu;
  if (!w.gpu->efficiency_from.empty()) source = c.find_gpu(w.gpu->efficiency_from);
  std::string key = source->id;  // "h100/fa3": made for every prediction, so appended
  key.append(1, '/').append(kernel_name(w.kernel));
  if (efficiency.count(key)) return key;
  throw Error::bad_input(fmt::format("no calibrated efficiency for {} with {} (nothing measured on it)", w.gpu->id,
                                     kernel_name(w.kernel)));
}

Prediction predict_with(const Workload& w, const Flops& flops, double efficiency, const TimeModel& model) {
  Prediction p;
  p.peak_tflops = w.gpu->bf16_tflops;
  p.efficiency = efficiency;
  const double achieved = p.peak_tflops * 1e12 * efficiency;
  // Matmuls and attention speed up differently in FP8 (measured gains are far below 2x).
  const double dit_one_gpu = flops.linear() / (achieved * gain(w.linear, model.fp8_linear_gain, *w.gpu)) +
                             flops.attention() / (achieved * gain(w.attention, model.fp8_attention_gain, *w.gpu));
  // Amdahl's law: a share of the DiT time (communication, synchronisation) does not split.
  const double n = w.gpus;
  const double split = (1 - model.serial_share) / n + model.serial_share;
  p.parallel_efficiency = 1 / (n * split);
  p.dit_seconds = dit_one_gpu * split;
  // VAE decode at the output size, in BF16; research pipelines run it on one GPU while the
  // others wait, serving decodes in tiles across them.
  const double vae_one_gpu = model.vae_flops_per_pixel * w.output_width() * w.output_height() * w.frames / achieved;
  p.vae_seconds = w.vae_split ? vae_one_gpu / n : vae_one_gpu;
  // Fixed work once per clip: the cold start of a research run, or a warm server's own figure.
  p.overhead_seconds = w.fixed_seconds ? *w.fixed_seconds : model.overhead_work / achieved;
  // Offloading runs on the CPU and over PCIe, whatever the GPU's compute.
  p.offload_seconds = w.offload ? model.offload_seconds : 0;
  p.seconds = p.dit_seconds + p.vae_seconds + p.overhead_seconds + p.offload_seconds;
  // Every GPU is held for the whole clip, except that a tiled VAE decode is work, not waiting.
  p.gpu_seconds = (p.dit_seconds + p.overhead_seconds + p.offload_seconds) * n + p.vae_seconds * n;
  return p;
}

Prediction predict(const Workload& w, const Flops& flops, const TimeModel& model, const ComputeCatalog& c) {
  return predict_with(w, flops, model.efficiency.at(model.efficiency_key(w, c)), model);
}

}  // namespace vidcost
