#include "compute/specs.h"

namespace vidcost {

std::string_view kernel_name(Kernel k) { return k == Kernel::FA3 ? "fa3" : "fa2"; }
std::string_view precision_name(Precision p) { return p == Precision::FP8 ? "fp8" : "bf16"; }

double Arch::per_token_params() const {
  const double d = hidden;
  const double per_layer = 4 * d * d + 2 * d * ffn + (joint_attention ? 0 : 2 * d * d);
  return layers * per_layer;
}

const Gpu* ComputeCatalog::find_gpu(std::string_view id) const {
  for (const auto& g : gpus) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

const Gpu* ComputeCatalog::default_gpu() const {
  for (const auto& g : gpus) {
    if (g.is_default) return &g;
  }
  return nullptr;
}

const Arch* ComputeCatalog::find_arch(std::string_view id) const {
  for (const auto& a : archs) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const GpuPrice* ComputeCatalog::find_price(std::string_view gpu, std::string_view price_id, Region region) const {
  for (const auto& p : prices) {
    if (p.gpu == gpu && (price_id.empty() ? p.region == region : p.id == price_id)) return &p;
  }
  return nullptr;
}

std::string_view measurement_set_name(MeasurementSet s) {
  switch (s) {
    case MeasurementSet::Calibration: return "calibration";
    case MeasurementSet::Holdout: return "holdout";
    case MeasurementSet::Serving: return "serving";
  }
  return "";
}

std::string_view anchor_kind_name(AnchorKind k) {
  switch (k) {
    case AnchorKind::MarginAtLeast: return "margin-at-least";
    case AnchorKind::MarginAbout: return "margin-about";
    case AnchorKind::GpuSecondsPerSecondAtLeast: return "gpu-seconds-per-second-at-least";
    case AnchorKind::CostPerSecondAbout: return "cost-per-second-about";
  }
  return "";
}

std::vector<std::string> ComputeCatalog::gpu_ids() const {
  std::vector<std::string> ids;
  for (const auto& g : gpus) ids.push_back(g.id);
  return ids;
}

std::vector<std::string> ComputeCatalog::arch_ids() const {
  std::vector<std::string> ids;
  for (const auto& a : archs) ids.push_back(a.id);
  return ids;
}

}  // namespace vidcost
