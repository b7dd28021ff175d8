// Serving plans: which scenarios a product gets, the GPU price of its market, the overrides every
// scenario takes, and the bad requests that are refused rather than costed.
#include <gtest/gtest.h>

#include <algorithm>

#include "compute/calibrate.h"
#include "compute/loader.h"
#include "compute/serving.h"
#include "core/error.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

const ComputeCatalog& compute() {
  static const ComputeLoad load = load_compute(std::string(VIDCOST_REPO_ROOT) + "/pricing");
  return load.catalog;
}

ProductTarget kling_turbo() {
  ProductTarget t;
  t.provider = "kling";
  t.model = "2.5-turbo";
  t.mode = "pro";
  t.seconds = 5;
  t.spec = "kling/2.5-turbo/pro@5s";
  t.resolution = "1080p";
  return t;
}

ServingRequest for_product(ProductTarget t) {
  ServingRequest r;
  r.target = std::move(t);
  return r;
}

std::vector<std::string> ids(const ServingPlan& plan) {
  std::vector<std::string> out;
  for (const auto& s : plan.scenarios) out.push_back(s.scenario);
  return out;
}

TEST(ServingPlan, AProductGetsItsFamilysBandAndTheReferenceOnlyWhenAsked) {
  ServingRequest r = for_product(kling_turbo());
  const ServingPlan band = plan_serving(compute(), r);
  EXPECT_TRUE(band.estimate);
  EXPECT_EQ(ids(band), (std::vector<std::string>{"low", "central", "high"}));
  for (const auto& s : band.scenarios) {
    EXPECT_EQ(s.profile, "kling");
    EXPECT_FALSE(s.summary.empty());
    // 1080p output through a super-resolution stage.
    EXPECT_EQ(s.workload.output_height(), 1080) << s.scenario;
  }
  r.scenarios = ScenarioChoice::All;
  EXPECT_EQ(ids(plan_serving(compute(), r)), (std::vector<std::string>{"low", "central", "high", "reference"}));
  r.scenarios = ScenarioChoice::Reference;
  EXPECT_EQ(ids(plan_serving(compute(), r)), (std::vector<std::string>{"reference"}));
}

TEST(ServingPlan, EachMarketPaysItsOwnGpuPrices) {
  ServingRequest r = for_product(kling_turbo());
  r.scenarios = ScenarioChoice::Central;
  r.region = Region::CN;
  const ServingSetup cn = plan_serving(compute(), r).scenarios.at(0);
  ASSERT_TRUE(cn.gpu_price);
  EXPECT_EQ(cn.gpu_price->currency, Currency::CNY);
  r.region = Region::Intl;
  const ServingSetup intl = plan_serving(compute(), r).scenarios.at(0);
  ASSERT_TRUE(intl.gpu_price);
  EXPECT_EQ(intl.gpu_price->currency, Currency::USD);
}

TEST(ServingPlan, PrecisionOverridesActOnMatmulsAndAttentionApart) {
  ServingRequest r;
  r.target = std::string("wan2.1-14b");
  r.gpu = "h100";
  r.attention_precision = Precision::FP8;
  const Workload w = plan_serving(compute(), r).scenarios.at(0).workload;
  EXPECT_EQ(w.linear, Precision::BF16);
  EXPECT_EQ(w.attention, Precision::FP8);
  EXPECT_EQ(w.kernel, Kernel::FA3);  // the Hopper default
}

TEST(ServingPlan, ATimeNeedsNoPrice) {
  ServingRequest r;
  r.target = std::string("wan2.1-14b");
  r.gpu = "h20";  // catalogued in the China market only
  const ServingSetup s = plan_serving(compute(), r).scenarios.at(0);
  EXPECT_FALSE(s.gpu_price);
  EXPECT_NE(s.price_source.find("--region cn"), std::string::npos) << s.price_source;
  const Calibration cal = calibrate(compute());
  const ServingEstimate e = estimate_serving(s, cal.model, compute());
  EXPECT_GT(e.prediction.seconds, 0);
  EXPECT_FALSE(e.cost);
  // Eight GPUs in sequence parallel are faster than one, but not eight times (the fixed work).
  EXPECT_LT(e.latency_eight_gpus, e.latency_one_gpu);
  EXPECT_GT(e.latency_eight_gpus, e.latency_one_gpu / 8);
}

TEST(ServingPlan, BadRequestsAreRefused) {
  ServingRequest r;
  r.target = std::string("wan2.1-14b");
  r.gpu = "a100";
  r.linear_precision = Precision::FP8;
  EXPECT_THROW(plan_serving(compute(), r), Error);  // no FP8 on an A100
  r.linear_precision.reset();
  r.kernel = Kernel::FA3;
  EXPECT_THROW(plan_serving(compute(), r), Error);  // FlashAttention-3 is Hopper-only
  r.kernel.reset();
  r.gpu = "h1000";
  EXPECT_THROW(plan_serving(compute(), r), Error);
  r.gpu.reset();
  r.width = 16384;
  r.height = 16384;
  EXPECT_THROW(plan_serving(compute(), r), Error);  // over 8192 a side

  ServingRequest p = for_product(kling_turbo());
  p.profile = "klingg";
  try {
    plan_serving(compute(), p);
    FAIL() << "an unknown profile was accepted";
  } catch (const Error& e) {
    ASSERT_EQ(e.kind(), ErrorKind::UnknownName);
    const auto& known = e.unknown_name()->candidates;
    EXPECT_NE(std::find(known.begin(), known.end(), "kling"), known.end());
  }
}

TEST(ServingPlan, AProductNoProfileCoversSaysWhy) {
  ProductTarget veo;
  veo.provider = "google";
  veo.model = "veo-3";
  veo.mode = "standard";
  veo.seconds = 8;
  veo.spec = "google/veo-3/standard@8s";
  veo.resolution = "720p";
  const ServingPlan plan = plan_serving(compute(), for_product(veo));
  ASSERT_TRUE(plan.no_profile);
  EXPECT_FALSE(plan.no_profile->empty());
  EXPECT_TRUE(plan.scenarios.empty());
}

}  // namespace
}  // namespace vidcost
