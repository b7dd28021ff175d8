// bill's rules on the small catalog (acme_catalog.h; every figure below is from its header):
// bought items at their price, needs drawn from what is bought first, the API for the rest, the
// prepaid spend shared out by credits used, and the agreement with `recommend`.
#include <gtest/gtest.h>

#include "acme_catalog.h"
#include "core/error.h"
#include "pricing/bill.h"

namespace vidcost {
namespace {

Market intl_market() { return Market{&testing::acme_catalog(), testing::kMarketDay, std::nullopt, Currency::USD}; }

Bill bill_of(const std::string& text) { return make_bill(intl_market(), parse_usage("usage.toml", text)); }

const BillItem& item(const Bill& b, BillItem::Kind kind) {
  for (const auto& i : b.items) {
    if (i.kind == kind) return i;
  }
  throw std::runtime_error("no such item");
}

TEST(Bill, PlanCreditsFirstThenTheApi) {
  // 15 clips of 720p@5s a month, 10 credits each = 150 credits; the Pro plan (10 USD) holds
  // 100: ten clips in the app, five on the API at 0.30 x 5 = 1.50 USD each = 7.50 USD.
  // Total 10 + 7.50 = 17.50 USD for 75 s: 17.5 / 75 = 7/30 USD a second.
  const Bill b = bill_of(R"(needs = ["15xacme/1.0/720p@5s"]
[[account]]
provider = "acme"
region = "intl"
plan = "pro"
api = true
)");
  EXPECT_EQ(b.total, Rational(35, 2));
  EXPECT_EQ(b.per_second, Rational(7, 30));
  ASSERT_EQ(b.lines.size(), 1u);
  EXPECT_EQ(b.lines[0].app_clips, 10);
  EXPECT_EQ(b.lines[0].api_clips, 5);
  EXPECT_EQ(b.lines[0].cost, Rational(35, 2));  // the whole plan (all its credits used) + the API
  const BillItem& plan = item(b, BillItem::Kind::Plan);
  EXPECT_EQ(plan.amount, 10);
  EXPECT_EQ(*plan.used, 100);
  EXPECT_EQ(*plan.left, 0);
  EXPECT_EQ(item(b, BillItem::Kind::Api).amount, Rational(15, 2));
  EXPECT_EQ(item(b, BillItem::Kind::Api).quantity, 5);
}

TEST(Bill, UnusedCreditsAreTheirOwnLineAndLinesSumToTheTotal) {
  // Pro (100 credits, 10 USD) and one big pack (500 credits, 50 USD): 600 credits for 60 USD.
  // 20 clips x 10 credits = 200 used: the plan's 100 first, then 100 of the pack.
  // The need's share: 60 x 200 / 600 = 20 USD; unused: 40 USD. Pack credits last 365 days, so
  // the 400 left do not expire this month; the plan has none left.
  const Bill b = bill_of(R"(needs = ["20xacme/1.0/720p@5s"]
[[account]]
provider = "acme"
region = "intl"
plan = "pro"
packs = { big = 1 }
)");
  EXPECT_EQ(b.total, 60);
  EXPECT_EQ(b.lines[0].cost, 20);
  EXPECT_EQ(item(b, BillItem::Kind::Unused).amount, 40);
  const BillItem& pack = item(b, BillItem::Kind::Pack);
  EXPECT_EQ(*pack.used, 100);
  EXPECT_EQ(*pack.left, 400);
  EXPECT_EQ(*pack.expiring, 0);
  Rational sum = 0;
  for (const auto& l : b.lines) sum += l.cost;
  sum += item(b, BillItem::Kind::Unused).amount;
  EXPECT_EQ(sum, b.total);
  // recommend: Pro (10 USD, 100 credits) + two top-ups (10 USD, 80 credits) + the last two
  // clips on the API (2 x 1.50) = 23 USD; the saving is 60 - 23 = 37.
  ASSERT_TRUE(b.recommended);
  EXPECT_EQ(b.recommended->total, 23);
  EXPECT_EQ(*b.saving, 37);
}

TEST(Bill, AgreesWithRecommendWhenItBuysWhatRecommendRecommends) {
  // For each need, bill what recommend recommends and get recommend's total back exactly.
  for (const std::string need : {"15xacme/1.0/720p@5s", "20xacme/1.0/720p@5s", "7xacme/1.0/1080p@5s",
                                 "40xacme/1.0/720p@10s"}) {
    RecommendRequest r;
    r.needs = {parse_need(need)};
    const Market market = intl_market();
    Market intl = market;
    intl.region = Region::Intl;
    const RecommendResult rec = recommend(intl, r);
    std::string text = "needs = [\"" + need + "\"]\n[[account]]\nprovider = \"acme\"\nregion = \"intl\"\n";
    std::string packs, api_packs;
    bool api = false;
    for (const auto& i : rec.best.items) {
      if (i.kind == RecommendedItem::Kind::Plan) text += "plan = \"" + i.id + "\"\n";
      if (i.kind == RecommendedItem::Kind::Pack) packs += (packs.empty() ? "" : ", ") + i.id + " = " + std::to_string(i.quantity);
      if (i.kind == RecommendedItem::Kind::ApiPack) api_packs += (api_packs.empty() ? "" : ", ") + i.id + " = " + std::to_string(i.quantity);
      if (i.kind == RecommendedItem::Kind::Api) api = true;
    }
    if (!packs.empty()) text += "packs = { " + packs + " }\n";
    if (!api_packs.empty()) text += "api_packs = { " + api_packs + " }\n";
    if (api) text += "api = true\n";
    const Bill b = make_bill(intl, parse_usage("usage.toml", text));
    EXPECT_EQ(b.total, rec.best.total) << need << "\n" << text;
    ASSERT_TRUE(b.saving) << need;
    EXPECT_EQ(*b.saving, 0) << need;
  }
}

TEST(Bill, ApiUnitPacksThenUnitsAsYouGo) {
  // 100 clips of 1080p@5s, 3 units each = 300 units. One starter pack (20 USD, 250 units),
  // the other 50 units as you go at 0.10 USD = 5 USD. Total 25 USD.
  const Bill b = bill_of(R"(needs = ["100xacme/1.0/1080p@5s"]
[[account]]
provider = "acme"
region = "intl"
api_packs = { starter = 1 }
api = true
)");
  EXPECT_EQ(b.total, 25);
  EXPECT_EQ(b.lines[0].cost, 25);
  EXPECT_EQ(*item(b, BillItem::Kind::ApiPack).used, 250);
}

TEST(Bill, AQuarterlyOrYearlyPlanCostsItsShareOfAMonth) {
  // Pro (annual): 96 USD a year = 8 USD a month, 100 credits a month; 10 clips use them all.
  const Bill b = bill_of(R"(needs = ["10xacme/1.0/720p@5s"]
[[account]]
provider = "acme"
region = "intl"
plan = "pro-annual"
)");
  EXPECT_EQ(b.total, 8);
}

TEST(Bill, BadUsageNamesTheFileLineAndWhatWouldServe) {
  auto message = [](const std::string& text) {
    try {
      bill_of(text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("needs = [\"1xacme/1.0/720p@5s\"]\n[[account]]\nprovider = \"acme\"\nregion = \"intl\"\nplan = \"gold\"\n"),
            "usage.toml:5:8: plan 'gold' of acme is sold in the cn market, not intl; give it its own [[account]] with "
            "region = \"cn\"");
  EXPECT_EQ(message("needs = [\"1xacme/1.0/720p@5s\"]\n[[account]]\nprovider = \"acme\"\nregion = \"intl\"\nplan = \"proo\"\n"),
            "usage.toml:5:8: acme has no plan 'proo' in the intl market on 2026-11-28 (did you mean 'pro'?)");
  EXPECT_EQ(message("needs = [\"1xacme/1.0/1080p@5s\"]\n[[account]]\nprovider = \"acme\"\nregion = \"intl\"\nplan = \"pro\"\n"),
            "usage.toml:1:10: need '1xacme/1.0/1080p@5s': nothing the usage file buys can make it; it can be made on "
            "acme (intl) (API, API packs)");
  EXPECT_EQ(message("needs = [\"11xacme/1.0/720p@5s\"]\n[[account]]\nprovider = \"acme\"\nregion = \"intl\"\nplan = \"pro\"\n"),
            "usage.toml:1:10: need '11xacme/1.0/720p@5s' is more than the credits and units bought a month; buy more "
            "packs, or set api = true on the account to pay for the rest as you go");
  // The form is checked before the catalog: every problem at once, exit 2 as input.
  try {
    parse_usage("usage.toml", "needs = [3]\n[[account]]\nprovider = \"acme\"\nregion = \"moon\"\npacks = { big = 0 }\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.problems().size(), 3u);
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
  }
}

}  // namespace
}  // namespace vidcost
