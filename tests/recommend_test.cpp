// recommend's eligibility rules on the small catalog (acme_catalog.h): annual plans only for
// twelve months or more, packs only when they last the whole period, free credits counted as
// 30 days of daily credits when asked. Needs are 10 clips of acme/1.0/720p@5s a month, 10
// credits each: 100 credits a month; on the API 10 x 1.50 = 15 USD a month.
#include <gtest/gtest.h>

#include "acme_catalog.h"
#include "core/error.h"
#include "pricing/recommend.h"

namespace vidcost {
namespace {

RecommendResult run(int months, bool free_credits) {
  RecommendRequest r;
  r.needs = {parse_need("10xacme/1.0/720p@5s")};
  r.providers = {"acme"};
  r.months = months;
  r.free_credits = free_credits;
  return recommend(Market{&testing::acme_catalog(), testing::kMarketDay, Region::Intl, Currency::USD}, r);
}

std::vector<std::string> bought(const RecommendedOption& o) {
  std::vector<std::string> items;
  for (const auto& i : o.items) items.push_back(i.id + " x" + std::to_string(i.quantity));
  return items;
}

TEST(Recommend, OneMonthOnThePlanThatHoldsTheNeed) {
  // Pro 10 USD holds the 100 credits; the API would be 15, the packs 2 x 5 + ... more.
  const auto r = run(1, false);
  EXPECT_EQ(r.best.total, 10);
  EXPECT_EQ(bought(r.best), (std::vector<std::string>{"pro x1"}));
  EXPECT_EQ(r.best.per_second, Rational(1, 5));  // 10 USD / 50 s
}

TEST(Recommend, AnAnnualPlanOnlyForTwelveMonthsOrMore) {
  // Twelve months: the annual plan, 96 USD, against 12 x 10 = 120 for the monthly one.
  EXPECT_EQ(run(12, false).best.total, 96);
  EXPECT_EQ(bought(run(12, false).best), (std::vector<std::string>{"pro-annual x1"}));
  // Eleven: the annual plan would outlast the need, so it is not offered: 11 x 10 = 110.
  EXPECT_EQ(run(11, false).best.total, 110);
  EXPECT_EQ(bought(run(11, false).best), (std::vector<std::string>{"pro x11"}));
}

TEST(Recommend, FreeCreditsOnlyWhenAskedAndPacksThatLastThePeriod) {
  // Free: 2 a day x 30 = 60 credits a month; 40 short a month. One month: one 5 USD top-up of
  // 40 credits (valid 30 days).
  const auto month = run(1, true);
  EXPECT_EQ(month.best.total, 5);
  EXPECT_EQ(bought(month.best), (std::vector<std::string>{"topup x1", "daily x60"}));
  // Twelve months: 480 credits short; the top-up (30 days) cannot last the year, so one big
  // pack of 500 credits (365 days), 50 USD, 20 left over.
  const auto year = run(12, true);
  EXPECT_EQ(year.best.total, 50);
  EXPECT_EQ(year.best.unused_credits, 20);
  EXPECT_EQ(bought(year.best), (std::vector<std::string>{"big x1", "daily x60"}));
}

TEST(Recommend, BadNeedsAreErrors) {
  EXPECT_THROW(parse_need("0xacme/1.0/720p@5s"), Error);
  EXPECT_THROW(parse_need("tenxacme/1.0/720p@5s"), Error);
  EXPECT_THROW(parse_need("10xacme/1.0/720p"), Error);  // no length
  RecommendRequest r;
  r.needs = {parse_need("10x@7s")};
  EXPECT_THROW(recommend(Market{&testing::acme_catalog(), testing::kMarketDay, {}, {}}, r), Error);
}

}  // namespace
}  // namespace vidcost
