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

RecommendResult run_with(const std::string& need, const std::vector<std::string>& offers,
                         std::optional<Region> region = Region::Intl) {
  RecommendRequest r;
  r.needs = {parse_need(need)};
  r.offers = OfferFilter::parse(offers);
  return recommend(Market{&testing::acme_catalog(), testing::kMarketDay, region,
                          region == Region::CN ? Currency::CNY : Currency::USD},
                   r);
}

TEST(Recommend, OfferFiltersLimitWhatIsBought) {
  // 10 x 5 s of 720p a month = 100 credits, or 10 x 0.30 x 5 = 15 USD on the API.
  EXPECT_EQ(run_with("10xacme/1.0/720p@5s", {"api"}).best.total, 15);
  EXPECT_EQ(run_with("10xacme/1.0/720p@5s", {"plan"}).best.total, 10);  // pro
  // Packs only: three 40-credit top-ups (15 USD, 20 credits left) beat the 500-credit pack.
  const auto packs = run_with("10xacme/1.0/720p@5s", {"pack"});
  EXPECT_EQ(packs.best.total, 15);
  EXPECT_EQ(bought(packs.best), (std::vector<std::string>{"topup x3"}));
  EXPECT_EQ(packs.best.unused_credits, 20);
  EXPECT_THROW(OfferFilter::parse({"apps"}), Error);
}

TEST(Recommend, ApiUnitPacksAreBought) {
  // 100 clips of 1080p (API only), 3 units each = 300 units a month. As you go: 300 x 0.10 =
  // 30 USD. One starter pack (250 units, 20 USD) and 50 units as you go (5 USD): 25 USD.
  const auto r = run_with("100xacme/1.0/1080p@5s", {});
  EXPECT_EQ(r.best.total, 25);
  EXPECT_EQ(bought(r.best), (std::vector<std::string>{"starter x1", " x100"}));
  ASSERT_EQ(r.best.lines.size(), 1u);
  EXPECT_EQ(r.best.lines[0].unit_clips, 100);
  EXPECT_TRUE(r.best.lines[0].unit_balance);
  EXPECT_EQ(r.best.items[0].kind, RecommendedItem::Kind::ApiPack);
  EXPECT_EQ(r.best.items[1].kind, RecommendedItem::Kind::Api);
  EXPECT_EQ(*r.best.items[1].amount, 5);
  // Unit packs alone (a reseller's prepaid view): two packs, 40 USD, 200 units unused.
  const auto packs_only = run_with("100xacme/1.0/1080p@5s", {"api-pack"});
  EXPECT_EQ(packs_only.best.total, 40);
  EXPECT_EQ(packs_only.best.unused_units, 200);
  // Pay-as-you-go alone: 30 USD.
  EXPECT_EQ(run_with("100xacme/1.0/1080p@5s", {"api"}).best.total, 30);
}

TEST(Recommend, TrustIsTheWeakestFigureAndInferredFiguresAreNamed) {
  // In China only the gold plan sells the need: its credits are inferred, low confidence.
  const auto r = run_with("10xacme/1.0/720p@5s", {}, Region::CN);
  EXPECT_EQ(r.best.total, 77);
  EXPECT_EQ(r.best.trust.confidence, Confidence::Low);
  EXPECT_EQ(r.best.inferred, (std::vector<std::string>{"plan gold of acme (cn)"}));
  // Internationally every figure the answer rests on is high confidence.
  const auto intl = run_with("10xacme/1.0/720p@5s", {});
  EXPECT_EQ(intl.best.trust.confidence, Confidence::High);
  EXPECT_TRUE(intl.best.inferred.empty());
}

TEST(Recommend, FiltersThatLeaveNothingSayWhichLineAndWhy) {
  try {
    run_with("10xacme/1.0/1080p@5s", {"api-pack"}, Region::CN);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "need '10xacme/1.0/1080p@5s': no offer prices acme/1.0/1080p@5s with --offer api-pack, --region cn "
              "(credits or API price unknown, or left out)");
  }
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
