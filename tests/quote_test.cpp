// Per-second prices against hand-computed values; the arithmetic is in each comment.
#include <gtest/gtest.h>

#include "pricing/quote.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

const Date kDay = *Date::parse("2026-11-28");

Generation gen(const std::string& spec) {
  return resolve_generations(testing::shipped_catalog(), parse_spec_pattern(spec), kDay, true).at(0);
}

QuoteOptions options(Rational utilization = 1, PriceBasisChoice basis = PriceBasisChoice::Renewal) {
  return {kDay, utilization, std::nullopt, std::nullopt, basis};
}

// The quote of `g` on the offer of `kind` named `id`; the offer must sell it.
Quote quote(const Generation& g, OfferKind kind, const std::string& id, Rational utilization = 1,
            PriceBasisChoice basis = PriceBasisChoice::Renewal) {
  auto q = quote_offer(g, find_offer(*g.provider, kind, id, kDay), options(utilization, basis));
  if (!q) throw std::runtime_error(id + " does not sell " + g.spec());
  return *q;
}

TEST(QuotePlan, KlingInternationalProAtItsRenewalPrice) {
  // The default basis is what a continuing customer pays: the auto-renewal price 32.56 USD.
  // 32.56 USD / 3000 credits = 407/37500 USD per credit; x 35 credits = 2849/7500 USD per clip;
  // / 5 s = 2849/37500 USD per second = 0.075973... -> 0.0760.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "pro");
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.credit_price()->value, Rational(407, 37500));
  EXPECT_EQ(q.price->clip.value, Rational(2849, 7500));
  EXPECT_EQ(q.price->per_second.value, Rational(2849, 37500));
  EXPECT_EQ(q.price->per_second.currency, Currency::USD);
  EXPECT_EQ(q.derivation(), "32.56 USD / 3000 cr x 35 cr / 5 s");
  // Kling 2.1's credits per clip are medium confidence (a reseller's table).
  EXPECT_EQ(q.trust.confidence, Confidence::Medium);
}

TEST(QuotePlan, KlingInternationalProAtItsListPrice) {
  // 37 USD / 3000 credits = 37/3000 USD per credit; x 35 credits = 259/600 USD per clip;
  // / 5 s = 259/3000 USD per second = 0.08633... -> 0.0863.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "pro", 1, PriceBasisChoice::List);
  EXPECT_EQ(q.credit_price()->value, Rational(37, 3000));
  EXPECT_EQ(q.price->clip.value, Rational(259, 600));
  EXPECT_EQ(q.price->per_second.value, Rational(259, 3000));
  EXPECT_EQ(q.derivation(), "37 USD / 3000 cr x 35 cr / 5 s");
}

TEST(QuotePlan, KlingInternationalProAtItsFirstMonthPrice) {
  // First month 25.99 USD: 25.99 / 3000 x 35 / 5 = 25.99 x 7 / 3000 = 181.93 / 3000
  // = 18193/300000 USD/s.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "pro", 1, PriceBasisChoice::First);
  EXPECT_EQ(q.price->per_second.value, Rational(18193, 300000));
}

TEST(QuotePlan, KlingChinaPlatinumIsInferred) {
  // Auto-renewal 234 CNY / 3000 credits x 35 credits / 5 s = 234 x 7 / 3000 = 1638/3000
  // = 273/500 CNY/s = 0.546. The 5 s credits of 2.1 pro are derived from the 10 s figure.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "platinum");
  EXPECT_EQ(q.price->per_second.value, Rational(273, 500));
  EXPECT_EQ(q.price->per_second.currency, Currency::CNY);
  EXPECT_TRUE(q.trust.inferred);
  EXPECT_EQ(q.trust.confidence, Confidence::Medium);
}

TEST(QuotePlan, AnnualPlanSpreadsTwelveMonthsOfCredits) {
  // 293.04 USD / (12 x 3000) credits x 35 / 5 s = 293.04 x 7 / 36000 = 2051.28 / 36000
  // = 0.05698 USD/s.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "pro-annual");
  EXPECT_EQ(*q.offer_credits(), Rational(36000));
  EXPECT_EQ(q.price->per_second.value, Rational(205128, 3600000));
}

TEST(QuotePlan, UtilizationDividesThePrice) {
  // At list price: 259/3000 / 0.8 = 259/2400 USD/s; the clip the same way: 259/600 / 0.8 =
  // 259/480, and 259/480 / 5 s = 259/2400, so clip and per-second prices agree.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "pro", Rational(4, 5), PriceBasisChoice::List);
  EXPECT_EQ(q.price->per_second.value, Rational(259, 2400));
  EXPECT_EQ(q.price->clip.value, Rational(259, 480));
  EXPECT_EQ(q.derivation(), "37 USD / 3000 cr x 35 cr / 5 s / U 0.8");
}

TEST(QuotePack, BonusCreditsCount) {
  // 50 USD / (3300 + 200) credits x 35 credits / 5 s = 50 x 7 / 3500 = 0.1 USD/s exactly.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Pack, "topup-50");
  EXPECT_EQ(q.price->per_second.value, Rational(1, 10));
}

TEST(QuoteApi, UnitsTimesUnitPrice) {
  // 3.5 units x 0.14 USD / 5 s = 0.49 / 5 = 0.098 USD/s.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Api, "intl");
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.price->clip.value, Rational(49, 100));
  EXPECT_EQ(q.price->per_second.value, Rational(98, 1000));
}

TEST(QuoteApi, PerClipPrice) {
  // Hailuo 02 768p 6 s: 0.28 USD / 6 s = 7/150 USD/s = 0.0467.
  const Generation g = gen("hailuo/02/768p@6s");
  const Quote q = quote(g, OfferKind::Api, "intl");
  EXPECT_EQ(q.price->per_second.value, Rational(7, 150));
}

TEST(QuoteApiPack, PackPricePerUnit) {
  // Kling trial pack: 9.79 USD / 100 units x 2.5 units / 5 s = 0.04895 USD/s, shown 0.0490 (half-even).
  const Generation g = gen("kling/2.5-turbo/pro@5s");
  const Quote q = quote(g, OfferKind::ApiPack, "trial-100");
  EXPECT_EQ(q.price->per_second.value, Rational(4895, 100000));
  EXPECT_EQ(format_fixed(q.price->per_second.value, 4), "0.0490");
}

TEST(QuoteUnpriced, UnknownFiguresNeverBecomeZero) {
  // Jimeng's tiers are priced since the credits were sourced; its App Store packs still are not.
  const Generation g = gen("jimeng/3.0/1080p@5s");
  const Quote q = quote(g, OfferKind::Pack, "credits-50");
  EXPECT_FALSE(q.priced());
  EXPECT_FALSE(q.price);
  EXPECT_EQ(q.unpriced_reason, "pack credits unknown: the App Store lists the price but not the credit count");
  const Generation h = gen("hailuo/2.3-fast/768p@6s");
  const Quote qh = quote(h, OfferKind::Plan, "standard");
  EXPECT_EQ(qh.unpriced_reason, "in-app credits per clip unknown: no source gives the in-app credits of 2.3 Fast");
}

TEST(QuoteAll, ApiOnlyModesHaveNoPlanRows) {
  const Generation g = gen("kling/2.6/pro-audio-voice@5s");
  const auto quotes = quote_all(g, options());
  ASSERT_FALSE(quotes.empty());
  for (const auto& q : quotes) {
    EXPECT_TRUE(q.kind == OfferKind::Api || q.kind == OfferKind::ApiPack) << q.offer_id;
  }
}

TEST(QuoteAll, RegionFilter) {
  const Generation g = gen("kling/2.1/pro@5s");
  QuoteOptions o = options();
  o.region = Region::CN;
  const auto quotes = quote_all(g, o);
  ASSERT_FALSE(quotes.empty());
  for (const auto& q : quotes) EXPECT_EQ(q.region, Region::CN) << q.offer_id;
  EXPECT_LT(quotes.size(), quote_all(g, options()).size());
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(QuoteTrust, NamesItsOldestFigureAndKeepsEachSourceOnce) {
  // A plan quote rests on the plan and on the mode's credits per clip. Whichever is older is the
  // one named; both names are written only when asked for.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "pro");
  const Provenance& plan = std::get<const Plan*>(find_offer(*g.provider, OfferKind::Plan, "pro", kDay).entry)->provenance;
  const Provenance& mode = g.mode->provenance;
  const bool plan_older = plan.as_of < mode.as_of;
  EXPECT_EQ(q.trust.as_of, plan_older ? plan.as_of : mode.as_of);
  EXPECT_EQ(q.trust.oldest.str(), plan_older ? "plan pro of kling" : "credits per clip of kling/2.1/pro@5s");
  std::vector<std::string_view> expected{plan.source};
  if (mode.source != plan.source) expected.push_back(mode.source);
  EXPECT_EQ(std::vector<std::string_view>(q.trust.sources.begin(), q.trust.sources.end()), expected);
  // The keys are the catalog's own text, not copies of it.
  EXPECT_EQ(q.trust.sources.front().data(), plan.source.data());
  EXPECT_EQ(q.offer_id.data(), std::get<const Plan*>(find_offer(*g.provider, OfferKind::Plan, "pro", kDay).entry)->id.data());
}

TEST(FigureName, WritesEachFormAsItsWords) {
  const Generation g = gen("hailuo/02/768p@6s");
  EXPECT_EQ(FigureName::offer("api-pack", "business", *g.provider).str(), "api-pack business of hailuo");
  EXPECT_EQ(FigureName::of_generation("API price of", g).str(), "API price of hailuo/02/768p@6s");
  EXPECT_EQ(FigureName("GPU price h100").str(), "GPU price h100");
  EXPECT_TRUE(FigureName().empty());
  EXPECT_TRUE(FigureName("").empty());
  std::string out = "the oldest: ";
  FigureName::of_generation("credits per clip of", g).append_to(out);
  EXPECT_EQ(out, "the oldest: credits per clip of hailuo/02/768p@6s");
}

TEST(FigureName, AnInferredFigureIsNamedInTheTrustAsText) {
  // Kling China's 2.1 pro 5 s credits are derived from the 10 s figure: inferred, so named.
  const Generation g = gen("kling/2.1/pro@5s");
  const Quote q = quote(g, OfferKind::Plan, "platinum");
  ASSERT_TRUE(q.trust.inferred);
  EXPECT_NE(std::find(q.trust.inferred_figures.begin(), q.trust.inferred_figures.end(),
                      "credits per clip of kling/2.1/pro@5s"),
            q.trust.inferred_figures.end());
}

}  // namespace
}  // namespace vidcost
