// margin's rules on the small catalog (acme_catalog.h) with the shipped compute catalog: the
// price side is the quote's, the solved GPU price breaks even exactly, a sweep makes one row a
// point, and the utilization lever.
#include <gtest/gtest.h>

#include "acme_catalog.h"
#include "compute/calibrate.h"
#include "compute/loader.h"
#include "core/error.h"
#include "pricing/margin.h"

namespace vidcost {
namespace {

const ComputeCatalog& compute() {
  static const ComputeLoad load = load_compute(std::string(VIDCOST_REPO_ROOT) + "/pricing");
  return load.catalog;
}

const TimeModel& model() {
  static const TimeModel m = calibrate(compute()).model;
  return m;
}

const Market kMarket{&testing::acme_catalog(), testing::kMarketDay, Region::Intl, {}};

MarginRequest on_pro() {
  MarginRequest r;
  r.serving.scenarios = ScenarioChoice::Reference;
  r.spec = parse_spec_pattern("acme/1.0/720p@5s");
  r.offer = {OfferKind::Plan, "pro"};
  r.serving.steps = 4;
  r.serving.passes = 1;
  return r;
}

TEST(Margin, ThePriceIsTheQuotesAndTheMarginPriceMinusCost) {
  // Pro: 10 USD / 100 cr x 10 cr / 5 s = 0.20 USD a second. acme has no serving profile, so only
  // the reference recipe (the open research recipe) costs it.
  MarginRequest r = on_pro();
  r.serving.scenarios = ScenarioChoice::Reference;
  const MarginResult m = margin(kMarket, compute(), model(), r);
  ASSERT_EQ(m.rows.size(), 1u);
  EXPECT_EQ(m.rows[0].scenario, "reference");
  EXPECT_EQ(m.rows[0].price_per_second, Rational(1, 5));
  ASSERT_TRUE(m.rows[0].cost_per_second);
  EXPECT_GT(*m.rows[0].cost_per_second, 0);
  EXPECT_EQ(*m.rows[0].margin(), m.rows[0].price_per_second - *m.rows[0].cost_per_second);
}

TEST(Margin, AProductNoProfileCoversShowsItsPriceAndWhyItHasNoCost) {
  MarginRequest r = on_pro();
  r.serving.scenarios = ScenarioChoice::Band;
  const MarginResult m = margin(kMarket, compute(), model(), r);
  ASSERT_EQ(m.rows.size(), 1u);
  EXPECT_FALSE(m.rows[0].cost_per_second);
  EXPECT_EQ(m.rows[0].cost_unknown, "no profile: no serving profile of the compute catalog covers it");
}

TEST(Margin, TheSolvedGpuPriceBreaksEvenExactly) {
  // Cost is proportional to the GPU price, so the solved price gives a cost equal to the price.
  MarginRequest r = on_pro();
  r.solve = Lever::GpuPrice;
  const MarginResult solved = margin(kMarket, compute(), model(), r);
  const Solution& s = *solved.rows.at(0).solved;
  ASSERT_EQ(s.outcome, Solution::Outcome::Value);
  EXPECT_EQ(s.unit, "USD/GPU-hour");
  MarginRequest at = on_pro();
  at.serving.gpu_price = Amount(s.value, Currency::USD);
  EXPECT_EQ(*margin(kMarket, compute(), model(), at).rows.at(0).margin(), 0);
}

TEST(Margin, TheUtilizationLeverDividesThePrice) {
  // At half use the plan costs the buyer twice as much a second: 0.40 USD.
  MarginRequest r = on_pro();
  r.utilization = Rational(1, 2);
  EXPECT_EQ(margin(kMarket, compute(), model(), r).rows.at(0).price_per_second, Rational(2, 5));
}

TEST(Margin, ASweepMakesOneRowAPointInRange) {
  MarginRequest r = on_pro();
  r.sweep = Sweep{Lever::GpuPrice, Rational(1), Rational(3), 5};
  const MarginResult swept = margin(kMarket, compute(), model(), r);
  ASSERT_EQ(swept.sweep.size(), 5u);
  EXPECT_EQ(swept.sweep[1].value, Rational(3, 2));
  // Cost grows with the GPU price: 3 USD an hour costs three times 1 USD an hour.
  EXPECT_EQ(swept.sweep[4].cost_per_second, swept.sweep[0].cost_per_second * 3);
}

TEST(Margin, BadRequestsAreErrors) {
  MarginRequest several = on_pro();
  several.offer = {};
  several.sweep = Sweep{Lever::Steps, Rational(1), Rational(4), 4};
  EXPECT_THROW(margin(kMarket, compute(), model(), several), Error);  // a sweep needs one offer
  MarginRequest no_length = on_pro();
  no_length.spec = parse_spec_pattern("acme/1.0/720p");
  EXPECT_THROW(margin(kMarket, compute(), model(), no_length), Error);
}

}  // namespace
}  // namespace vidcost
