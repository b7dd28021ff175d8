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

FitError error_of(const std::vector<CalibrationRow>& rows, MeasurementSet set) {
  std::vector<double> errors;
  for (const auto& r : rows) {
    if (r.measurement->set == set) errors.push_back(std::fabs(std::log(r.ratio)));
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

Workload speedup_workload(const Speedup& s, const ComputeCatalog& c, bool fast) {
  Workload w = Workload::defaults(*c.find_arch(s.arch), *c.find_gpu(s.gpu));
  w.width = s.width;
  w.height = s.height;
  w.frames = s.frames;
  w.steps = s.steps;
  w.passes = s.passes;
  w.kernel = s.kernel;
  w.linear = fast ? s.fast_linear : s.base_linear;
  w.attention = fast ? s.fast_attention : s.base_attention;
  return w;
}

double predicted_speedup(const Speedup& s, const ComputeCatalog& c, const TimeModel& m) {
  const Workload base = speedup_workload(s, c, false), fast = speedup_workload(s, c, true);
  const Flops flops = dit_flops(base, count_tokens(*base.arch, base.width, base.height, base.frames));
  return predict(base, flops, m, c).seconds / predict(fast, flops, m, c).seconds;
}

// The FP8 gains of matmuls and of attention, fitted on the published end-to-end speed-ups
// (each at most 2, the FP8/BF16 peak ratio); 1 when there are none to fit.
void fit_fp8_gains(const ComputeCatalog& c, Calibration& result) {
  if (c.speedups.empty()) return;
  TimeModel& m = result.model;
  auto loss = [&]() {
    double sum = 0;
    for (const auto& s : c.speedups) {
      const double log_ratio = std::log(predicted_speedup(s, c, m) / s.speedup);
      sum += log_ratio * log_ratio;
    }
    return sum;
  };
  for (int sweep = 0; sweep < 8; ++sweep) {
    for (double* gain : {&m.fp8_linear_gain, &m.fp8_attention_gain}) {
      *gain = golden_section(
          [&](double value) {
            const double saved = *gain;
            *gain = value;
            const double l = loss();
            *gain = saved;
            return l;
          },
          1.0, 2.0);
    }
  }
  for (const auto& s : c.speedups) result.speedups.push_back({&s, predicted_speedup(s, c, m)});
}

}  // namespace

Workload workload_of(const Measurement& m, const ComputeCatalog& c) {
  Workload w = Workload::defaults(*c.find_arch(m.arch), *c.find_gpu(m.gpu));
  w.width = m.width;
  w.height = m.height;
  w.frames = m.frames;
  w.steps = m.steps;
  w.passes = m.passes;
  w.gpus = m.gpus;
  w.kernel = m.kernel;
  w.offload = m.offload;
  w.linear = m.linear;
  w.attention = m.attention;
  w.cache_skip = m.cache_skip;
  if (m.warm) w.fixed_seconds = 0;
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
    const bool fits = m.set == MeasurementSet::Calibration;
    if (fits && it == keys.end()) {
      keys.push_back(key);
      it = keys.end() - 1;
    }
    efficiency_index.push_back(it == keys.end() ? SIZE_MAX : static_cast<std::size_t>(it - keys.begin()));
    if (fits) fit_rows.push_back(all.size());
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
  // The squared log error of a fitted row under parameters v (and the model made of them).
  auto row_loss = [&](std::size_t r, const std::vector<double>& v, const TimeModel& m) {
    const Prepared& p = all[r];
    const double predicted = predict_with(p.w, p.flops, v[efficiency_index[r]], m).seconds;
    const double log_ratio = std::log(predicted / p.m->seconds);
    return log_ratio * log_ratio;
  };
  std::vector<double> kept(fit_rows.size());
  std::vector<char> moves(fit_rows.size());
  for (int sweep = 0; sweep < 12; ++sweep) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      // An efficiency moves only the rows measured on its GPU and kernel: the others keep their
      // error for the whole line search, computed once and summed in the same order, so the
      // loss is the same to the last bit (and the fit takes a third fewer instructions).
      const TimeModel current = model_of(x);
      for (std::size_t j = 0; j < fit_rows.size(); ++j) {
        moves[j] = i >= k || efficiency_index[fit_rows[j]] == i;
        if (!moves[j]) kept[j] = row_loss(fit_rows[j], x, current);
      }
      x[i] = golden_section(
          [&](double value) {
            std::vector<double> trial = x;
            trial[i] = value;
            const TimeModel m = model_of(trial);
            double sum = 0;
            for (std::size_t j = 0; j < fit_rows.size(); ++j) sum += moves[j] ? row_loss(fit_rows[j], trial, m) : kept[j];
            return sum;
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
  result.calibration_error = error_of(result.rows, MeasurementSet::Calibration);
  result.holdout_error = error_of(result.rows, MeasurementSet::Holdout);
  // The FP8 gains come from the speed-ups; the serving rows, which use them, are predicted after.
  fit_fp8_gains(c, result);
  for (auto& row : result.rows) {
    if (row.measurement->set != MeasurementSet::Serving) continue;
    const Prepared& p = *std::find_if(all.begin(), all.end(), [&](const Prepared& x) { return x.m == row.measurement; });
    row.predicted = predict(p.w, p.flops, result.model, c).seconds;
    row.ratio = row.predicted / row.measurement->seconds;
  }
  result.serving_error = error_of(result.rows, MeasurementSet::Serving);
  return result;
}

}  // namespace vidcost
