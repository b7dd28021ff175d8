// Break-even ranges, worked by hand, and the chart through a real SVG renderer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pricing/breakeven.h"
#include "test_support.h"

namespace vidcost {
namespace {

TEST(Breakeven, RangesAndCrossoversByHand) {
  // API: 0.10 a second. Plan: 20.00 a month for 300 s, then 0.05 a second.
  // API = plan where 0.10 s = 20, s = 200; the plan stays cheapest beyond (its slope is lower).
  const std::vector<CostLine> options = {{"api", "api", 0, 0, Rational(1, 10), std::nullopt},
                                         {"plan", "plan", 20, 300, Rational(1, 20), std::nullopt}};
  const auto r = cheapest_ranges(options, 1000);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].option, 0u);
  EXPECT_EQ(r[0].from, 0);
  EXPECT_EQ(r[0].to, 200);
  EXPECT_EQ(r[1].option, 1u);
  EXPECT_EQ(r[1].to, 1000);
  EXPECT_EQ(r[1].cost_to, 55);  // 20 + 0.05 x 700
}

TEST(Breakeven, AnExpensiveOverflowHandsBackToTheApi) {
  // Plan: 30.00 for up to 100 s, then 0.40 a second; API 0.20 a second. Below 100 s the API
  // costs at most 20 < 30; beyond, the plan costs 30 + 0.40 (s - 100), always above 0.20 s.
  // So the API is cheapest everywhere: one range.
  const std::vector<CostLine> options = {{"api", "api", 0, 0, Rational(1, 5), std::nullopt},
                                         {"plan", "plan", 30, 100, Rational(2, 5), std::nullopt}};
  const auto r = cheapest_ranges(options, 500);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].option, 0u);
}

TEST(Breakeven, ALimitedPlanStopsAtItsLimit) {
  // A plan with no top-up: 10.00 for up to 100 s; API 0.25 a second. API < 10 below 40 s; the
  // plan from 40 s to 100 s; beyond 100 s only the API.
  const std::vector<CostLine> options = {{"api", "api", 0, 0, Rational(1, 4), std::nullopt},
                                         {"plan", "plan", 10, 100, 0, Rational(100)}};
  const auto r = cheapest_ranges(options, 200);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].to, 40);
  EXPECT_EQ(r[1].option, 1u);
  EXPECT_EQ(r[1].to, 100);
  EXPECT_EQ(r[2].option, 0u);
}

TEST(Breakeven, KlingIntlCrossoverIsExact) {
  // kling/2.5-turbo/pro@5s, 25 credits a clip. The $200 pack: 16000 credits for 200 USD, so
  // 200 / 16000 x 25 / 5 = 1/16 USD a second. Standard annual: 79.20 / 12 = 6.60 a month.
  // 6.60 / (1/16) = 105.6 s = 528/5.
  const auto r = testing::run({"breakeven", "kling", "kling/2.5-turbo/pro@5s", "--region", "intl", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0.0,105.6,pack topup-200,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",0,528/5"), std::string::npos) << r.out;
}

TEST(Breakeven, ChartRendersWithItsCrossovers) {
  const auto dir = std::filesystem::temp_directory_path() / ("vidcost-chart-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto svg = dir / "kling.svg", png = dir / "kling.png";
  const auto r = testing::run({"breakeven", "kling", "kling/2.5-turbo/pro@5s", "--region", "intl", "--chart",
                               svg.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(svg);
  std::stringstream text;
  text << in.rdbuf();
  for (const char* expected : {"105.6 s", "415.1 s", "seconds of video a month", "cost a month (USD)",
                               "plan Pro (intl)", "api Kling API (global) (intl)"}) {
    EXPECT_NE(text.str().find(expected), std::string::npos) << expected;
  }
  // A real renderer must accept it (librsvg, installed by scripts/deps.sh).
  const std::string command = "rsvg-convert '" + svg.string() + "' -o '" + png.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_GT(std::filesystem::file_size(png), 10000u);
  std::filesystem::remove_all(dir);
}

TEST(Breakeven, BadInput) {
  EXPECT_EQ(testing::run({"breakeven", "klign"}).exit_code, 2);
  EXPECT_EQ(testing::run({"breakeven", "kling", "hailuo/02/768p@6s"}).exit_code, 2);
  EXPECT_EQ(testing::run({"breakeven", "kling", "--max", "-5"}).exit_code, 2);
  EXPECT_EQ(testing::run({"breakeven", "jimeng"}).exit_code, 2);  // nothing priced in credits
  const auto r = testing::run({"breakeven", "kling", "--chart", "/nonexistent-dir/x.svg"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot write the chart"), std::string::npos);
}

}  // namespace
}  // namespace vidcost
