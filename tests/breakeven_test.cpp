// Break-even ranges, worked by hand.
#include <gtest/gtest.h>

#include "pricing/breakeven.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

TEST(Breakeven, RangesAndCrossoversByHand) {
  // API: 0.10 a second. Plan: 20.00 a month for 300 s, then 0.05 a second.
  // API = plan where 0.10 s = 20, s = 200; the plan stays cheapest beyond (its slope is lower).
  const std::vector<CostLine> options = {{"api", "api", 0, 0, Rational(1, 10), std::nullopt},
                                         {"plan", "plan", 20, 300, Rational(1, 20), std::nullopt}};
  const auto r = cheapest_ranges(options, 1000);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].option, 0u);
  EXPECT_EQ(r[0].from, 0);
  EXPECT_EQ(r[0].to, 200);
  EXPECT_EQ(r[1].option, 1u);
  EXPECT_EQ(r[1].to, 1000);
  EXPECT_EQ(r[1].cost_to, 55);  // 20 + 0.05 x 700
}

TEST(Breakeven, AnExpensiveOverflowHandsBackToTheApi) {
  // Plan: 30.00 for up to 100 s, then 0.40 a second; API 0.20 a second. Below 100 s the API
  // costs at most 20 < 30; beyond, the plan costs 30 + 0.40 (s - 100), always above 0.20 s.
  // So the API is cheapest everywhere: one range.
  const std::vector<CostLine> options = {{"api", "api", 0, 0, Rational(1, 5), std::nullopt},
                                         {"plan", "plan", 30, 100, Rational(2, 5), std::nullopt}};
  const auto r = cheapest_ranges(options, 500);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].option, 0u);
}

TEST(Breakeven, ALimitedPlanStopsAtItsLimit) {
  // A plan with no top-up: 10.00 for up to 100 s; API 0.25 a second. API < 10 below 40 s; the
  // plan from 40 s to 100 s; beyond 100 s only the API.
  const std::vector<CostLine> options = {{"api", "api", 0, 0, Rational(1, 4), std::nullopt},
                                         {"plan", "plan", 10, 100, 0, Rational(100)}};
  const auto r = cheapest_ranges(options, 200);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].to, 40);
  EXPECT_EQ(r[1].option, 1u);
  EXPECT_EQ(r[1].to, 100);
  EXPECT_EQ(r[2].option, 0u);
}

}  // namespace
}  // namespace vidcost
