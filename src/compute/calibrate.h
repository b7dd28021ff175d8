// Fitting the time model on the calibration measurements, and checking it on the holdout ones;
// then the FP8 gains on the published speed-ups. The fit is deterministic: coordinate descent
// with golden-section line searches on the sum of squared log ratios (predicted / measured),
// from fixed starting values.
#pragma once

#include <vector>

#include "compute/model.h"

namespace vidcost {

struct CalibrationRow {
  const Measurement* measurement = nullptr;
  double predicted = 0;
  double ratio = 0;  // predicted / measured
};

struct FitError {
  double median_abs_log = 0;  // median |ln(predicted / measured)|
  double worst_abs_log = 0;
  std::size_t count = 0;
};

// A published speed-up against the model's: base time / fast time.
struct SpeedupRow {
  const Speedup* speedup = nullptr;
  double predicted = 0;
};

struct Calibration {
  TimeModel model;
  std::vector<CalibrationRow> rows;
  std::vector<SpeedupRow> speedups;
  FitError calibration_error;
  FitError holdout_error;
  FitError serving_error;
};

Workload workload_of(const Measurement& m, const ComputeCatalog& c);
Calibration calibrate(const ComputeCatalog& c);

}  // namespace vidcost
