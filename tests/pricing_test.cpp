// The pricing rules on a small catalog written for them (acme_catalog.h, where the figures
// are): offer lookups, price, compare's ranking, break-even lines and history. Every expected
// value is worked out by hand in a comment.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "acme_catalog.h"
#include "core/error.h"
#include "pricing/breakeven.h"
#include "pricing/compare.h"
#include "pricing/history.h"
#include "pricing/price.h"

namespace vidcost {
namespace {

using testing::acme_catalog;
using testing::kMarketDay;

Market market(std::optional<Region> region = {}, std::optional<Currency> display = {}) {
  return Market{&acme_catalog(), kMarketDay, region, display};
}

const Provider& acme() { return *acme_catalog().find_provider("acme"); }

std::vector<std::string> offer_ids(const std::vector<Quote>& quotes) {
  std::vector<std::string> ids;
  for (const auto& q : quotes) ids.push_back(q.generation.spec() + " " + std::string(offer_kind_name(q.kind)) + " " +
                                             std::string(q.offer_id));
  return ids;
}

std::vector<std::string> offer_ids(const std::vector<const Quote*>& quotes) {
  std::vector<std::string> ids;
  for (const Quote* q : quotes) ids.push_back(q->generation.spec() + " " + std::string(offer_kind_name(q->kind)) + " " +
                                              std::string(q->offer_id));
  return ids;
}

TEST(OfferTable, NamesEveryKindOnce) {
  EXPECT_EQ(offer_kind_names(), (std::vector<std::string>{"plan", "pack", "api", "api-pack"}));
  for (const auto& info : offer_kinds()) {
    EXPECT_EQ(parse_offer_kind(info.name), info.kind);
    EXPECT_EQ(&offer_kind(info.kind), &info);
  }
  EXPECT_EQ(offer_kind(OfferKind::ApiPack).catalog_key, "api_pack");
  EXPECT_FALSE(parse_offer_kind("plans"));
}

TEST(OfferTable, FindsAnOfferByIdOrAliasInForce) {
  EXPECT_EQ(find_offer(acme(), OfferKind::Plan, "黄金", kMarketDay).id(), "gold");
  // Two entries share the id "pro": the one in force on the day is found.
  const Plan& now = *std::get<const Plan*>(find_offer(acme(), OfferKind::Plan, "pro", kMarketDay).entry);
  EXPECT_EQ(now.price.value->value, Rational(10));
  const Plan& later = *std::get<const Plan*>(find_offer(acme(), OfferKind::Plan, "pro", Date{2027, 1, 1}).entry);
  EXPECT_EQ(later.price.value->value, Rational(12));
}

TEST(OfferTable, AnUnknownOfferNamesItsKindScopeAndCandidates) {
  try {
    find_offer(acme(), OfferKind::Pack, "topp", kMarketDay);
    FAIL();
  } catch (const Error& e) {
    ASSERT_EQ(e.kind(), ErrorKind::UnknownName);
    EXPECT_EQ(e.unknown_name()->what, "pack");
    EXPECT_EQ(e.unknown_name()->scope, "of acme on 2026-11-28");
    EXPECT_EQ(e.unknown_name()->candidates, (std::vector<std::string>{"topup", "big"}));
  }
}

TEST(OfferTable, AChosenOfferMustBelongToTheRegionAsked) {
  EXPECT_THROW(chosen_offers(acme(), {OfferKind::Plan, "gold"}, kMarketDay, Region::Intl), Error);
  EXPECT_EQ(chosen_offers(acme(), {OfferKind::Plan, "gold"}, kMarketDay, Region::CN).size(), 1u);
  // Every plan of one region: pro and pro-annual in intl.
  EXPECT_EQ(chosen_offers(acme(), {OfferKind::Plan, ""}, kMarketDay, Region::Intl).size(), 2u);
}

TEST(Price, EveryOfferInTableOrder) {
  PriceRequest r;
  r.spec = parse_spec_pattern("acme/1.0/720p@5s");
  const PriceResult result = price(market(), r);
  EXPECT_EQ(offer_ids(result.quotes),
            (std::vector<std::string>{"acme/1.0/720p@5s plan pro", "acme/1.0/720p@5s plan pro-annual",
                                      "acme/1.0/720p@5s plan gold", "acme/1.0/720p@5s pack topup",
                                      "acme/1.0/720p@5s pack big", "acme/1.0/720p@5s api intl"}));
  EXPECT_TRUE(result.unsold.empty());
}

TEST(Price, OneOfferWithUtilization) {
  // Pro at 80% use: 10 USD / 100 cr x 10 cr = 1 USD a clip, / 0.8 = 1.25, / 5 s = 0.25 USD/s.
  PriceRequest r;
  r.spec = parse_spec_pattern("acme/1.0/720p@5s");
  r.offer = {OfferKind::Plan, "pro"};
  r.utilization = Rational(4, 5);
  const auto quotes = price(market(), r).quotes;
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].price->clip.value, Rational(5, 4));
  EXPECT_EQ(quotes[0].price->per_second.value, Rational(1, 4));
  EXPECT_EQ(quotes[0].derivation(), "10 USD / 100 cr x 10 cr / 5 s / U 0.8");
}

TEST(Price, AnApiOnlyModeOnAPlanIsAnError) {
  PriceRequest r;
  r.spec = parse_spec_pattern("acme/1.0/1080p@5s");
  r.offer = {OfferKind::Plan, "pro"};
  try {
    price(market(), r);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_STREQ(e.what(), "acme/1.0/1080p@5s is sold only through the API, not on plans");
  }
}

TEST(Price, AnApiPackPricesItsUnits) {
  // 20 USD / 250 units = 0.08 USD a unit; x 3 units = 0.24 a clip; / 5 s = 0.048 USD/s.
  PriceRequest r;
  r.spec = parse_spec_pattern("acme/1.0/1080p@5s");
  r.offer = {OfferKind::ApiPack, "starter"};
  const auto q = price(market(), r).quotes.at(0);
  EXPECT_EQ(q.price->per_second.value, Rational(48, 1000));
  EXPECT_EQ(q.derivation(), "20 USD / 250 units x 3 units / 5 s");
}

TEST(Price, AProductNoOfferSellsIsListedNotPricedAtZero) {
  PriceRequest r;
  r.spec = parse_spec_pattern("zeta/2.0/pro@5s");
  const PriceResult result = price(market(), r);
  EXPECT_TRUE(result.quotes.empty());
  ASSERT_EQ(result.unsold.size(), 1u);
  EXPECT_EQ(result.unsold[0].reason, "no price known: Zeta publishes no price");
  EXPECT_EQ(result.unsold[0].currency, Currency::CNY);
}

TEST(Compare, CheapestFirstAcrossCurrenciesThenAReadableOrder) {
  // USD per second of 720p, 5 s and 10 s alike (credits double with the length):
  // pro-annual 0.08 x 2 = 0.16; pro 0.10 x 2 = 0.20; big 0.10 x 2 = 0.20; gold 0.77 x 2 = 1.54
  // CNY = 0.22 USD; topup 0.125 x 2 = 0.25; API 0.30. Ties: 5 s before 10 s (as numbers), then
  // plans before packs.
  CompareRequest r;
  r.patterns = {parse_spec_pattern("acme/1.0/720p")};
  const CompareResult result = compare(market(), r);
  EXPECT_EQ(offer_ids(result.priced),
            (std::vector<std::string>{
                "acme/1.0/720p@5s plan pro-annual", "acme/1.0/720p@10s plan pro-annual", "acme/1.0/720p@5s plan pro",
                "acme/1.0/720p@5s pack big", "acme/1.0/720p@10s plan pro", "acme/1.0/720p@10s pack big",
                "acme/1.0/720p@5s plan gold", "acme/1.0/720p@10s plan gold", "acme/1.0/720p@5s pack topup",
                "acme/1.0/720p@10s pack topup", "acme/1.0/720p@5s api intl", "acme/1.0/720p@10s api intl"}));
  EXPECT_TRUE(result.mixed_currencies);
  EXPECT_EQ(result.rank_currency, Currency::USD);
}

TEST(Compare, BestKeepsTheCheapestOfferOfEachGeneration) {
  CompareRequest r;
  r.patterns = {parse_spec_pattern("acme/1.0/720p@5s"), parse_spec_pattern("acme/*/720p")};  // a union
  r.best = true;
  const CompareResult result = compare(market(), r);
  EXPECT_EQ(offer_ids(result.priced),
            (std::vector<std::string>{"acme/1.0/720p@5s plan pro-annual", "acme/1.0/720p@10s plan pro-annual"}));
}

TEST(Compare, PerClipRanksByTheClip) {
  // Per clip at the default (first) length, 5 s: pro-annual 0.80 USD before the API 1.50.
  CompareRequest r;
  r.patterns = {parse_spec_pattern("acme/1.0/720p")};
  r.unit = PriceUnit::Clip;
  r.kind = OfferKind::Api;
  const CompareResult api = compare(market(), r);
  ASSERT_EQ(api.priced.size(), 1u);
  EXPECT_EQ(api.priced[0]->generation.seconds, 5);
  EXPECT_EQ(in_unit(*api.priced[0], PriceUnit::Clip).value, Rational(3, 2));
  EXPECT_EQ(in_unit(*api.priced[0], PriceUnit::Minute).value, Rational(18));  // 0.30 x 60
}

TEST(Compare, UnpricedAndUnsoldComeAfterThePrices) {
  CompareRequest r;
  const CompareResult result = compare(market(Region::CN), r);
  // In China: gold prices 720p; 1080p is API-only (the API is international) so nothing; zeta
  // sells nothing at a known price.
  EXPECT_EQ(offer_ids(result.priced),
            (std::vector<std::string>{"acme/1.0/720p@5s plan gold", "acme/1.0/720p@10s plan gold"}));
  ASSERT_EQ(result.unsold.size(), 1u);
  EXPECT_EQ(result.unsold[0].generation.spec(), "zeta/2.0/pro@5s");
}

TEST(Compare, UnknownProviderAndNoMatchAreErrors) {
  CompareRequest r;
  r.providers = {"acm"};
  EXPECT_THROW(compare(market(), r), Error);
  CompareRequest none;
  none.seconds = 7;
  try {
    compare(market(), none);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
  }
}

TEST(Breakeven, TheCheapestWayAtEachUsageByHand) {
  // acme/1.0/720p@5s internationally, one month: 10 credits a clip. The API: 0.30 x 5 = 1.50 a
  // clip. Packs are whole: topup 40 credits (4 clips) for 5, big 500 credits for 50. Plan pro:
  // 10 for 100 credits (10 clips), then top-ups. Up to 1.5 x 10 = 15 clips.
  //   n = 1..3: the API (1.50 n < 5);   n = 4: one topup (5 < 6, 0 credits left)
  //   n = 5..7: one topup and the rest on the API (6.50, 8.00, 9.50) -- the mix
  //   n = 8: two topups (10; plan pro also 10 but leaves 20 credits)
  //   n = 9..15: plan pro, then 1.50 a clip on the API or a topup: n = 15 is 10 + 5 + 1.50.
  BreakevenRequest r;
  r.provider = "acme";
  r.spec = parse_spec_pattern("acme/1.0/720p@5s");
  const BreakevenResult result = breakeven(market(Region::Intl), r);
  EXPECT_EQ(result.max_clips, 15);
  std::vector<std::string> ranges;
  for (const auto& range : result.ranges) {
    ranges.push_back(fmt::format("{}-{} {}", range.from_clips, range.to_clips, result.curves[range.curve].id));
  }
  EXPECT_EQ(ranges, (std::vector<std::string>{"1-3 api (intl)", "4-4 pack topup (intl)", "5-7 mix (intl)",
                                              "8-8 pack topup (intl)", "9-15 plan pro (intl)"}));
  EXPECT_EQ(result.ranges.back().cost_from, 10);
  EXPECT_EQ(result.ranges.back().cost_to, Rational(33, 2));  // 10 + 5 + 1.50
  EXPECT_EQ(result.ranges[2].cost_to, Rational(19, 2));       // 5 + 3 x 1.50
}

TEST(History, APlanChangeShowsOnItsDay) {
  // Pro: 10 USD until 2027-01-01, then 12: 0.20 -> 0.24 USD a second for 720p@5s.
  const Provider& p = acme();
  QuoteOptions options{kMarketDay, 1, std::nullopt, OfferKind::Plan};
  const auto rows = price_history(p, *find_model(p, "1.0"), "720p", 5, options, Date{2027, 6, 1});
  const auto changed = std::find_if(rows.begin(), rows.end(), [](const HistoryRow& r) {
    return r.event == HistoryEvent::Changed && r.after->offer_id == "pro";
  });
  ASSERT_NE(changed, rows.end());
  EXPECT_EQ(*changed->date, (Date{2027, 1, 1}));
  EXPECT_EQ(changed->before->price->per_second.value, Rational(1, 5));
  EXPECT_EQ(changed->after->price->per_second.value, Rational(6, 25));
}

TEST(History, PatternsMatchAsInCompare) {
  // Every provider's generations at any date: acme 720p@5s, 720p@10s, 1080p@5s, zeta pro@5s.
  EXPECT_EQ(history_targets(acme_catalog(), parse_spec_pattern("*/*/*")).size(), 4u);
  EXPECT_EQ(history_targets(acme_catalog(), parse_spec_pattern("*/*/720p@10s")).size(), 1u);
  EXPECT_THROW(history_targets(acme_catalog(), parse_spec_pattern("acme/9.9/720p")), Error);
  EXPECT_THROW(history_targets(acme_catalog(), parse_spec_pattern("acme/1.0/720p@7s")), Error);
}

}  // namespace
}  // namespace vidcost
