#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "catalog/schema.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

using testing::shipped_catalog;

TEST(ShippedCatalog, Validates) {
  const LoadResult result = load_catalog({std::string(VIDCOST_REPO_ROOT) + "/pricing"});
  for (const auto& p : result.problems) ADD_FAILURE() << p.to_string();
  EXPECT_EQ(result.catalog.providers.size(), 12u);
  EXPECT_GE(result.catalog.fx.rates().size(), 1u);
}

TEST(ShippedCatalog, HasTheRequiredIds) {
  const Catalog& c = shipped_catalog();
  const Date today = *Date::parse("2026-11-28");
  for (const char* p : {"kling", "jimeng", "hailuo"}) EXPECT_TRUE(c.find_provider(p)) << p;
  const Provider& kling = *c.find_provider("kling");
  for (const char* m : {"1.6", "2.0", "2.1", "2.5-turbo", "2.6"}) EXPECT_TRUE(find_model(kling, m)) << m;
  for (const char* plan : {"standard", "pro", "premier", "ultra", "gold", "platinum", "diamond", "black-gold",
                           "standard-annual", "pro-annual", "premier-annual", "ultra-annual"}) {
    EXPECT_TRUE(find_plan(kling, plan, today)) << plan;
  }
  EXPECT_EQ(find_plan(kling, "铂金会员", today), find_plan(kling, "platinum", today));
  EXPECT_EQ(find_model(kling, "2.5"), find_model(kling, "2.5-turbo"));
  const Model& k21 = *find_model(kling, "2.1");
  for (const char* mode : {"std", "pro", "master"}) EXPECT_TRUE(find_mode(k21, mode, today)) << mode;
  const Provider& hailuo = *c.find_provider("hailuo");
  for (const char* m : {"02", "2.3", "2.3-fast"}) EXPECT_TRUE(find_model(hailuo, m)) << m;
  for (const char* mode : {"512p", "768p", "1080p"}) EXPECT_TRUE(find_mode(*find_model(hailuo, "02"), mode, today));
}

TEST(ShippedCatalog, EveryFigureHasProvenance) {
  for (const auto& p : shipped_catalog().providers) {
    for (const auto& plan : p.plans) {
      EXPECT_FALSE(plan.provenance.source.empty()) << plan.id;
      EXPECT_GT(plan.provenance.as_of.year, 2024) << plan.id;
    }
    for (const auto& model : p.models) {
      for (const auto& mode : model.modes) EXPECT_FALSE(mode.provenance.source.empty()) << mode.id;
    }
    for (const auto& api : p.apis) {
      for (const auto& rate : api.rates) EXPECT_FALSE(rate.provenance.source.empty()) << rate.model;
    }
  }
}

TEST(ShippedCatalog, ReadsFiguresExactly) {
  const Catalog& c = shipped_catalog();
  const Date today = *Date::parse("2026-11-28");
  const Plan& pro = *find_plan(*c.find_provider("kling"), "pro", today);
  EXPECT_EQ(pro.price.value->value, Rational(37));
  EXPECT_EQ(pro.price.value->currency, Currency::USD);
  EXPECT_EQ(*pro.credits_per_month.value, Rational(3000));
  EXPECT_EQ(pro.renewal_price->value, Rational(3256, 100));
  const ApiOffer& api = *find_api(*c.find_provider("kling"), "intl", today);
  EXPECT_EQ(api.unit_price->value, Rational(14, 100));
  // Jimeng cut the credits of its tiers in April 2026: the same tier id has two windows.
  const Plan& jimeng = *find_plan(*c.find_provider("jimeng"), "basic", today);
  EXPECT_EQ(*jimeng.credits_per_month.value, Rational(725));
  const Plan& before = *find_plan(*c.find_provider("jimeng"), "basic", *Date::parse("2026-04-01"));
  EXPECT_EQ(*before.credits_per_month.value, Rational(1080));
}

TEST(Loader, AcceptsAFloatThatRoundTrips) {
  const std::string path = ::testing::TempDir() + "/float_ok.toml";
  std::ifstream base(std::string(VIDCOST_TEST_DATA) + "/fixtures/base_provider.toml");
  std::stringstream text;
  text << base.rdbuf();
  std::string s = text.str();
  s.replace(s.find("price = \"10.00\""), 15, "price = 9.99");
  std::ofstream(path) << s;
  const LoadResult r = load_catalog({path});
  ASSERT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems[0].to_string());
  EXPECT_EQ(r.catalog.providers[0].plans[0].price.value->value, Rational(999, 100));
}

TEST(Loader, ReportsEveryProblemNotOnlyTheFirst) {
  const LoadResult r = load_catalog({std::string(VIDCOST_TEST_DATA) + "/fixtures/bad"});
  // Each of the fixtures has at least one problem, and syntax errors do not stop the other files.
  EXPECT_GE(r.problems.size(), 30u);
}

TEST(Loader, MissingPathIsAProblem) {
  const LoadResult r = load_catalog({"/no/such/catalog"});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(), "/no/such/catalog: cannot read: No such file or directory");
}

TEST(Schema, DocsAreGeneratedFromIt) {
  std::ifstream doc(std::string(VIDCOST_REPO_ROOT) + "/docs/catalog.md");
  std::stringstream text;
  text << doc.rdbuf();
  EXPECT_NE(text.str().find(schema_markdown()), std::string::npos)
      << "docs/catalog.md is out of date: paste the output of 'vidcost catalog schema' into it";
}

TEST(Schema, KnowsEveryTable) {
  for (const char* name : {"[provider]", "[[plan]]", "[[pack]]", "[[model]]", "[[model.mode]]", "[[api]]",
                           "[[api.rate]]", "[[api_pack]]", "[free]", "[[rate]]"}) {
    EXPECT_NO_THROW(table_schema(name)) << name;
  }
  EXPECT_TRUE(table_schema("[[plan]]").find("source"));
  EXPECT_TRUE(table_schema("[[plan]]").find("price")->required);
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(ExchangeRates, TwoRatesForOnePairOnOneDayAreAnError) {
  // The second would silently lose to the first; the direction of the pair does not matter.
  const char* fx = R"([[rate]]
base = "USD"
quote = "CNY"
rate = "7.1"
date = 2026-01-08
source = "https://example.org/a"
as_of = 2026-01-08
confidence = "high"

[[rate]]
base = "CNY"
quote = "USD"
rate = "0.14"
date = 2026-01-08
source = "https://example.org/b"
as_of = 2026-01-08
confidence = "high"
)";
  const LoadResult r = load_catalog_texts({{"fx.toml", fx}}, {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(),
            "fx.toml:14:8: [[rate]]: field 'date' has a rate for CNY/USD on 2026-01-08 already (from "
            "https://example.org/a)");
}

}  // namespace
}  // namespace vidcost
