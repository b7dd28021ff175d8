#include <gtest/gtest.h>

#include "core/error.h"
#include "pricing/spec.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

const Date kDay = *Date::parse("2026-11-28");

TEST(SpecPattern, ParsesFullAndPartialSpecs) {
  auto s = parse_spec_pattern("kling/2.5-turbo/pro@10s");
  EXPECT_EQ(*s.provider, "kling");
  EXPECT_EQ(*s.model, "2.5-turbo");
  EXPECT_EQ(*s.mode, "pro");
  EXPECT_EQ(*s.seconds, 10);
  s = parse_spec_pattern("kling/*/pro");
  EXPECT_FALSE(s.model);
  EXPECT_FALSE(s.seconds);
  s = parse_spec_pattern("*/*/*@5s");
  EXPECT_FALSE(s.provider);
  EXPECT_EQ(*s.seconds, 5);
  s = parse_spec_pattern("Hailuo");
  EXPECT_EQ(*s.provider, "hailuo");
  EXPECT_FALSE(s.mode);
}

TEST(SpecPattern, RejectsMalformedText) {
  for (const char* bad : {"", "a/b/c/d", "kling/2.1/pro@", "kling/2.1/pro@five", "kling/2.1/pro@-5s", "kling@0s"}) {
    EXPECT_THROW(parse_spec_pattern(bad), Error) << bad;
  }
}

TEST(Resolve, FindsOneGenerationThroughAliases) {
  const Catalog& c = testing::shipped_catalog();
  auto gens = resolve_generations(c, parse_spec_pattern("可灵/2.5/high-quality@5s"), kDay, true);
  ASSERT_EQ(gens.size(), 1u);
  EXPECT_EQ(gens[0].spec(), "kling/2.5-turbo/pro@5s");
}

TEST(Resolve, ExpandsDurationsAndWildcards) {
  const Catalog& c = testing::shipped_catalog();
  EXPECT_EQ(resolve_generations(c, parse_spec_pattern("kling/2.1/pro"), kDay, true).size(), 2u);
  // Kling 2.1 has std, pro and master, each at 5 s and 10 s.
  EXPECT_EQ(resolve_generations(c, parse_spec_pattern("kling/2.1"), kDay, false).size(), 6u);
  // Only Hailuo sells 6-second clips: the wildcard finds its modes and nothing else.
  const auto six = resolve_generations(c, parse_spec_pattern("*/*/*@6s"), kDay, false);
  ASSERT_FALSE(six.empty());
  for (const auto& g : six) EXPECT_EQ(g.provider->id, "hailuo");
}

TEST(Resolve, UnknownNamesSuggestTheClosest) {
  const Catalog& c = testing::shipped_catalog();
  try {
    resolve_generations(c, parse_spec_pattern("klign/2.1/pro@5s"), kDay, true);
    FAIL();
  } catch (const Error& e) {
    ASSERT_NE(e.unknown_name(), nullptr);
    EXPECT_EQ(e.unknown_name()->what, "provider");
    EXPECT_EQ(e.unknown_name()->name, "klign");
    EXPECT_EQ(e.unknown_name()->candidates, c.provider_ids());
  }
  EXPECT_THROW(resolve_generations(c, parse_spec_pattern("kling/9.9/pro@5s"), kDay, true), Error);
  EXPECT_THROW(resolve_generations(c, parse_spec_pattern("kling/2.1/ultra@5s"), kDay, true), Error);
  EXPECT_THROW(resolve_generations(c, parse_spec_pattern("kling/2.1/pro@7s"), kDay, true), Error);
  EXPECT_THROW(resolve_generations(c, parse_spec_pattern("kling/*/pro@5s"), kDay, true), Error);
}

}  // namespace
}  // namespace vidcost
