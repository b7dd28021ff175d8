#include "compute/calibrate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>

namespace vidcost {
namespace {

struct Prepared {
  const Measurement* m;
  Workload w;
  Flops flops;
};

double golden_section(const std::function<double(double)>& f, double lo, double hi, int iterations = 40) {
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  double a = lo, b = hi;
  double c = b - ratio * (b - a), d = a + ratio * (b - a);
  double fc = f(c), fd = f(d);
  for (int i = 0; i < iterations; ++i) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

FitError error_of(const std::vector<CalibrationRow>& rows, bool holdout) {
  std::vector<double> errors;
  for (const auto& r : rows) {
    if (r.measurement->holdout == holdout) errors.push_back(std::fabs(std::log(r.ratio)));
  }
  FitError e;
  e.count = errors.size();
  if (errors.empty()) return e;
  std::sort(errors.begin(), errors.end());
  const std::size_t n = errors.size();
  e.median_abs_log = n % 2 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
  e.worst_abs_log = errors.back();
  return e;
}

}  // namespace

Workload workload_of(const Measurement& m, const ComputeCatalog& c) {
  Workload w;
  w.arch = c.find_arch(m.arch);
  w.gpu = c.find_gpu(m.gpu);
  w.width = m.width;
  w.height = m.height;
  w.frames = m.frames;
  w.steps = m.steps;
  w.passes = m.passes;
  w.gpus = m.gpus;
  w.kernel = m.kernel;
  w.offload = m.offload;
  return w;
}

Calibration calibrate(const ComputeCatalog& c) {
  // Parameters: one efficiency per GPU/kernel seen in the calibration set, then the fixed
  // work, the VAE work per pixel-frame and the parallel-efficiency slope.
  std::vector<Prepared> all;
  std::vector<std::size_t> fit_rows;
  std::vector<std::size_t> efficiency_index;
  std::vector<std::string> keys;
  for (const auto& m : c.measurements) {
    Prepared p{&m, workload_of(m, c), {}};
    p.flops = dit_flops(p.w, count_tokens(*p.w.arch, m.width, m.height, m.frames));
    const Gpu* source = p.w.gpu->efficiency_from.empty() ? p.w.gpu : c.find_gpu(p.w.gpu->efficiency_from);
    const std::string key = std::string(source->id) + "/" + std::string(kernel_name(m.kernel));
    auto it = std::find(keys.begin(), keys.end(), key);
    if (!m.holdout && it == keys.end()) {
      keys.push_back(key);
      it = keys.end() - 1;
    }
    efficiency_index.push_back(it == keys.end() ? SIZE_MAX : static_cast<std::size_t>(it - keys.begin()));
    if (!m.holdout) fit_rows.push_back(all.size());
    all.push_back(p);
  }
  const std::size_t k = keys.size();
  std::vector<double> x(k, 0.5);
  x.push_back(1e15);  // fixed work, FLOPs
  x.push_back(0);     // VAE FLOPs per pixel-frame
  x.push_back(0.01);  // serial share (Amdahl)
  x.push_back(10);    // offload seconds
  const std::vector<std::pair<double, double>> bounds = [&] {
    std::vector<std::pair<double, double>> b(k, {0.05, 1.0});
    b.push_back({0, 2e17});
    b.push_back({0, 2e9});
    b.push_back({0, 0.5});
    b.push_back({0, 600});
    return b;
  }();
  auto model_of = [&](const std::vector<double>& v) {
    TimeModel m;
    m.overhead_work = v[k];
    m.vae_flops_per_pixel = v[k + 1];
    m.serial_share = v[k + 2];
    m.offload_seconds = v[k + 3];
    return m;
  };
  auto loss = [&](const std::vector<double>& v) {
    double sum = 0;
    const TimeModel m = model_of(v);
    for (std::size_t r : fit_rows) {
      const Prepared& p = all[r];
      const double predicted = predict_with(p.w, p.flops, v[efficiency_index[r]], m).seconds;
      const double log_ratio = std::log(predicted / p.m->seconds);
      sum += log_ratio * log_ratio;
    }
    return sum;
  };
  for (int sweep = 0; sweep < 12; ++sweep) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = golden_section(
          [&](double value) {
            std::vector<double> trial = x;
            trial[i] = value;
            return loss(trial);
          },
          bounds[i].first, bounds[i].second);
    }
  }
  Calibration result;
  result.model = model_of(x);
  for (std::size_t i = 0; i < k; ++i) result.model.efficiency[keys[i]] = x[i];
  for (std::size_t r = 0; r < all.size(); ++r) {
    const Prepared& p = all[r];
    CalibrationRow row;
    row.measurement = p.m;
    try {
      row.predicted = predict(p.w, p.flops, result.model, c).seconds;
    } catch (const std::exception&) {
      continue;  // a holdout on a GPU and kernel nothing was calibrated on
    }
    row.ratio = row.predicted / p.m->seconds;
    result.rows.push_back(row);
  }
  result.calibration_error = error_of(result.rows, false);
  result.holdout_error = error_of(result.rows, true);
  return result;
}

}  // namespace vidcost
