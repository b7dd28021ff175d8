// Breakeven agrees with recommend: for one generation from one provider, the cheapest way at
// each usage costs what `recommend` finds for that need, and names the plan it buys.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "pricing/breakeven.h"
#include "pricing/recommend.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

struct Case {
  const char* provider;
  const char* spec;
  std::optional<Region> region;
  int months;
};

void sweep(const Case& c) {
  const Market market{&testing::shipped_catalog(), testing::kMarketDay, c.region, std::nullopt};
  BreakevenRequest b;
  b.provider = c.provider;
  b.spec = parse_spec_pattern(c.spec);
  b.months = c.months;
  const BreakevenResult result = breakeven(market, b);
  // Around every boundary, and a spread in between.
  std::vector<std::int64_t> usages;
  for (const auto& r : result.ranges) {
    for (std::int64_t n : {r.from_clips - 1, r.from_clips, r.from_clips + 1, (r.from_clips + r.to_clips) / 2, r.to_clips}) {
      if (n >= 1 && n <= result.max_clips) usages.push_back(n);
    }
  }
  std::sort(usages.begin(), usages.end());
  usages.erase(std::unique(usages.begin(), usages.end()), usages.end());
  for (std::int64_t n : usages) {
    const auto range = std::find_if(result.ranges.begin(), result.ranges.end(),
                                    [&](const Range& r) { return r.from_clips <= n && n <= r.to_clips; });
    ASSERT_NE(range, result.ranges.end()) << n;
    const CostCurve& curve = result.curves[range->curve];
    RecommendRequest r;
    r.needs = {parse_need(fmt::format("{}x{}", n, c.spec))};
    r.providers = {c.provider};
    r.months = c.months;
    const RecommendResult rec = recommend(market, r);
    EXPECT_EQ(rec.best.total, curve.points[static_cast<std::size_t>(n)]->total)
        << c.spec << " at " << n << " clips: breakeven says " << curve.id;
    // The plan recommend buys is the plan curve breakeven names.
    std::string plan;
    for (const auto& item : rec.best.items) {
      if (item.kind == RecommendedItem::Kind::Plan) plan = item.id;
    }
    if (curve.kind == CostCurve::Kind::Plan) {
      EXPECT_EQ("plan " + plan + fmt::format(" ({})", region_name(curve.region)), curve.id) << n;
    } else {
      EXPECT_EQ(plan, "") << c.spec << " at " << n << " clips: breakeven says " << curve.id;
    }
  }
}

TEST(BreakevenAgreesWithRecommend, KlingInternational) { sweep({"kling", "kling/2.5-turbo/pro@5s", Region::Intl, 1}); }
TEST(BreakevenAgreesWithRecommend, KlingChinaForAYear) { sweep({"kling", "kling/2.1/std@5s", Region::CN, 12}); }
TEST(BreakevenAgreesWithRecommend, HailuoBothMarkets) { sweep({"hailuo", "hailuo/02/768p@6s", std::nullopt, 1}); }

}  // namespace
}  // namespace vidcost
