// The serving-cost options shared by `cost` and `margin`: bound as text, parsed once into a
// typed ServingRequest.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "compute/serving.h"

namespace vidcost {

struct ServingText {
  std::string resolution, frames, seconds, fps, steps, passes, gpu, gpus, kernel, precision;
  std::string linear_precision, attention_precision;
  std::string gpu_price, fleet_utilization, overhead, attention_kept, cache_skip, scenario, profile, fixed_seconds;
  bool warm = false, offload = false;
};

void add_serving_options(CLI::App& cmd, ServingText& o);

// The overrides of a request (its target is set by the caller); the prompt's `set gpu` applies
// when --gpu is not given. Error (BadInput) naming the option for a bad value.
ServingRequest parse_serving(const ServingText& o, const Settings& settings);

}  // namespace vidcost
