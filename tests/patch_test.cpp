// Updates as patches and reverts: an update changes only what it names, removes only what it
// lists, and a [revert] reads the catalog as if the update it names had not been applied.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/loader.h"
#include "pricing/catalog_diff.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

// A provider with every optional field a careless update could lose: an alias, a first-month
// price, a renewal price; and a price list with two rates.
const char* kBase = R"([provider]
id = "acme"
name = "Acme"

[sources.A1]
title = "Acme price list"
as_of = 2025-01-01

[[plan]]
id = "pro"
name = "Pro"
aliases = ["svip"]
region = "intl"
currency = "USD"
billing = "month"
price = "10.00"
first_month_price = "5.00"
renewal_price = "9.00"
credits_per_month = 100
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[model]]
id = "1.0"
name = "Acme 1"

[[model.mode]]
id = "std"
resolution = "720p"
durations = [5, 10]
credits = { 5 = 10, 10 = 20 }
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[model.mode]]
id = "hd"
resolution = "1080p"
durations = [5]
credits = { 5 = 20 }
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[api]]
id = "intl"
region = "intl"
currency = "USD"
unit_price = "0.10"
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[api.rate]]
model = "1.0"
mode = "std"
units = { 5 = 2, 10 = 4 }

[[api.rate]]
model = "1.0"
mode = "hd"
units = { 5 = 4 }
)";

const char* kHeader = R"([provider]
id = "acme"
name = "Acme"
)";

LoadResult load(const std::vector<std::string>& updates) {
  std::vector<NamedText> named;
  for (std::size_t i = 0; i < updates.size(); ++i) {
    named.push_back({"000" + std::to_string(i + 1) + "-update.toml", updates[i]});
  }
  return load_catalog_texts({{"acme.toml", kBase}}, named);
}

const Plan* plan_on(const Catalog& c, const std::string& id, const char* date) {
  const Provider& p = *c.find_provider("acme");
  const Date d = *Date::parse(date);
  for (const auto& plan : p.plans) {
    if (plan.id == id && plan.provenance.effective.contains(d)) return &plan;
  }
  return nullptr;
}

std::string first_problem(const LoadResult& r) { return r.problems.empty() ? "" : r.problems.front().to_string(); }

// The price changes from 2026-01-01; nothing else is restated.
const std::string kPriceOnly = std::string(kHeader) + R"(
[[plan]]
id = "pro"
price = "12.00"
source = "A1"
as_of = 2025-12-01
confidence = "high"
effective_from = 2026-01-01
effective_from_basis = "change"
)";

TEST(Patch, AnUpdateChangesOnlyWhatItNames) {
  const LoadResult r = load({kPriceOnly});
  ASSERT_TRUE(r.ok()) << first_problem(r);
  const Plan* before = plan_on(r.catalog, "pro", "2025-12-31");
  const Plan* after = plan_on(r.catalog, "pro", "2026-01-01");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(before->price.value->value, Rational(10));
  EXPECT_EQ(after->price.value->value, Rational(12));
  // Carried over: the alias, both promotional prices, the credits, the name.
  EXPECT_EQ(after->aliases, std::vector<std::string>{"svip"});
  ASSERT_TRUE(after->first_month_price);
  EXPECT_EQ(after->first_month_price->value, Rational(5));
  ASSERT_TRUE(after->renewal_price);
  EXPECT_EQ(after->renewal_price->value, Rational(9));
  EXPECT_EQ(*after->credits_per_month.value, Rational(100));
  EXPECT_EQ(after->name, "Pro");
  // The provenance is the update's own.
  EXPECT_EQ(after->provenance.as_of.to_string(), "2025-12-01");
}

TEST(Patch, AFieldGoesOnlyWhenRemovedAndTheDiffSaysSo) {
  const std::string update = std::string(kHeader) + R"(
[[plan]]
id = "pro"
remove = ["first_month_price", "aliases"]
source = "A1"
as_of = 2025-12-01
confidence = "high"
effective_from = 2026-01-01
)";
  const LoadResult before = load({});
  const LoadResult r = load({update});
  ASSERT_TRUE(r.ok()) << first_problem(r);
  const Plan* after = plan_on(r.catalog, "pro", "2026-01-01");
  ASSERT_NE(after, nullptr);
  EXPECT_FALSE(after->first_month_price);
  EXPECT_TRUE(after->aliases.empty());
  ASSERT_TRUE(after->renewal_price);  // not named: kept
  const CatalogDiff diff = diff_catalogs(before.catalog, r.catalog, *Date::parse("2025-12-15"), std::nullopt);
  const auto version = std::find_if(diff.entries.begin(), diff.entries.end(),
                                    [](const EntryChange& e) { return e.kind == ChangeKind::Replaces; });
  ASSERT_NE(version, diff.entries.end());
  EXPECT_EQ(version->entry, "plan pro from 2026-01-01");
  bool removal_named = false;
  for (const auto& f : version->fields) {
    if (f.field == "first_month_price") {
      EXPECT_EQ(f.before, "5 USD");
      EXPECT_EQ(f.after, "(removed)");
      removal_named = true;
    }
  }
  EXPECT_TRUE(removal_named);
}

TEST(Patch, RemovalsThatNameNothingOrANewEntryAreErrors) {
  const std::string missing = std::string(kHeader) + R"(
[[plan]]
id = "pro"
remove = ["list_price"]
source = "A1"
as_of = 2025-12-01
confidence = "high"
effective_from = 2026-01-01
)";
  EXPECT_EQ(first_problem(load({missing})),
            "0001-update.toml:7:11: [[plan]] 'pro': remove names 'list_price', which the entry it changes does not "
            "have");
  const std::string both = std::string(kHeader) + R"(
[[plan]]
id = "pro"
price = "12.00"
remove = ["price"]
source = "A1"
as_of = 2025-12-01
confidence = "high"
effective_from = 2026-01-01
)";
  EXPECT_EQ(first_problem(load({both})), "0001-update.toml:8:11: [[plan]] 'pro': 'price' is both given and removed");
  const std::string fresh = std::string(kHeader) + R"(
[[plan]]
id = "max"
name = "Max"
region = "intl"
currency = "USD"
billing = "month"
price = "30.00"
credits_per_month = 400
remove = ["aliases"]
source = "A1"
as_of = 2025-12-01
confidence = "high"
)";
  EXPECT_EQ(first_problem(load({fresh})),
            "0001-update.toml:13:10: [[plan]] 'max': 'remove' applies to an entry that changes one already in the "
            "catalog, and this id is new");
}

TEST(Patch, ANewPriceListCarriesTheRatesItDoesNotRestateOrRemove) {
  // From 2026-01-01 a unit costs 0.08 USD; the hd rate is withdrawn, std carries over.
  const std::string update = std::string(kHeader) + R"(
[[api]]
id = "intl"
unit_price = "0.08"
remove_rates = ["1.0/hd"]
source = "A1"
as_of = 2025-12-01
confidence = "high"
effective_from = 2026-01-01
)";
  const LoadResult r = load({update});
  ASSERT_TRUE(r.ok()) << first_problem(r);
  const Provider& p = *r.catalog.find_provider("acme");
  const ApiOffer* list = nullptr;
  for (const auto& a : p.apis) {
    if (a.provenance.effective.from) list = &a;
  }
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->unit_price->value, Rational(8, 100));
  ASSERT_EQ(list->rates.size(), 1u);
  EXPECT_EQ(list->rates[0].mode, "std");
  // 2 units x 0.08 USD / 5 s = 0.032 USD a second.
  const Model& m = *find_model(p, "1.0");
  const Date d = *Date::parse("2026-01-01");
  const Generation g{&p, &m, find_mode(m, "std", d), 5};
  const auto q = quote_offer(g, find_offer(p, OfferKind::Api, "intl", d), {d, 1, std::nullopt, std::nullopt});
  ASSERT_TRUE(q && q->priced());
  EXPECT_EQ(q->price->per_second.value, Rational(32, 1000));
}

std::string revert_of(const std::string& name) { return "[revert]\nupdate = \"" + name + "\"\n"; }

TEST(Revert, ReadsTheCatalogAsIfTheUpdateHadNotBeenApplied) {
  const LoadResult r = load({kPriceOnly, revert_of("0001-update.toml")});
  ASSERT_TRUE(r.ok()) << first_problem(r);
  const Plan* pro = plan_on(r.catalog, "pro", "2026-06-01");
  ASSERT_NE(pro, nullptr);
  EXPECT_EQ(pro->price.value->value, Rational(10));
  EXPECT_FALSE(pro->provenance.effective.to);  // the original runs on
}

TEST(Revert, RevertingARevertRestoresTheUpdate) {
  const LoadResult r = load({kPriceOnly, revert_of("0001-update.toml"), revert_of("0002-update.toml")});
  ASSERT_TRUE(r.ok()) << first_problem(r);
  EXPECT_EQ(plan_on(r.catalog, "pro", "2026-06-01")->price.value->value, Rational(12));
}

TEST(Revert, AnUnknownOrLaterUpdateIsAnError) {
  EXPECT_EQ(first_problem(load({kPriceOnly, revert_of("0007-typo.toml")})),
            "0002-update.toml:2:10: [revert]: field 'update' names '0007-typo.toml', which is not an update read "
            "before this one");
  const LoadResult extra = load({"[revert]\nupdate = \"0001-update.toml\"\nwhy = \"x\"\n"});
  EXPECT_FALSE(extra.ok());
}

}  // namespace
}  // namespace vidcost
