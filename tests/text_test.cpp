#include <gtest/gtest.h>

#include "core/date.h"
#include "core/text.h"

namespace vidcost {
namespace {

TEST(DisplayWidth, CountsChineseAsTwoColumns) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("铂金会员"), 8u);
  EXPECT_EQ(display_width("可灵 API (China)"), 16u);
  EXPECT_EQ(display_width("¥50"), 3u);
  EXPECT_EQ(display_width("\xe4"), 1u);  // a truncated sequence counts as one column
}

TEST(DidYouMean, SuggestsCloseNames) {
  EXPECT_EQ(did_you_mean("pirce", {"price", "compare", "catalog"}), " (did you mean 'price'?)");
  EXPECT_EQ(did_you_mean("zzzzzz", {"price", "compare"}), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Date, ParsesRealCalendarDaysOnly) {
  EXPECT_EQ(Date::parse("2025-09-23")->to_string(), "2025-09-23");
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_FALSE(Date::parse("2025-02-29"));
  EXPECT_FALSE(Date::parse("2025-13-01"));
  EXPECT_FALSE(Date::parse("2025-9-23"));
  EXPECT_EQ(Date::parse("1970-01-02")->days_since_epoch(), 1);
  EXPECT_LT(*Date::parse("2025-09-22"), *Date::parse("2025-09-23"));
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(DidYouMean, AHugeWordGetsNoSuggestionAndCostsNoMemory) {
  // The distance table once took ~150 bytes per input byte: a 10 MB word needed 1.5 GB.
  const std::string huge(10'000'000, 'k');
  EXPECT_EQ(did_you_mean(huge, {"kling", "hailuo"}), "");
  EXPECT_EQ(did_you_mean("klign", {"kling", std::string(1'000'000, 'x')}), " (did you mean 'kling'?)");
}

// A separator goes in once something has been written: empty leading parts add none.
TEST(Join, PutsTheSeparatorBetweenWrittenParts) {
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"", "renewal"}, ", "), "renewal");
  std::string kept = "old text";
  join_into(kept, {"x", "y"}, "; ");
  EXPECT_EQ(kept, "x; y");
}

}  // namespace
}  // namespace vidcost
