// What one generation costs to serve. A typed request (an architecture, or a product mode costed
// through the compute catalog's proxy for it, plus overrides) resolves to a workload with its
// serving assumptions; a prediction of its time then gives GPU-seconds and money.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compute/model.h"
#include "money/amount.h"

namespace vidcost {

// A product mode, named as the pricing catalog names it.
struct ProductTarget {
  std::string provider, model, mode;
  int seconds = 0;
  std::string spec;  // "kling/2.5-turbo/pro@5s"
};

// An hourly GPU price given on the command line: an amount, or one of the catalog's price points.
using GpuPriceChoice = std::variant<Amount, std::string>;

struct ServingRequest {
  std::variant<std::string, ProductTarget> target;  // an architecture id, or a product mode
  std::optional<int> width, height;                 // output size
  std::optional<int> frames;
  std::optional<double> seconds;  // clip length; frames = seconds x fps on the VAE's grid
  std::optional<double> fps;
  std::optional<int> steps, passes, gpus;
  std::optional<std::string> gpu;
  std::optional<Kernel> kernel;
  std::optional<Precision> precision;
  std::optional<GpuPriceChoice> gpu_price;
  Rational fleet_utilization = 1;  // share of paid GPU time doing useful work, in (0, 1]
  Rational overhead = 0;           // serving overhead on top of GPU time (0.15 = 15%)
  std::optional<double> attention_kept;  // sparse attention: share of attention FLOPs kept, (0, 1]
  std::optional<double> cache_skip;      // step caching: share of steps skipped, [0, 1)
};

struct ServingSetup {
  std::string target;      // the architecture id or the product spec
  bool estimate = false;   // a product costed through a proxy
  std::string proxy_note;  // which proxy, and its stated assumption
  Workload workload;
  double fps = 0;
  double video_seconds = 0;
  Rational fleet_utilization = 1;
  Rational overhead = 0;
  Amount gpu_price;          // per GPU-hour
  std::string price_source;  // "--gpu-price", or the price point and its source
};

// Throws Error: unknown ids (with candidates), bad values (non-positive, fa3 or fp8 on a GPU
// without them), no proxy for a product, no hourly price for the GPU.
ServingSetup resolve_serving(const ComputeCatalog& catalog, const ServingRequest& request);

struct ServingEstimate {
  TokenCount tokens;
  Flops flops;
  Prediction prediction;
};

ServingEstimate estimate_serving(const ServingSetup& setup, const TimeModel& model, const ComputeCatalog& catalog);

struct ServingCost {
  Amount per_clip;
  Amount per_video_second;
};

// Cost = GPU-seconds (rounded to the millisecond) x price per hour / 3600 / fleet utilization
// x (1 + overhead), exact from there on, in the currency of the GPU price.
ServingCost serving_cost(const ServingSetup& setup, const Prediction& prediction);

// Parses "1280x720" or a named resolution (480p, 540p, 720p, 1080p) into width and height.
std::optional<std::pair<int, int>> parse_frame_size(std::string_view text);

}  // namespace vidcost
