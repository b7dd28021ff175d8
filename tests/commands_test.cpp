// Commands end to end on the shipped catalog: what `cost`, `breakeven`, `history` and `compare`
// print for the cases the unit suites work out by hand, and their bad input.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/breakeven_view.h"
#include "test_support.h"

namespace vidcost {
namespace {

TEST(CostCommand, MoneyIsExactFromTheRoundedGpuSeconds) {
  const auto r = testing::run({"cost", "wan2.1-14b", "--gpu", "h100", "--gpu-price", "2.25", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out);
  ASSERT_EQ(rows.size(), 1u);  // an architecture: one research run, as given
  const auto row = rows[0];
  EXPECT_EQ(row["scenario"], "as given");
  const double gpu_seconds = std::stod(row["gpu_seconds"].get<std::string>());
  // cost per clip = GPU-seconds x 2.25 USD / 3600, per video second / 5 s; no fleet or overhead.
  EXPECT_NEAR(std::stod(row["cost_per_clip"].get<std::string>()), gpu_seconds * 2.25 / 3600, 1e-4);
  EXPECT_NEAR(std::stod(row["cost_per_second"].get<std::string>()), gpu_seconds * 2.25 / 3600 / 5, 1e-4);
  EXPECT_EQ(row["cost_per_second"], row["compute_per_second"]);
  EXPECT_EQ(row["tokens"], 75600);
  EXPECT_EQ(row["kernel"], "fa3");  // FlashAttention-3 on Hopper by default
}

TEST(CostCommand, ProductModesAreABandOfScenarios) {
  const auto r = testing::run({"cost", "kling/2.1/pro@5s", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["scenario"], "low");
  EXPECT_EQ(rows[1]["scenario"], "central");
  EXPECT_EQ(rows[2]["scenario"], "high");
  for (const auto& row : rows) {
    EXPECT_EQ(row["profile"], "kling");
    EXPECT_EQ(row["frames"], 121);  // 5 s x 24 fps = 120, on the 4k+1 grid
    EXPECT_EQ(row["width"], 1920);  // output 1080p, through a super-resolution stage
  }
  const auto cost = [&](int i) { return std::stod(rows[i]["cost_per_second"].get<std::string>()); };
  EXPECT_LT(cost(0), cost(1));
  EXPECT_LT(cost(1), cost(2));
  // Loaded cost is the compute cost / fleet utilization x (1 + overhead): central 0.65 and 20%.
  EXPECT_NEAR(cost(1), std::stod(rows[1]["compute_per_second"].get<std::string>()) / 0.65 * 1.2, 1e-5);
  // The research recipe, on request, is far above the band.
  const auto all = nlohmann::json::parse(testing::run({"cost", "kling/2.1/pro@5s", "--scenario", "all", "--format",
                                                       "json"}).out);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[3]["scenario"], "reference");
  EXPECT_GT(std::stod(all[3]["compute_per_second"].get<std::string>()), cost(2));
  // Overrides apply to every scenario.
  const auto fast = nlohmann::json::parse(testing::run({"cost", "kling/2.1/pro@5s", "--steps", "2", "--format",
                                                        "json"}).out);
  for (const auto& row : fast) EXPECT_EQ(row["steps"], 2);
}

TEST(CostCommand, ATimeNeedsNoPrice) {
  // No hourly price of the H20 in the international market: seconds, and the cost unknown.
  const auto r = testing::run({"cost", "wan2.1-14b", "--gpu", "h20", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto row = nlohmann::json::parse(r.out)[0];
  EXPECT_GT(std::stod(row["seconds"].get<std::string>()), 0);
  EXPECT_TRUE(row["cost_per_second"].is_null());
  EXPECT_NE(row["gpu_price_source"].get<std::string>().find("no hourly price of h20"), std::string::npos);
  // In China it has one.
  const auto cn = testing::run({"cost", "wan2.1-14b", "--gpu", "h20", "--region", "cn", "--format", "json"});
  EXPECT_FALSE(nlohmann::json::parse(cn.out)[0]["cost_per_second"].is_null());
}

TEST(CostCommand, BadInputExitsTwo) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"cost", "wan2.1-14c"}, "vidcost: unknown architecture 'wan2.1-14c' (did you mean 'wan2.1-14b'?)"},
      {{"cost", "wan2.1-14b", "--gpu", "h10"}, "vidcost: unknown GPU 'h10' (did you mean 'h100'?)"},
      {{"cost", "wan2.1-14b", "--gpu", "a100", "--kernel", "fa3"},
       "vidcost: FlashAttention-3 (fa3) runs only on Hopper GPUs; a100 is not one\n"},
      {{"cost", "wan2.1-14b", "--gpu", "a100", "--precision", "fp8"}, "vidcost: a100 has no FP8 tensor cores; use bf16\n"},
      {{"cost", "wan2.1-14b", "--steps", "0"}, "vidcost: --steps '0' must be a whole number from 1 to 1000\n"},
      {{"cost", "wan2.1-14b", "--resolution", "big"}, "vidcost: --resolution 'big' is not a resolution"},
      {{"cost", "wan2.1-14b", "--frames", "81", "--seconds", "5"}, "vidcost: give the clip as frames or as seconds, not both\n"},
      {{"cost", "wan2.1-14b", "--cache-skip", "1"}, "vidcost: --cache-skip '1' must be a share in [0, 1)"},
      {{"cost", "kling/2.1/pro@5s", "--scenario", "middle"}, "vidcost: --scenario 'middle' is not a scenario"},
      {{"cost", "kling/2.1/pro@5s", "--profile", "klign"}, "vidcost: unknown serving profile 'klign' (did you mean 'kling'?)"},
      {{"cost", "wan2.1-14b", "--seconds", "1e9"}, "vidcost: --seconds '1e9' must be a positive number, at most 600"},
      {{"cost", "wan2.1-14b", "--resolution", "100000x100000"}, "vidcost: --resolution '100000x100000' is not a resolution"},
      {{"cost", "wan2.1-14b", "--gpu-price", "-1"}, "vidcost: --gpu-price '-1' must be a positive amount"},
      {{"cost", "kling/2.1/pro"}, "vidcost: 'kling/2.1/pro' names 2 generations; give a duration"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = testing::run(args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_EQ(r.err.rfind(message, 0), 0u) << r.err;
  }
}

TEST(Breakeven, KlingIntlRangesByHand) {
  // kling/2.5-turbo/pro@5s internationally: 2.5 API units a clip at 0.14 = 0.35 USD as you go.
  // Standard renews at 8.80 for 660 credits, 25 a clip: 26 clips (650 credits) for 8.80 beat
  // 26 x 0.35 = 9.10 as you go, so it is cheapest from 130 s; with two clips paid as you go it costs
  // 8.80 + 2 x 0.35 = 9.50 at 140 s. At 29 clips the trial pack (100 units for 9.79, 40 clips)
  // beats 8.80 + 3 x 0.35 = 9.85, and holds up to 200 s; beyond, the pack plus the API (the mix).
  const auto r = testing::run({"breakeven", "kling", "kling/2.5-turbo/pro@5s", "--region", "intl", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n5,125,api (intl),pay-as-you-go API (intl),0.35,8.75,0.0700,USD,1,25\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n130,140,plan standard (intl),plan Standard (intl) with top-ups,8.80,9.50,"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n145,200,api-pack trial-100 (intl),"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n205,"), std::string::npos) << r.out;
}

// Whether (x, y) lies on the polyline (within a relative tolerance).
bool on_polyline(const std::vector<std::pair<double, double>>& run, double x, double y) {
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    const auto [x0, y0] = run[i];
    const auto [x1, y1] = run[i + 1];
    if (x < x0 - 1e-9 || x > x1 + 1e-9) continue;
    const double at = x1 == x0 ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    if (std::abs(at - y) <= 1e-9 * std::max(1.0, std::abs(y))) return true;
  }
  return false;
}

TEST(Breakeven, MarkersSitWhereTheDrawnLinesCross) {
  for (const char* spec : {"kling/2.5-turbo/pro@5s", "kling/2.1/pro@10s"}) {
    BreakevenRequest request;
    request.provider = "kling";
    request.spec = parse_spec_pattern(spec);
    const Market market{&testing::shipped_catalog(), testing::kMarketDay, Region::Intl, std::nullopt};
    const Chart chart = breakeven_chart(breakeven(market, request));
    ASSERT_FALSE(chart.markers.empty()) << spec;
    for (const auto& m : chart.markers) {
      int lines = 0;
      for (const auto& series : chart.series) {
        for (const auto& run : series.runs) {
          if (on_polyline(run, m.x, m.y)) {
            ++lines;
            break;
          }
        }
      }
      // A crossing is on both lines; where the cheaper way's line ends, on the next one.
      EXPECT_GE(lines, m.limit ? 1 : 2) << spec << " marker " << m.label << " at " << m.x << ", " << m.y;
    }
    EXPECT_LE(chart.series.size(), 40u);  // within the distinct styles
  }
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
  for (const char* expected : {"from 145 s, API pack Trial, 100 units (intl) alone", "video generated a month (seconds)",
                               "cost a month (USD)", "plan Pro (intl) with top-ups", "Noto Sans CJK SC",
                               "clip-path=\"url(#plot)\""}) {
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
  EXPECT_EQ(testing::run({"breakeven", "google"}).exit_code, 2);  // nothing priced in credits
  // Jimeng's credits are sourced only from September 2025: nothing is priced before.
  EXPECT_EQ(testing::run({"breakeven", "jimeng", "--as-of", "2025-06-01"}).exit_code, 2);
  const auto r = testing::run({"breakeven", "kling", "--chart", "/nonexistent-dir/x.svg"});
  EXPECT_EQ(r.exit_code, 5);  // an output file that cannot be written
  EXPECT_NE(r.err.find("/nonexistent-dir/x.svg: cannot write"), std::string::npos) << r.err;
}

TEST(Market, Veo31FastPriceCutShowsInHistory) {
  const auto r = testing::run({"history", "google/veo-3.1-fast/audio@8s", "--format", "csv"});
  EXPECT_NE(r.out.find("2026-08-21,changed,api,vertex,intl,USD,0.1500,0.1000,-33.3"), std::string::npos) << r.out;
}

TEST(History, ChartHasAStepLinePerPricedOfferWithDates) {
  // Jimeng 3.0 1080p: the three monthly plans priced since 2025-09-30, changed on 2026-04-15
  // (one run each, a step at the change), four plans from 2026-04-15 and Super from 2026-09-20:
  // eight priced offers; the credit packs are unpriced (credits unknown) and not drawn.
  const auto path = std::filesystem::temp_directory_path() / "vidcost-history-chart.svg";
  const auto r = testing::run({"history", "jimeng/3.0/1080p@5s", "--chart", path.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(path);
  const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  std::size_t lines = 0;
  for (auto at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1)) ++lines;
  EXPECT_EQ(lines, 8u);
  EXPECT_NE(svg.find("jimeng/3.0/1080p@5s plan standard"), std::string::npos);
  EXPECT_EQ(svg.find("pack credits-50"), std::string::npos);
  EXPECT_NE(svg.find(">2025-09-30<"), std::string::npos);  // the x axis is in dates
  EXPECT_NE(svg.find("CNY per second of video"), std::string::npos);
}

TEST(Market, MuseSteamerIsListedAsUnpricedWithTheSeedsNote) {
  const auto r = testing::run({"compare", "baidu", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  int rows = 0;
  for (std::size_t at = r.out.find("baidu/2.0/"); at != std::string::npos; at = r.out.find("baidu/2.0/", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 4);
  EXPECT_NE(r.out.find("no price known: Baidu publishes no price; the seed says 2.0 list prices fell to 70% of "
                       "comparable products (Aug 2025)"),
            std::string::npos)
      << r.out;
  const auto all = testing::run({"compare", "--format", "csv"});
  EXPECT_NE(all.out.find("baidu/2.0/pro@5s"), std::string::npos);
  const auto price = testing::run({"price", "musesteamer/2.0/pro@5s"});
  EXPECT_EQ(price.exit_code, 0) << price.err;
  EXPECT_NE(price.out.find("baidu/2.0/pro@5s"), std::string::npos);
}

TEST(Market, CompareUnitMinuteAndClip) {
  // Sora 2 at its default clip (4 s): 0.10 USD/s = 6.00 a minute, 0.40 a clip (while its API was
  // open, before 2026-09-01).
  const auto minute = testing::run({"--as-of", "2026-06-01", "compare", "openai/sora-2", "--unit", "minute", "--format",
                                    "csv"}, false);
  EXPECT_EQ(minute.exit_code, 0) << minute.err;
  EXPECT_NE(minute.out.find(",per_second,per_minute,"), std::string::npos);
  EXPECT_NE(minute.out.find("openai/sora-2/720p@4s,"), std::string::npos);
  EXPECT_EQ(minute.out.find("@8s"), std::string::npos) << "only the default clip";
  EXPECT_NE(minute.out.find(",0.1000,6.0000,"), std::string::npos) << minute.out;

  // Per clip, the cheapest clip comes first: Sora 2 4 s (0.40) before Sora 2 Pro 4 s (1.20).
  const auto clip = testing::run({"--as-of", "2026-06-01", "compare", "openai", "--unit", "clip", "--format", "csv"},
                                 false);
  const auto sora = clip.out.find("openai/sora-2/720p@4s");
  const auto pro = clip.out.find("openai/sora-2-pro/720p@4s");
  ASSERT_NE(sora, std::string::npos);
  ASSERT_NE(pro, std::string::npos);
  EXPECT_LT(sora, pro);
  EXPECT_NE(clip.out.find(",0.1000,0.4000,"), std::string::npos) << clip.out;

  // A duration given explicitly wins over the default clip.
  const auto ten = testing::run({"compare", "kling/2.1/pro", "--unit", "clip", "-d", "10s", "--offer", "api"});
  EXPECT_NE(ten.out.find("kling/2.1/pro@10s"), std::string::npos);

  const auto bad = testing::run({"compare", "--unit", "hour"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "vidcost: --unit 'hour' is not a unit; use second, minute or clip\n");
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(RecommendCommand, AProviderBeforeTheNeedsDoesNotSwallowThem) {
  const auto before = testing::run({"recommend", "--provider", "kling", "40xkling/2.1/pro@10s", "20x@5s", "--format", "csv"});
  const auto after = testing::run({"recommend", "40xkling/2.1/pro@10s", "20x@5s", "--provider", "kling", "--format", "csv"});
  EXPECT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, after.out);
  EXPECT_NE(before.out.find("20x@5s"), std::string::npos);
  // Repeated, or comma-separated.
  const auto two = testing::run({"recommend", "-p", "kling", "--provider", "hailuo", "20x@6s", "--offer", "api",
                                 "--offer", "api-pack", "--format", "csv"});
  const auto commas = testing::run({"recommend", "20x@6s", "-p", "kling,hailuo", "--offer", "api,api-pack", "--format",
                                    "csv"});
  EXPECT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(two.out, commas.out);
}

TEST(RecommendCommand, JsonHasTypedFieldsPerOption) {
  const auto r = testing::run({"recommend", "300xkling/2.5-turbo/pro@5s", "50x@5s:1080p", "--region", "intl",
                               "--months", "12", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["currency"], "USD");
  EXPECT_EQ(doc["months"], 12);
  const auto& best = doc["best"];
  EXPECT_EQ(best["label"], "best");
  EXPECT_TRUE(best["total"].is_string());
  EXPECT_TRUE(best["unused_credits"].is_number_integer());
  EXPECT_TRUE(best["confidence"].is_string());
  ASSERT_FALSE(best["items"].empty());
  for (const auto& item : best["items"]) {
    EXPECT_TRUE(item["quantity"].is_number_integer()) << item.dump();
    EXPECT_TRUE(item["unit"].is_string()) << item.dump();
    EXPECT_TRUE(item["kind"].is_string()) << item.dump();
  }
  // The items' amounts add up to the total, exactly.
  Rational sum = 0;
  for (const auto& item : best["items"]) sum += *parse_exact(item["amount"].get<std::string>());
  EXPECT_EQ(sum, *parse_exact(best["total"].get<std::string>()));
  for (const auto& line : best["lines"]) {
    EXPECT_EQ(line["app_clips"].get<int>() + line["unit_clips"].get<int>() + line["api_clips"].get<int>(),
              line["clips_per_month"].get<int>());
  }
  // Each provider alone names its model, offer and API clips.
  for (const auto& alone : doc["alone"]) {
    EXPECT_FALSE(alone["lines"].empty());
    for (const auto& line : alone["lines"]) EXPECT_FALSE(line["generation"].get<std::string>().empty());
  }
}

TEST(RecommendCommand, BadNeedsExitTwoWithOneLine) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"recommend", "0xkling/2.1/pro@5s"}, {"recommend", "1e30xkling/2.1/pro@5s"},
        {"recommend", "5x@7s"}, {"recommend", "5xkling/2.1/pro@5s", "--provider", "kling", "--offer", "api-pack",
                                 "--region", "cn"}}) {
    const auto r = testing::run(args);
    EXPECT_EQ(r.exit_code, 2) << args.back();
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(CompareGroups, ByCurrencyEachGroupCheapestFirst) {
  const auto r = testing::run({"compare", "kling/2.1/pro@5s", "--group-by", "currency", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out);
  std::string last_currency;
  double last = -1;
  int groups = 0;
  for (const auto& row : rows) {
    if (row["per_second"].is_null()) continue;
    const std::string currency = row["currency"];
    const double value = std::stod(row["per_second"].get<std::string>());
    if (currency != last_currency) {
      EXPECT_LT(last_currency, currency) << "each currency once, in code order";
      last_currency = currency;
      last = -1;
      ++groups;
    }
    EXPECT_LE(last, value) << currency;
    last = value;
  }
  EXPECT_EQ(groups, 2);  // CNY, then USD
  const auto table = testing::run({"compare", "kling/2.1/pro@5s", "--group-by", "currency"});
  EXPECT_NE(table.out.find("Grouped by each offer's own currency; within a group, cheapest first."), std::string::npos);
  const auto bad = testing::run({"compare", "--group-by", "provider"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "vidcost: --group-by 'provider' is not a grouping; use currency\n");
}

}  // namespace
}  // namespace vidcost
