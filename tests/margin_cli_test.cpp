// `vidcost margin`: price and cost agree with `price` and `cost`, the solved values give the
// target margin, a reseller's margin, and bad input exits 2.
#include <gtest/gtest.h>

#include <sstream>

#include "test_support.h"

namespace vidcost {
namespace {

// The value of CSV column `name` in the first data row (or the first row whose `scenario` is
// `scenario`).
std::string field(const std::string& csv, const std::string& name, const std::string& scenario = "") {
  std::istringstream in(csv);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  while (!scenario.empty() && row.find("," + scenario + ",") == std::string::npos && std::getline(in, row)) {
  }
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    return cells;
  };
  const auto names = split(header), cells = split(row);
  for (std::size_t i = 0; i < names.size() && i < cells.size(); ++i) {
    if (names[i] == name) return cells[i];
  }
  return "<no column " + name + ">";
}

TEST(Margin, PriceAndCostAreThoseOfPriceAndCost) {
  const auto m = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--format", "csv"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const auto p = testing::run({"price", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--format", "csv"});
  const auto c = testing::run({"cost", "kling/2.5-turbo/pro@5s", "--scenario", "central", "--format", "csv"});
  // Pro renews at 32.56 USD: 32.56 / 3000 credits x 25 credits / 5 s = 32.56/600 = 0.05427 USD a second.
  EXPECT_EQ(field(m.out, "price_per_second", "central"), "0.0543");
  EXPECT_EQ(field(p.out, "per_second"), "0.0543");
  // The cost of the plan's (international) market, to six places in both.
  EXPECT_EQ(field(m.out, "cost_per_second", "central").substr(0, 8), field(c.out, "cost_per_second").substr(0, 8));
  // The Pro plan at full use is cheaper than the API: in the central scenario it loses money, and
  // the row says which published figure that contradicts.
  EXPECT_EQ(field(m.out, "evidence", "central"), "contradicts: kuaishou-positive-margin");
}

TEST(Margin, TheSolvedGpuPriceBreaksEven) {
  const auto solved = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl", "--scenario",
                                    "central", "--solve", "gpu-price", "--format", "csv"});
  ASSERT_EQ(solved.exit_code, 0) << solved.err;
  EXPECT_EQ(field(solved.out, "solve_unit"), "USD/GPU-hour");
  EXPECT_EQ(field(solved.out, "solve_outcome"), "value");
  const std::string price = field(solved.out, "solve_value");
  const auto check = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl", "--scenario",
                                   "central", "--gpu-price", price, "--format", "csv"});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  // At the solved GPU price (to six decimals), the margin is zero to six decimals of a second.
  const double margin = std::stod(field(check.out, "margin_per_second"));
  EXPECT_NEAR(margin, 0, 1e-6) << price;
}

TEST(Margin, UtilizationSolveByHand) {
  // Price at full use 37/600 USD/s, below the central cost c: the margin is zero at U = (37/600) / c
  // (solved to six decimals), negative above it.
  const auto r = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--scenario", "central", "--solve",
                               "utilization", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(field(r.out, "solve_outcome"), "value");
  const std::string u = field(r.out, "solve_value");
  const auto at = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--scenario", "central",
                                "--utilization", u, "--format", "csv"});
  EXPECT_NEAR(std::stod(field(at.out, "margin_per_second")), 0, 1e-6) << u;
}

TEST(Margin, AResellerSeesTheirMarginBesideTheProviders) {
  // Kling's API at 0.07 USD/s; sold on at 0.12 USD/s: 0.05 USD/s, 41.7% of the sell price.
  const auto r = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl", "--sell", "0.12USD/s",
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(field(r.out, "sell_per_second"), "0.1200");
  EXPECT_EQ(field(r.out, "resale_margin_per_second"), "0.0500");
  EXPECT_EQ(field(r.out, "resale_margin_share"), "41.7%");
  // Per clip: 0.9 USD a 5 s clip is 0.18 a second.
  const auto clip = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl", "--sell",
                                  "0.9USD/clip", "--format", "csv"});
  EXPECT_EQ(field(clip.out, "sell_per_second"), "0.1800");
  // In another currency: 1 CNY/s against the CNY API at 0.5 CNY/s (2.5 units x 1 CNY / 5 s).
  const auto cny = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "cn", "--sell", "1CNY/s",
                                 "--format", "csv"});
  EXPECT_EQ(field(cny.out, "resale_margin_per_second"), "0.5000");
}

TEST(Margin, SweepMakesOneRowAPoint) {
  const auto r = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--sweep", "gpu-price=1..3:5",
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;  // the central scenario
  EXPECT_NE(r.out.find("\n1,"), std::string::npos);
  EXPECT_NE(r.out.find("\n1.5,"), std::string::npos);
  EXPECT_NE(r.out.find("\n3,"), std::string::npos);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 6);  // header and 5 points
}

TEST(Margin, BadInputExitsTwo) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"margin", "kling/2.5-turbo/pro@5s", "--target-margin", "1", "--solve", "gpu-price"},
           {"margin", "kling/2.5-turbo/pro@5s", "--solve", "price"},
           {"margin", "kling/2.5-turbo/pro@5s", "--sweep", "steps=10..4"},
           {"margin", "kling/2.5-turbo/pro@5s", "--sweep", "steps=4..10"},  // several offers
           {"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--api"},
           {"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--solve", "steps", "--sweep", "steps=1..4"},
           {"margin", "kling/2.5-turbo/pro"},
           {"margin", "kling/2.5-turbo/pro@5s", "--sell", "0.12EUR/s"},
           {"margin", "kling/2.5-turbo/pro@5s", "--sell", "0.12USD/hour"},
           {"margin", "kling/2.5-turbo/pro@5s", "--sell", "cheap"},
           {"margin", "kling/2.5-turbo/pro@5s", "--scenario", "best"},
       }) {
    const auto r = testing::run(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << "\n" << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace vidcost
