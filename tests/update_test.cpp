// Dated history and catalog updates: merging update files, `history`, `catalog diff` and
// `catalog apply`, including failed, concurrent and interrupted applies.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "core/files.h"
#include "pricing/history.h"
#include "test_support.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;

const std::string kUpdates = std::string(VIDCOST_TEST_DATA) + "/fixtures/updates/";

// A private copy of the shipped catalog that a test may change.
struct CatalogCopy {
  fs::path dir;
  CatalogCopy() {
    char pattern[] = "/tmp/vidcost-update-XXXXXX";
    dir = mkdtemp(pattern);
    for (const auto& e : fs::directory_iterator(std::string(VIDCOST_REPO_ROOT) + "/pricing")) {
      if (e.is_regular_file()) fs::copy_file(e.path(), dir / e.path().filename());
    }
  }
  ~CatalogCopy() { fs::remove_all(dir); }
};

// Every file under `dir` (hidden ones too) and its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_input_file(e.path());
  }
  return files;
}

testing::RunResult run_on(const fs::path& catalog, std::vector<std::string> args) {
  if (args[0] != "--as-of") args.insert(args.begin(), {"--as-of", "2026-11-28"});
  args.insert(args.begin(), {"--catalog", catalog.string()});
  return testing::run(args, false);
}

// Runs the real binary; returns its wait status.
int spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(VIDCOST_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(VIDCOST_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(Date, FromDaysInvertsDaysSinceEpoch) {
  for (const char* text : {"1970-01-01", "2000-02-29", "2024-12-31", "2025-03-01", "1900-01-01"}) {
    const Date d = *Date::parse(text);
    EXPECT_EQ(Date::from_days(d.days_since_epoch()), d) << text;
  }
  EXPECT_EQ(Date::parse("2025-09-23")->plus_days(-1).to_string(), "2025-09-22");
  EXPECT_EQ(Date::parse("2024-03-01")->plus_days(-1).to_string(), "2024-02-29");
}

TEST(History, Kling25TurboProShowsTheCutFrom21Pro) {
  const Catalog& c = testing::shipped_catalog();
  const Provider& kling = *c.find_provider("kling");
  const Model& turbo = *find_model(kling, "2.5-turbo");
  QuoteOptions options{*Date::parse("2026-11-28"), 1, Region::Intl, OfferKind::Api};
  const auto rows = price_history(kling, turbo, "pro", 5, options, *Date::parse("2026-11-28"));
  ASSERT_EQ(rows.size(), 1u);
  const HistoryRow& r = rows[0];
  // 2.5 Turbo was released on 2025-09-23, but the global API's price list is known from its first
  // source (2025-10-19): that day is the first on which both are priced on the same offer.
  EXPECT_EQ(r.event, HistoryEvent::Replaces);
  EXPECT_EQ(r.date->to_string(), "2025-10-19");
  EXPECT_EQ(r.replaces, "kling/2.1/pro@5s");
  // 2.1 pro: 3.5 units x 0.14 USD / 5 s = 0.098 USD/s; 2.5 Turbo pro: 2.5 x 0.14 / 5 = 0.07.
  EXPECT_EQ(r.before->price->per_second.value, Rational(98, 1000));
  EXPECT_EQ(r.after->price->per_second.value, Rational(7, 100));
  // (0.07 - 0.098) / 0.098 = -2/7, the seed's "nearly 30% cheaper".
  EXPECT_EQ((r.after->price->per_second.value - r.before->price->per_second.value) / r.before->price->per_second.value, Rational(-2, 7));
}

TEST(History, CliShowsTheCutAndItsSource) {
  const auto r = testing::run({"history", "kling/2.5-turbo/pro@5s", "--offer", "api", "--region", "intl", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "spec,date,event,offer_kind,offer_id,region,currency,old_per_second,new_per_second,change_pct,replaces,"
            "source,derivation,unpriced_reason\n"
            "kling/2.5-turbo/pro@5s,2025-10-19,replaces,api,intl,intl,USD,0.0980,0.0700,-28.6,kling/2.1/pro@5s,C1,"
            "2.5 units x 0.14 USD/unit / 5 s,\n");
}

TEST(History, BeforeAModelExistedThereIsNothingToShow) {
  const auto r = testing::run({"--as-of", "2025-09-01", "history", "kling/2.5-turbo/pro@5s"}, false);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no offer of the catalog prices"), std::string::npos) << r.err;
}

TEST(AsOf, SelectsTheMarketOfThatDateAndSaysSo) {
  // Kling 2.5 Turbo was released on 2025-09-23; the first source pricing it (the seed's China
  // tiers) is of 2025-09-30, the global API's of 2025-10-19.
  const auto before = testing::run({"--as-of", "2025-09-22", "price", "kling/2.5-turbo/pro@5s"}, false);
  EXPECT_EQ(before.exit_code, 2);
  EXPECT_EQ(before.err, "vidcost: kling/2.5-turbo/pro is not out on 2025-09-22: it was released on 2025-09-23\n");
  const auto unsourced = testing::run({"--as-of", "2025-09-25", "price", "kling/2.5-turbo/pro@5s", "--region", "intl"}, false);
  EXPECT_EQ(unsourced.exit_code, 2);
  EXPECT_EQ(unsourced.err, "vidcost: no offer prices kling/2.5-turbo/pro@5s on 2025-09-25: the first known price "
                           "starts on 2025-10-19 (API 'intl')\n");
  const auto r = testing::run({"--as-of", "2025-10-19", "price", "kling/2.5-turbo/pro@5s", "--api", "--region", "intl"}, false);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Market as of 2025-10-19."), std::string::npos) << r.out;
}

TEST(Update, ALaterPriceEndsTheOldOneOnItsFirstDay) {
  CatalogCopy copy;
  const std::string update = kUpdates + "kling-2.6-pro-cut.toml";
  const LoadResult result = load_catalog({copy.dir}, {{update, read_input_file(update)}});
  ASSERT_TRUE(result.ok()) << result.problems.front().to_string();
  const Provider& kling = *result.catalog.find_provider("kling");
  const Model& m = *find_model(kling, "2.6");
  const Generation g{&kling, &m, find_mode(m, "pro", *Date::parse("2026-12-01")), 5};
  const OfferRef intl = find_offer(kling, OfferKind::Api, "intl", *Date::parse("2026-12-01"));
  // Before: 2.5 units x 0.14 / 5 s = 0.07; from 2026-12-01: 1.75 x 0.14 / 5 = 0.049.
  EXPECT_EQ(quote_offer(g, intl, {*Date::parse("2026-11-30"), 1, std::nullopt, std::nullopt})->price->per_second.value,
            Rational(7, 100));
  EXPECT_EQ(quote_offer(g, intl, {*Date::parse("2026-12-01"), 1, std::nullopt, std::nullopt})->price->per_second.value,
            Rational(49, 1000));
}

TEST(Update, RetireEndsAnEntry) {
  CatalogCopy copy;
  fs::create_directories(copy.dir / "updates");
  std::ofstream(copy.dir / "updates" / "0001-retire.toml") << R"([provider]
id = "kling"
name = "Kling"

[[retire]]
kind = "mode"
model = "2.1"
id = "master"
effective_to = 2026-12-01
source = "K1"
as_of = 2026-11-20
confidence = "high"
)";
  EXPECT_EQ(run_on(copy.dir, {"--as-of", "2026-11-30", "price", "kling/2.1/master@5s"}).exit_code, 0);
  const auto after = run_on(copy.dir, {"--as-of", "2026-12-01", "price", "kling/2.1/master@5s"});
  EXPECT_EQ(after.exit_code, 2);
  EXPECT_EQ(after.err, "vidcost: kling/2.1/master was withdrawn on 2026-12-01 (the market is as of 2026-12-01)\n");
}

TEST(Update, RevertUndoesAnUpdateAndIsRecordedAsOne) {
  CatalogCopy copy;
  const std::string update = kUpdates + "kling-2.6-pro-cut.toml";
  ASSERT_EQ(run_on(copy.dir, {"--as-of", "2026-11-28", "catalog", "apply", update}).exit_code, 0);
  auto per_second = [&] {
    const auto r = run_on(copy.dir, {"--as-of", "2026-12-05", "price", "kling/2.6/pro@5s", "--api", "--region", "intl",
                                     "--format", "csv"});
    return r.out;
  };
  // 1.75 units x 0.14 USD / 5 s = 0.049 after the cut; 2.5 x 0.14 / 5 = 0.07 without it.
  EXPECT_NE(per_second().find(",0.0490,"), std::string::npos);
  const auto unknown = run_on(copy.dir, {"catalog", "revert", "0042"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, fmt::format("vidcost: unknown update '0042' in {}/updates; known: 0001-kling-2.6-pro-cut.toml\n",
                                     copy.dir.string()));
  const auto revert = run_on(copy.dir, {"--as-of", "2026-11-28", "catalog", "revert", "0001", "--reason", "withdrawn"});
  ASSERT_EQ(revert.exit_code, 0) << revert.err;
  EXPECT_NE(revert.out.find("removed"), std::string::npos) << revert.out;  // the diff of the revert
  EXPECT_TRUE(fs::exists(copy.dir / "updates" / "0002-revert-0001-kling-2.6-pro-cut.toml"));
  EXPECT_NE(per_second().find(",0.0700,"), std::string::npos);
  // Reverting the revert brings the cut back.
  ASSERT_EQ(run_on(copy.dir, {"--as-of", "2026-11-28", "catalog", "revert", "0002"}).exit_code, 0);
  EXPECT_NE(per_second().find(",0.0490,"), std::string::npos);
}

TEST(Update, AChangeRecordedAheadIsMentionedBeforeItsDay) {
  CatalogCopy copy;
  ASSERT_EQ(run_on(copy.dir, {"--as-of", "2026-11-28", "catalog", "apply", kUpdates + "kling-2.6-pro-cut.toml"}).exit_code,
            0);
  // 2.5 x 0.14 / 5 = 0.07 today; 1.75 x 0.14 / 5 = 0.049 from 2026-12-01: (0.049 - 0.07) / 0.07 = -30%.
  const auto price = run_on(copy.dir, {"--as-of", "2026-11-28", "price", "kling/2.6/pro@5s", "--api", "--region", "intl"});
  EXPECT_NE(price.out.find("Scheduled for kling/2.6/pro@5s: api intl (intl) from 2026-12-01: USD 0.0700/s -> "
                           "0.0490/s (-30.0%)."),
            std::string::npos)
      << price.out;
  const auto history = run_on(copy.dir, {"--as-of", "2026-11-28", "history", "kling/2.6/pro@5s", "--offer", "api",
                                         "--region", "intl", "--format", "csv"});
  EXPECT_NE(history.out.find("kling/2.6/pro@5s,2026-12-01,changed (scheduled),api,intl,"), std::string::npos)
      << history.out;
  // On or after the day, it is an ordinary change.
  const auto later = run_on(copy.dir, {"--as-of", "2026-12-05", "price", "kling/2.6/pro@5s", "--api", "--region", "intl"});
  EXPECT_EQ(later.out.find("Scheduled"), std::string::npos);
}

TEST(Update, BadUpdatesReportFileLineColumnAndChangeNoByte) {
  CatalogCopy copy;
  const auto before = snapshot(copy.dir);
  int cases = 0;
  for (const auto& e : fs::directory_iterator(kUpdates)) {
    std::ifstream in(e.path());
    std::string first;
    std::getline(in, first);
    if (first.rfind("# expect: ", 0) != 0) continue;
    ++cases;
    const std::string expected = first.substr(10);
    const auto r = run_on(copy.dir, {"catalog", "apply", e.path().string()});
    EXPECT_EQ(r.exit_code, 3) << e.path();
    EXPECT_NE(r.err.find(expected), std::string::npos) << "expected: " << expected << "\ngot: " << r.err;
    EXPECT_NE(r.err.find("the catalog is unchanged"), std::string::npos) << r.err;
    EXPECT_EQ(snapshot(copy.dir), before) << e.path();
  }
  EXPECT_EQ(cases, 5);
}

TEST(Update, ApplyThenDiffRoundTrips) {
  CatalogCopy old_copy, copy;
  const auto dry = run_on(copy.dir, {"catalog", "apply", kUpdates + "kling-2.6-pro-cut.toml", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_FALSE(fs::exists(copy.dir / "updates"));

  const auto applied = run_on(copy.dir, {"catalog", "apply", kUpdates + "kling-2.6-pro-cut.toml"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(applied.out, dry.out);  // the dry run showed exactly what was applied
  EXPECT_TRUE(fs::exists(copy.dir / "updates" / "0001-kling-2.6-pro-cut.toml"));
  EXPECT_EQ(read_input_file(copy.dir / "updates" / "0001-kling-2.6-pro-cut.toml"), read_input_file(kUpdates + "kling-2.6-pro-cut.toml"));

  // The diff apply printed is the diff of the two catalogs.
  const auto shown = run_on(copy.dir, {"catalog", "diff", old_copy.dir.string(), copy.dir.string()});
  EXPECT_EQ(shown.exit_code, 1);
  EXPECT_EQ(shown.out, applied.out);
  const auto diff = run_on(copy.dir, {"catalog", "diff", old_copy.dir.string(), copy.dir.string(), "--format", "csv"});
  // 0.07 -> 0.049 USD/s is -30.0%, from the update's effective date.
  EXPECT_NE(diff.out.find("price,changed,kling,kling/2.6/pro@5s,api intl,0.0700 USD,0.0490 USD,-30.0,2026-12-01"),
            std::string::npos)
      << diff.out;
  EXPECT_NE(diff.out.find("entry,changed,kling,rate intl 2.6/pro from 2025-12-01,effective_to,,2026-12-01"),
            std::string::npos)
      << diff.out;
  EXPECT_EQ(run_on(copy.dir, {"catalog", "diff", copy.dir.string(), copy.dir.string()}).exit_code, 0);

  // The sequence of docs/updating-the-catalog.md: history shows the recorded cut.
  const auto history = run_on(copy.dir, {"--as-of", "2026-12-31", "history", "kling/2.6/pro@5s", "--offer", "api",
                                         "--region", "intl", "--format", "csv"});
  EXPECT_NE(history.out.find("kling/2.6/pro@5s,2026-12-01,changed,api,intl,intl,USD,0.0700,0.0490,-30.0,,"
                             "C1; https://example.org/kling-2-6-pro-cut,1.75 units x 0.14 USD/unit / 5 s,"),
            std::string::npos)
      << history.out;
  for (const char* format : {"table", "json", "markdown"}) {
    const auto r = run_on(copy.dir, {"catalog", "diff", old_copy.dir.string(), copy.dir.string(), "--format", format});
    EXPECT_EQ(r.exit_code, 1) << format;
    EXPECT_NE(r.out.find("2026-12-01"), std::string::npos) << format;
  }

  // Applying the same update again conflicts and changes nothing.
  const auto state = snapshot(copy.dir);
  const auto again = run_on(copy.dir, {"catalog", "apply", kUpdates + "kling-2.6-pro-cut.toml"});
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_EQ(snapshot(copy.dir), state);

  // Deleting the update file restores the old catalog.
  fs::remove(copy.dir / "updates" / "0001-kling-2.6-pro-cut.toml");
  EXPECT_EQ(run_on(copy.dir, {"catalog", "diff", old_copy.dir.string(), copy.dir.string()}).exit_code, 0);
}

TEST(Update, ASecondApplyWaitsForTheLockOrFailsCleanly) {
  CatalogCopy copy;
  const auto before = snapshot(copy.dir);
  {
    const auto held = posix_file_system().lock_directory(copy.dir, 0);
    const auto busy = run_on(copy.dir, {"catalog", "apply", kUpdates + "kling-2.6-pro-cut.toml", "--wait", "0.2"});
    EXPECT_EQ(busy.exit_code, 4);
    EXPECT_NE(busy.err.find("another update of"), std::string::npos) << busy.err;
  }
  EXPECT_EQ(snapshot(copy.dir), before);

  // Held for a moment by another holder: the apply waits, then goes ahead.
  auto held = posix_file_system().lock_directory(copy.dir, 0);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    held.reset();
  });
  const int status = spawn({"--catalog", copy.dir.string(), "catalog", "apply", kUpdates + "kling-2.6-pro-cut.toml",
                            "--wait", "30"});
  release.join();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(fs::exists(copy.dir / "updates" / "0001-kling-2.6-pro-cut.toml"));
}

}  // namespace
}  // namespace vidcost
