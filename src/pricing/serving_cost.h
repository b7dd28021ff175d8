// What a product mode (or an open architecture) costs to serve, per scenario, in the market's
// terms: the compute model's estimate with its GPU price for the market, converted to the
// display currency, and the published evidence (anchors) each scenario agrees or clashes with.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compute/serving.h"
#include "pricing/market.h"
#include "pricing/quote.h"

namespace vidcost {

// A published figure held against one scenario's result.
struct Evidence {
  const Anchor* anchor = nullptr;
  bool agrees = false;
  // What was held against the anchor's figure: H100-seconds per video second, or the cost per
  // second (in the anchor's currency) or the margin share.
  double measured = 0;
  Rational measured_exact;

  // What was compared, "margin 74% vs published >= 0%": made only where it is shown.
  std::string detail() const;
};

struct CostRequest {
  std::string target;      // an architecture id, or a SPEC of one generation
  ServingRequest serving;  // overrides and scenario choice; target and region are set from the request
  // Each scenario's evidence, against the provider's own API price. A caller that weighs the
  // scenarios against offers of its own (margin) goes without.
  bool evidence = true;
};

struct ScenarioCost {
  ServingEstimate estimate;
  std::optional<Amount> per_second, compute_per_second, per_clip, compute_per_clip;  // in the display currency
  std::optional<FxRate> rate;                // the rate used, when converted
  double gpu_seconds_per_video_second = 0;   // H100-equivalent: GPU-seconds x the GPU's BF16 peak / H100's
  std::vector<Evidence> evidence;
};

struct CostResult {
  std::string target;
  bool estimate = false;
  std::optional<Generation> generation;   // for a product
  Region region = Region::Intl;           // whose GPU prices apply
  std::optional<std::string> no_profile;  // why no serving profile covers the product
  std::vector<ScenarioCost> scenarios;
};

// Throws Error for unknown names and bad values (see compute/serving.h).
CostResult serving_cost_of(const Market& market, const ComputeCatalog& compute, const TimeModel& model,
                           const CostRequest& request);

// The product target of a generation, for the compute model.
ProductTarget product_of(const Generation& g);

// The evidence of a profile's anchors on one scenario: its cost (scenario anchors) and, when
// `quote` is given, the margin of that offer at that cost (margin anchors that speak of it).
std::vector<Evidence> evidence_for(const ComputeCatalog& compute, const std::string& profile,
                                   const ProductTarget& product, const Market& market, const ScenarioCost& scenario,
                                   const Quote* quote, const std::optional<Rational>& margin_share);

}  // namespace vidcost
