// `vidcost margin`: price and cost agree with `price` and `cost`, the solved values give the
// target margin, and bad input exits 2.
#include <gtest/gtest.h>

#include <sstream>

#include "test_support.h"

namespace vidcost {
namespace {

// The value of CSV column `name` in the first data row.
std::string field(const std::string& csv, const std::string& name) {
  std::istringstream in(csv);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
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
  const auto m = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--steps", "4", "--passes", "1",
                               "--format", "csv"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const auto p = testing::run({"price", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--format", "csv"});
  const auto c = testing::run({"cost", "kling/2.5-turbo/pro@5s", "--steps", "4", "--passes", "1", "--format", "csv"});
  // 37 USD / 3000 credits x 25 credits / 5 s = 37/600 = 0.0617 USD a second.
  EXPECT_EQ(field(m.out, "price_per_second"), "0.0617");
  EXPECT_EQ(field(p.out, "per_second"), "0.0617");
  EXPECT_EQ(field(m.out, "cost_per_second"), field(c.out, "cost_per_video_second"));
  EXPECT_EQ(field(m.out, "estimate"), "true");
}

TEST(Margin, TheSolvedGpuPriceBreaksEven) {
  const auto solved = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl", "--solve",
                                    "gpu-price", "--format", "csv"});
  ASSERT_EQ(solved.exit_code, 0) << solved.err;
  const std::string text = field(solved.out, "solve_gpu-price");  // "USD 0.1282/GPU-hour (now 2.2500)"
  const std::string price = text.substr(4, text.find('/') - 4);
  const auto check = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl", "--gpu-price",
                                   price, "--format", "csv"});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  // Rounded to 4 decimals of a GPU-hour price, the margin is zero to 4 decimals of a second.
  const std::string margin = field(check.out, "margin_per_second");
  EXPECT_TRUE(margin == "0.0000" || margin == "-0.0000") << margin;
}

TEST(Margin, UtilizationSolveByHand) {
  // Price at full use 37/600 USD/s; with --steps 4 --passes 1 the cost is c. Break-even at
  // U = (37/600) / c; the margin at that U is zero, and above it negative.
  const auto r = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--steps", "4", "--passes", "1",
                               "--solve", "utilization", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string u = field(r.out, "solve_utilization").substr(0, 6);
  const auto at = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--steps", "4", "--passes", "1",
                                "--utilization", u, "--format", "csv"});
  const std::string margin = field(at.out, "margin_per_second");
  EXPECT_TRUE(margin == "0.0000" || margin == "-0.0000") << u << " " << margin;
}

TEST(Margin, SweepMakesOneRowAPoint) {
  const auto r = testing::run({"margin", "kling/2.5-turbo/pro@5s", "--plan", "pro", "--sweep", "gpu-price=1..3:5",
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
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
       }) {
    const auto r = testing::run(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << "\n" << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace vidcost
