// The whole market beyond the three core providers: token-billed Seedance, per-second and
// per-clip APIs, credit units of different worth, dated price changes.
#include <gtest/gtest.h>

#include "pricing/quote.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

const Date kToday = *Date::parse("2026-11-28");

Generation generation(const std::string& provider, const std::string& model, const std::string& mode, int seconds,
                      const Date& on = kToday) {
  const Catalog& c = testing::shipped_catalog();
  const Provider* p = c.find_provider(provider);
  const Model* m = find_model(*p, model);
  return Generation{p, m, find_mode(*m, mode, on), seconds};
}

Quote api_quote(const std::string& provider, const std::string& model, const std::string& mode, int seconds,
                const std::string& api, const Date& on = kToday) {
  const Generation g = generation(provider, model, mode, seconds, on);
  auto q = quote_offer(g, find_offer(*g.provider, OfferKind::Api, api, on), {on, 1, std::nullopt, std::nullopt});
  if (!q || !q->priced()) throw std::runtime_error("no API price for " + g.spec());
  return *q;
}

TEST(Market, ShippedCatalogValidates) {
  const LoadResult r = load_catalog({std::string(VIDCOST_REPO_ROOT) + "/pricing"});
  EXPECT_TRUE(r.ok()) << r.problems.front().to_string();
  for (const char* id : {"kling", "jimeng", "hailuo", "seedance", "openai", "google", "runway", "pika", "pixverse",
                         "vidu", "dreamina", "baidu"}) {
    EXPECT_NE(r.catalog.find_provider(id), nullptr) << id;
  }
}

TEST(Market, SeedanceTokensReproduceBytePlusSampleUsage) {
  // BytePlus's sample: 1080p 16:9, 5 s = 246 840 tokens. Coded 1920 x 1088, 24 fps:
  // 1920 x 1088 x (24 x 5 + 1) / 1024 = 2 088 960 x 121 / 1024 = 246 840.
  const Generation g = generation("seedance", "1.0-pro", "1080p", 5);
  EXPECT_EQ(*clip_tokens(*g.mode, 5), Rational(246840));
  // 720p: 1280 x 720 x 121 / 1024 = 108 900.
  EXPECT_EQ(*clip_tokens(*generation("seedance", "1.0-pro", "720p", 5).mode, 5), Rational(108900));
  // BytePlus 2.5 USD per million: 246 840 x 2.5 / 1e6 = 0.6171 USD a clip, 0.12342 USD/s.
  const Quote usd = api_quote("seedance", "1.0-pro", "1080p", 5, "byteplus");
  EXPECT_EQ(*usd.tokens_per_clip(), Rational(246840));
  EXPECT_EQ(usd.price->clip.value, Rational(6171, 10000));
  EXPECT_EQ(usd.price->per_second.value, Rational(6171, 50000));
  EXPECT_EQ(usd.derivation(), "246840 tokens x 2.5 USD/M tokens / 5 s");
  // Volcengine Ark 15 CNY per million: 246 840 x 15 / 1e6 = 3.7026 CNY, 0.74052 CNY/s (the seed's
  // "a few tenths of a yuan" a second).
  const Quote cny = api_quote("seedance", "1.0-pro", "1080p", 5, "ark");
  EXPECT_EQ(cny.price->clip.value, Rational(37026, 10000));
  EXPECT_EQ(cny.price->per_second.value, Rational(37026, 50000));
}

TEST(Market, PerSecondPerClipAndCreditUnits) {
  // Sora 2 (its API closed on 2026-09-01, so priced on a date it was open): 0.10 USD/s x 8 s = 0.80 a clip.
  const Date sora_open = *Date::parse("2026-06-01");
  EXPECT_EQ(api_quote("openai", "sora-2", "720p", 8, "api", sora_open).price->clip.value, Rational(8, 10));
  // Sora 2 Pro at 1792x1024: 0.50 USD/s.
  EXPECT_EQ(api_quote("openai", "sora-2-pro", "1024p", 12, "api", sora_open).price->per_second.value, Rational(1, 2));
  // Pika 2.2 1080p 10 s = 1.00 USD: 0.10 USD/s.
  EXPECT_EQ(api_quote("pika", "2.2", "1080p", 10, "api").price->per_second.value, Rational(1, 10));
  // Runway Gen-4 Turbo 5 s = 0.25 USD: 0.05 USD/s.
  EXPECT_EQ(api_quote("runway", "gen-4-turbo", "720p", 5, "api").price->per_second.value, Rational(1, 20));
  // Runway Gen-4.5: 60 credits x 0.01 USD = 0.60 a 5 s clip, 0.12 USD/s.
  EXPECT_EQ(api_quote("runway", "gen-4.5", "720p", 5, "api").price->per_second.value, Rational(12, 100));
  // Vidu credits are two units: China 8 x 0.3125 CNY = 2.50 CNY; international 80 x 0.005 USD = 0.40 USD.
  EXPECT_EQ(api_quote("vidu", "q1", "1080p", 5, "cn").price->clip.value, Rational(5, 2));
  EXPECT_EQ(api_quote("vidu", "q1", "1080p", 5, "cn").currency, Currency::CNY);
  EXPECT_EQ(api_quote("vidu", "q1", "1080p", 5, "intl").price->clip.value, Rational(2, 5));
  // PixVerse fast = 2 x normal: 720p 5 s 1.20 USD vs 0.60.
  EXPECT_EQ(api_quote("pixverse", "api", "720p-fast", 5, "api").price->clip.value,
            api_quote("pixverse", "api", "720p", 5, "api").price->clip.value * 2);
  // Seedance 2.5 on BytePlus, per second: 1080p 0.569 USD/s.
  EXPECT_EQ(api_quote("seedance", "2.5", "1080p", 5, "byteplus").price->per_second.value, Rational(569, 1000));
}

TEST(Market, Veo31FastPriceCutIsDated) {
  EXPECT_EQ(api_quote("google", "veo-3.1-fast", "audio", 8, "vertex", *Date::parse("2026-08-20")).price->per_second.value,
            Rational(15, 100));
  EXPECT_EQ(api_quote("google", "veo-3.1-fast", "audio", 8, "vertex", *Date::parse("2026-08-21")).price->per_second.value,
            Rational(10, 100));
}

TEST(Market, DreaminaPlansPriceSeedanceInTheirOwnCredits) {
  // Basic: 15 USD / 1575 credits x 185 credits / 5 s = 2775 / 7875 = 37/105 USD/s.
  const Generation g = generation("dreamina", "seedance-2.5", "720p", 5);
  const Quote q =
      *quote_offer(g, find_offer(*g.provider, OfferKind::Plan, "basic", kToday), {kToday, 1, std::nullopt, std::nullopt});
  EXPECT_EQ(q.price->per_second.value, Rational(37, 105));
  EXPECT_EQ(q.trust.confidence, Confidence::Low);
  EXPECT_TRUE(q.trust.inferred);
}

}  // namespace
}  // namespace vidcost
