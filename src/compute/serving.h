// What one generation costs to serve. A request names an architecture (a research run, costed
// as given) or a product mode, which its provider family's serving profile costs under three
// named scenarios (low, central, high) or the open research recipe (the reference upper
// bound). Every scenario resolves to a workload with its serving assumptions; its predicted time
// gives GPU-seconds, latency and, where a GPU price is known, money.
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
  std::string spec;          // "kling/2.5-turbo/pro@5s"
  std::string resolution;    // "1080p"
  std::optional<int> width, height, fps;  // the mode's coded size and rate, when the catalog has them
};

// An hourly GPU price given on the command line: an amount, or one of the catalog's price points.
using GpuPriceChoice = std::variant<Amount, std::string>;

// Which scenarios a request asks for.
enum class ScenarioChoice { Band, Low, Central, High, Reference, All };
std::optional<ScenarioChoice> parse_scenario_choice(std::string_view text);
std::vector<std::string> scenario_choice_names();

struct ServingRequest {
  std::variant<std::string, ProductTarget> target;  // an architecture id, or a product mode
  ScenarioChoice scenarios = ScenarioChoice::Band;  // products only
  std::optional<std::string> profile;               // a profile other than the product's own
  Region region = Region::Intl;                     // the market whose GPU prices apply
  // Overrides, applied to every scenario.
  std::optional<int> width, height;  // output size
  std::optional<int> frames;
  std::optional<double> seconds;  // clip length; frames = seconds x fps on the VAE's grid
  std::optional<double> fps;
  std::optional<int> steps, passes, gpus;
  std::optional<std::string> gpu;
  std::optional<Kernel> kernel;
  std::optional<Precision> linear_precision, attention_precision;
  std::optional<GpuPriceChoice> gpu_price;
  std::optional<Rational> fleet_utilization;  // share of paid GPU time doing useful work, in (0, 1]
  std::optional<Rational> overhead;           // serving overhead on top of GPU time (0.15 = 15%)
  std::optional<double> attention_kept;       // sparse attention: share of attention FLOPs kept, (0, 1]
  std::optional<double> cache_skip;           // step caching: share of steps skipped, [0, 1)
  // Fixed work per clip in seconds: 0 for a warm process whose timings exclude loading the
  // model; none: the scenario's figure, or for an architecture the cold start fitted on research runs.
  std::optional<double> fixed_seconds;
  bool offload = false;  // weights offloaded to the CPU between stages, as on a 24 GB GPU
};

// One scenario, resolved.
struct ServingSetup {
  std::string scenario;     // low, central, high, reference; "as given" for an architecture
  std::string summary;      // the named assumptions in one line
  std::string profile;      // the profile it comes from, if any
  Confidence confidence = Confidence::Low;  // of its weakest parameter
  std::vector<std::string> assumptions;     // parameters that rest on assumptions, not sources
  Workload workload;
  double fps = 0;
  double video_seconds = 0;
  Rational fleet_utilization = 1;
  Rational overhead = 0;
  std::optional<Amount> gpu_price;  // per GPU-hour; none: the cost is unknown
  std::string price_source;         // "--gpu-price", or the price point and its source; or why unknown
  std::optional<Date> price_as_of;  // the catalogued price's source date
};

struct ServingPlan {
  std::string target;                       // the architecture id or the product spec
  bool estimate = false;                    // a product, costed through a profile or the reference recipe
  std::optional<std::string> no_profile;    // why no serving profile covers the product
  std::vector<ServingSetup> scenarios;      // in order: low, central, high, reference
};

// Throws Error: unknown ids (with candidates), bad values (fa3 or fp8 on a GPU without them, a
// clip too small or too large), a product no profile covers when a profile scenario is asked.
ServingPlan plan_serving(const ComputeCatalog& catalog, const ServingRequest& request);

struct ServingCost {
  Amount compute_per_clip;    // GPU time at the hourly price: the pure compute cost
  Amount per_clip;            // loaded: / fleet utilization x (1 + overhead)
  Amount compute_per_second;  // per generated second
  Amount per_second;
};

struct ServingEstimate {
  ServingSetup setup;
  TokenCount tokens;
  Flops flops;
  Prediction prediction;  // on the scenario's GPUs (one by default: batch of one per GPU)
  double latency_one_gpu = 0, latency_eight_gpus = 0;  // wall-clock seconds per clip
  std::optional<ServingCost> cost;                      // none when no GPU price is known
};

ServingEstimate estimate_serving(ServingSetup setup, const TimeModel& model, const ComputeCatalog& catalog);

// Cost = GPU-seconds (rounded to the millisecond) x price per hour / 3600, exact from there on;
// loaded = that / fleet utilization x (1 + overhead).
ServingCost serving_cost(const ServingSetup& setup, const Amount& gpu_price, const Prediction& prediction);

// Parses "1280x720" or a resolution class ("480p", "1080p": 16:9) into width and height.
std::optional<std::pair<int, int>> parse_frame_size(std::string_view text);

// Whether any of the SPEC patterns ("kling/*/pro") matches the product.
bool product_matches(const std::vector<std::string>& patterns, const ProductTarget& product);

// What no serving cost here includes.
const char* not_costed_text();

}  // namespace vidcost
