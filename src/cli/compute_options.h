// The cost-model options shared by `cost` (and later `margin`): parsing, validation, and
// turning an ARCH or a SPEC plus overrides into a workload with its serving assumptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "compute/model.h"

namespace vidcost {

struct ComputeOptions {
  std::string target;
  std::string resolution, frames, seconds, fps, steps, passes, gpu, gpus, kernel, precision;
  std::string gpu_price, utilization = "1", overhead = "0", sparsity, cache_skip;
};

// `fleet_option` names the fleet-utilization option ("--utilization,-u" for cost; margin uses
// --utilization for the buyer's credit utilization).
void add_compute_options(CLI::App& cmd, ComputeOptions& o, const std::string& fleet_option = "--utilization,-u");

struct CostSetup {
  std::string target;
  bool estimate = false;  // priced through a proxy for a commercial product
  std::string proxy_note;
  Workload workload;
  double fps = 0;
  double video_seconds = 0;
  Rational fleet_utilization = 1;
  Rational serving_overhead = 0;
  std::optional<Amount> gpu_price;  // explicit --gpu-price amount
  const GpuPrice* catalog_price = nullptr;
  std::vector<std::string> notes;
  const ComputeCatalog& compute;
  const TimeModel& model;
};

// Throws UsageError on bad input (unknown ids with a did-you-mean, non-positive numbers,
// fp8 or fa3 on a GPU without them).
CostSetup resolve_cost_setup(Context& ctx, const ComputeOptions& o);

struct CostResult {
  Amount gpu_price;
  std::string price_source;
  Amount per_clip;
  Amount per_video_second;
  std::string fx_note;
};

// Cost = GPU-seconds (rounded to the millisecond) x price per hour / 3600 / fleet utilization
// x (1 + overhead), exact from there on; in the display currency when one is set.
CostResult serving_cost(Context& ctx, const CostSetup& setup, const Prediction& p);

}  // namespace vidcost
