// The analyst workflows through the command line: a bill agrees with `price` on every line, the
// LiteLLM export with `price --api`, bill comparisons exit 1 when the bills differ, and what-ifs
// stay in memory.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "money/decimal.h"
#include "test_support.h"

namespace vidcost {
namespace {

using nlohmann::json;
using testing::run;

const std::string kStudio = std::string(VIDCOST_REPO_ROOT) + "/docs/examples/studio-usage.toml";
const std::string kCreator = std::string(VIDCOST_REPO_ROOT) + "/docs/examples/creator-usage.toml";

// One session for a test's lines, so the catalog is read once (as in a script).
Session& shared_session() {
  static Session session;
  return session;
}

json run_json(std::vector<std::string> args) {
  args.insert(args.begin(), {"--catalog", std::string(VIDCOST_REPO_ROOT) + "/pricing", "--as-of", "2026-11-28",
                             "--format", "json"});
  std::ostringstream out, err;
  EXPECT_EQ(run_command_line(args, shared_session(), out, err), 0) << err.str();
  return json::parse(out.str());
}

Rational exact(const json& j) { return *parse_exact(j.get<std::string>()); }

// The row of `price SPEC` on one offer, in USD.
json price_row(const std::string& spec, const std::string& kind, const std::string& id) {
  for (const auto& row : run_json({"price", spec, "--currency", "USD"})) {
    if (row["offer_kind"] == kind && row["offer_id"] == id) return row;
  }
  ADD_FAILURE() << "no " << kind << " " << id << " for " << spec;
  return {};
}

TEST(BillCli, AgreesWithPriceOnEveryLine) {
  // Each item is re-priced with `price` (its own offer price, in USD at the same dated rate),
  // the API item from the clips each need put on the API, and the total is their sum.
  const json bill = run_json({"bill", kStudio});
  Rational items = 0, api_expected = 0, api_billed = 0, total = 0;
  std::string api_account;
  for (const auto& row : bill) {
    if (row["section"] == "need" && row["api_clips"].get<int>() > 0) {
      const json p = price_row(row["detail"].get<std::string>(), "api", "intl");
      api_expected += exact(p["per_second_exact"]) * p["duration_s"].get<int>() * row["api_clips"].get<int>();
    }
    if (row["section"] == "total") total = exact(row["amount_exact"]);
    if (row["section"] != "item" || row["item"] == "unused") continue;
    const Rational amount = exact(row["amount_exact"]);
    items += amount;
    const std::string item = row["item"];
    if (item == "plan pro") {
      // The plan's price as `price` shows it for one of its generations (renewal basis).
      const json p = price_row("kling/2.5-turbo/pro@10s", "plan", "pro");
      EXPECT_EQ(amount, *parse_exact(p["offer_price"].get<std::string>()));
    } else if (item == "pack topup-100") {
      const json p = price_row("kling/2.5-turbo/pro@10s", "pack", "topup-100");
      EXPECT_EQ(amount, *parse_exact(p["offer_price"].get<std::string>()) * row["quantity"].get<int>());
    } else if (item == "pay-as-you-go API") {
      api_billed += amount;
    } else {
      ADD_FAILURE() << "unexpected item " << item;
    }
  }
  EXPECT_EQ(api_billed, api_expected);
  EXPECT_EQ(items, total);
  EXPECT_GT(total, 0);
}

TEST(BillCli, BuyingWhatRecommendRecommendsBillsItsTotal) {
  // On the shipped catalog: recommend's best for the studio's needs, written as a usage file,
  // bills to recommend's total exactly (and a saving of zero).
  const json rec = run_json({"recommend", "40xkling/2.5-turbo/pro@10s", "100x@5s:720p"});
  std::map<std::string, std::string> accounts;  // "kling (intl)" -> its [[account]] body
  std::map<std::string, std::vector<std::string>> packs, api_packs;
  for (const auto& item : rec["best"]["items"]) {
    const std::string account = item["account"];
    std::string& body = accounts[account];
    if (item["kind"] == "plan") body += "plan = \"" + item["id"].get<std::string>() + "\"\n";
    if (item["kind"] == "pack") packs[account].push_back(item["id"].get<std::string>() + " = " + std::to_string(item["quantity"].get<int>()));
    if (item["kind"] == "api-pack") api_packs[account].push_back(item["id"].get<std::string>() + " = " + std::to_string(item["quantity"].get<int>()));
    if (item["kind"] == "api") body += "api = true\n";
  }
  std::string usage = "needs = [\"40xkling/2.5-turbo/pro@10s\", \"100x@5s:720p\"]\n";
  for (const auto& [account, body] : accounts) {
    const auto space = account.find(' ');
    usage += "[[account]]\nprovider = \"" + account.substr(0, space) + "\"\nregion = \"" +
             account.substr(space + 2, account.size() - space - 3) + "\"\n" + body;
    auto list = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& e : v) s += (s.empty() ? "" : ", ") + e;
      return s;
    };
    if (packs.count(account)) usage += "packs = { " + list(packs[account]) + " }\n";
    if (api_packs.count(account)) usage += "api_packs = { " + list(api_packs[account]) + " }\n";
  }
  const auto path = std::filesystem::temp_directory_path() / "vidcost-recommended-usage.toml";
  std::ofstream(path) << usage;
  const json bill = run_json({"bill", path.string()});
  std::filesystem::remove(path);
  bool saw_total = false;
  for (const auto& row : bill) {
    if (row["section"] == "total") {
      saw_total = true;
      // recommend's exact total: its exact price per second x the seconds of the month.
      EXPECT_EQ(exact(row["amount_exact"]), exact(rec["best"]["per_second_exact"]) * rec["best"]["seconds"].get<int>())
          << usage;
    }
    if (row["section"] == "saving") {
      EXPECT_EQ(exact(row["amount_exact"]), 0) << usage;
    }
  }
  EXPECT_TRUE(saw_total);
}

TEST(BillCli, SumsOfNeedsAndUnusedAreTheTotal) {
  const json bill = run_json({"bill", kCreator});
  Rational parts = 0, total = 0;
  for (const auto& row : bill) {
    if (row["section"] == "need" || row["item"] == "unused") parts += exact(row["amount_exact"]);
    if (row["section"] == "total") total = exact(row["amount_exact"]);
  }
  // Standard: 199 CNY for 2210 credits; 100 clips x 20 credits = 2000 used.
  EXPECT_EQ(total, 199);
  EXPECT_EQ(parts, total);
}

TEST(BillCli, ComparisonsExitOneWhenTheBillsDiffer) {
  // Jimeng's April 2026 change halved the Standard plan's credits: the same bill differs.
  EXPECT_EQ(run({"bill", kCreator, "--compare-as-of", "2026-04-01"}).exit_code, 1);
  EXPECT_EQ(run({"bill", kCreator, "--compare-as-of", "2026-11-01"}).exit_code, 0);
  const auto same_catalog = run({"bill", kCreator, "--compare-catalog", std::string(VIDCOST_REPO_ROOT) + "/pricing"});
  EXPECT_EQ(same_catalog.exit_code, 0) << same_catalog.err;
  EXPECT_EQ(run({"bill", kCreator, "--compare-as-of", "2026-04-01", "--compare-catalog", "x"}).exit_code, 2);
}

TEST(ExportCli, LitellmEntriesMatchPriceApi) {
  const json map = run_json({"export", "litellm"});
  ASSERT_GT(map.size(), 50u);
  for (const auto& [key, e] : map.items()) {
    EXPECT_EQ(e["mode"], "video_generation") << key;
    EXPECT_EQ(e["litellm_provider"], e["vidcost_spec"].get<std::string>().substr(0, e["litellm_provider"].get<std::string>().size()));
    ASSERT_TRUE(e["output_cost_per_video_per_second"].is_number()) << key;
    ASSERT_TRUE(e["supported_resolutions"].is_array()) << key;
    // The shortest clip's price per second, through `price --api` in USD at the same rate.
    const auto& by = e["vidcost_usd_per_second_by_duration"];
    int shortest = 1 << 30;
    for (const auto& [seconds, _] : by.items()) shortest = std::min(shortest, std::stoi(seconds));
    const std::string spec = e["vidcost_spec"].get<std::string>() + "@" + std::to_string(shortest) + "s";
    const json p = price_row(spec, "api", e["vidcost_api"]);
    const Rational usd = exact(p["per_second_exact"]);
    EXPECT_EQ(usd, exact(e["vidcost_usd_per_second_exact"])) << key;
    EXPECT_NEAR(e["output_cost_per_video_per_second"].get<double>(), std::stod(format_fixed(usd, 8)), 1e-12) << key;
    EXPECT_EQ(e["vidcost_market_date"], "2026-11-28");
  }
}

TEST(WhatIfCli, StayInMemoryAndAreNamedInEveryRow) {
  Session session;
  const std::string catalog = std::string(VIDCOST_REPO_ROOT) + "/pricing";
  auto line = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--catalog", catalog, "--as-of", "2026-11-28", "--format", "json"});
    std::ostringstream out, err;
    EXPECT_EQ(run_command_line(args, session, out, err), 0) << err.str();
    return json::parse(out.str());
  };
  // Basic: 69 CNY for 725 credits; with 1000 assumed, 10 credits a clip: 0.69 CNY a clip.
  const json assumed = line({"price", "jimeng/3.0/720p@5s", "--plan", "basic", "--assume",
                             "jimeng.plan.basic.credits_per_month=1000"});
  EXPECT_EQ(assumed[0]["clip_price"], "0.6900");
  EXPECT_EQ(assumed[0]["what_if"], "assume jimeng.plan.basic.credits_per_month=1000");
  // The same session without it: the catalog's own 725 credits (69 / 725 x 10 = 0.9517).
  const json plain = line({"price", "jimeng/3.0/720p@5s", "--plan", "basic"});
  EXPECT_EQ(plain[0]["clip_price"], "0.9517");
  EXPECT_FALSE(plain[0].contains("what_if"));
}

}  // namespace
}  // namespace vidcost
