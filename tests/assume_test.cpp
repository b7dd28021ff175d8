// --assume: one field of one catalog entry set in memory, on every version of the entry, and
// cited as the entry's source; keys that name nothing and values of the wrong kind refused.
#include <gtest/gtest.h>

#include "acme_catalog.h"
#include "catalog/assume.h"
#include "core/error.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

Catalog assumed(const std::string& text) {
  Catalog c = testing::acme_catalog();
  apply_assumption(c, parse_assumption(text));
  return c;
}

std::string refusal(const std::string& text) {
  try {
    assumed(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

TEST(Assume, SetsTheFieldOnEveryVersionAndCitesItself) {
  const Catalog c = assumed("acme.plan.pro.credits_per_month=200");
  int versions = 0;
  for (const auto& plan : c.providers.front().plans) {
    if (plan.id != "pro") continue;
    ++versions;
    EXPECT_EQ(*plan.credits_per_month.value, 200);
    EXPECT_EQ(plan.provenance.source, "assumed: acme.plan.pro.credits_per_month=200");
  }
  EXPECT_EQ(versions, 2);  // 10 USD until 2027, 12 USD after
}

TEST(Assume, PricesFollowTheAssumption) {
  // Pro at 10 USD with 200 credits: 0.05 USD a credit; 720p@5s is 10 credits: 0.50 USD a clip,
  // 0.10 USD a second (half the catalog's 0.20).
  const Catalog c = assumed("acme.plan.pro.credits_per_month=200");
  const Provider& p = c.providers.front();
  const Generation g{&p, &p.models[0], &p.models[0].modes[0], 5};
  const auto offers = offers_of(p, testing::kMarketDay, OfferKind::Plan, Region::Intl);
  const auto q = quote_offer(g, offers.front(), QuoteOptions{testing::kMarketDay, 1, std::nullopt, std::nullopt});
  ASSERT_TRUE(q && q->priced());
  EXPECT_EQ(q->price->per_second.value, Rational(1, 10));
  EXPECT_NE(std::find(q->trust.sources.begin(), q->trust.sources.end(), "assumed: acme.plan.pro.credits_per_month=200"),
            q->trust.sources.end());
}

TEST(Assume, AmountsRatesAndModeCredits) {
  EXPECT_EQ(assumed("acme.api.intl.unit_price=0.12USD").providers.front().apis.front().unit_price->value, Rational(3, 25));
  EXPECT_EQ(assumed("acme.api.intl.unit_price=0.12 USD").providers.front().apis.front().unit_price->value, Rational(3, 25));
  EXPECT_EQ(assumed("acme.rate.intl/1.0/720p.per_second=0.25").providers.front().apis.front().rates.front().per_second->value,
            Rational(1, 4));
  EXPECT_EQ(assumed("acme.mode.1.0/720p.credits@10s=15").providers.front().models[0].modes[0].credits.value->at(10), 15);
  EXPECT_EQ(assumed("acme.pack.big.credits=600").providers.front().packs[1].credits.value, Rational(600));
}

TEST(Assume, RefusesKeysThatNameNothingAndValuesOfTheWrongKind) {
  EXPECT_EQ(refusal("acme.plan.proo.price=3"), "--assume acme.plan.proo.price=3: acme has no plan 'proo' (did you mean 'pro'?)");
  EXPECT_EQ(refusal("acmee.plan.pro.price=3"), "--assume acmee.plan.pro.price=3: no provider 'acmee' in the catalog (did you mean 'acme'?)");
  EXPECT_EQ(refusal("acme.plan.pro.prise=3"),
            "--assume acme.plan.pro.prise=3: a plan has no field 'prise' an assumption can set; use price, list_price, "
            "renewal_price, first_month_price, credits_per_month (did you mean 'price'?)");
  EXPECT_EQ(refusal("acme.plan.pro.price=3CNY"),
            "--assume acme.plan.pro.price=3CNY: the entry is priced in USD, not CNY; give the amount in USD");
  EXPECT_EQ(refusal("acme.plan.pro.credits_per_month=-5"),
            "--assume acme.plan.pro.credits_per_month=-5: credits_per_month must be more than zero");
  EXPECT_EQ(refusal("acme.plan.pro.price=cheap"), "--assume acme.plan.pro.price=cheap: 'cheap' is not an amount");
  EXPECT_EQ(refusal("acme.mode.1.0/720p.credits@7s=3"), "--assume acme.mode.1.0/720p.credits@7s=3: mode 1.0/720p makes no 7-second clips");
  EXPECT_EQ(refusal("acme.plans.pro.price=3"),
            "--assume acme.plans.pro.price=3: 'plans' is not a kind of entry; use plan, pack, api, api_pack, mode, rate "
            "(did you mean 'plan'?)");
  EXPECT_THROW(parse_assumption("acme.plan.pro"), Error);
  EXPECT_THROW(parse_assumption("acme.plan=3"), Error);
}

}  // namespace
}  // namespace vidcost
