// The prompt's settings, the calculator line at the prompt and the reuse of parsers between lines.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/errors.h"
#include "cli/history_file.h"
#include "cli/shell.h"
#include "test_support.h"

namespace vidcost {
namespace {

// A shell over the shipped catalog on a fixed date.
struct ShellRun {
  Session session;
  std::ostringstream out, err;
  Shell shell{session, pinned(), out, err};

  static Settings pinned() {
    Settings g;
    g.catalog_dir = std::string(VIDCOST_REPO_ROOT) + "/pricing";
    g.as_of = testing::kMarketDay;
    return g;
  }
  std::string take_out() {
    std::string s = out.str();
    out.str("");
    return s;
  }
};

TEST(Shell, SettingsApplyToLaterLinesUnlessTheLineOverrides) {
  ShellRun s;
  ASSERT_EQ(s.shell.run_line("set format csv"), 0);
  ASSERT_EQ(s.shell.run_line("set plan gold"), 0);
  ASSERT_EQ(s.shell.run_line("price kling/2.1/std@5s"), 0);
  const std::string gold = s.take_out();
  // One header line and one row: the gold plan only. It renews at 58 CNY:
  // 58 CNY / 660 cr x 20 cr / 5 s = 58/165 = 0.3515 CNY/s.
  EXPECT_EQ(std::count(gold.begin(), gold.end(), '\n'), 2) << gold;
  EXPECT_NE(gold.find(",gold,"), std::string::npos);
  EXPECT_NE(gold.find(",0.3515,58/165,"), std::string::npos);

  ASSERT_EQ(s.shell.run_line("price kling/2.1/std@5s --plan platinum"), 0);
  EXPECT_NE(s.take_out().find(",platinum,"), std::string::npos);

  ASSERT_EQ(s.shell.run_line("unset plan"), 0);
  ASSERT_EQ(s.shell.run_line("price kling/2.1/std@5s"), 0);
  const std::string all = s.take_out();
  EXPECT_GT(std::count(all.begin(), all.end(), '\n'), 10);
}

TEST(Shell, MalformedSettingsAreErrorsThatKeepTheSession) {
  ShellRun s;
  EXPECT_EQ(s.shell.run_line("set colour red"), kExitUsage);
  EXPECT_NE(s.err.str().find("unknown setting 'colour'"), std::string::npos) << s.err.str();
  EXPECT_EQ(s.shell.run_line("set utilization 1.5"), kExitUsage);
  EXPECT_EQ(s.shell.run_line("set currency"), kExitUsage);
  EXPECT_EQ(s.shell.run_line("set format yaml"), kExitUsage);
  EXPECT_EQ(s.shell.run_line("show everything"), kExitUsage);
  EXPECT_EQ(s.shell.run_line("price 'kling"), kExitUsage);
  EXPECT_FALSE(s.shell.quit_requested());
  EXPECT_FALSE(s.shell.settings().format);
  EXPECT_EQ(s.shell.run_line("= 1 + 1"), 0);
  EXPECT_EQ(s.take_out(), "2\n");
  EXPECT_EQ(s.shell.run_line("quit"), 0);
  EXPECT_TRUE(s.shell.quit_requested());
}

TEST(OneGrammar, ARequestGivesOneAnswerOnTheCommandLineAtThePromptAndInAScript) {
  const std::string line = "price kling/2.1/pro@5s --plan pro --utilization 0.8 --currency CNY --format csv";
  // The command line.
  std::vector<std::string> args;
  std::istringstream words(line);
  for (std::string w; words >> w;) args.push_back(w);
  const auto command_line = testing::run(args);
  ASSERT_EQ(command_line.exit_code, 0) << command_line.err;
  // 37 USD / 3000 cr x 35 cr / 5 s / 0.8 = 259/2400 USD/s, in CNY at the catalog's rate.
  EXPECT_NE(command_line.out.find(",plan,pro,Pro,intl,CNY,"), std::string::npos) << command_line.out;

  // The same line at the prompt, and the same request made of settings.
  ShellRun prompt;
  ASSERT_EQ(prompt.shell.run_line(line), 0);
  EXPECT_EQ(prompt.take_out(), command_line.out);
  ShellRun settings;
  for (const char* set : {"set plan pro", "set utilization 80%", "set currency CNY", "set format csv"}) {
    ASSERT_EQ(settings.shell.run_line(set), 0) << set;
  }
  ASSERT_EQ(settings.shell.run_line("price kling/2.1/pro@5s"), 0);
  EXPECT_EQ(settings.take_out(), command_line.out);
  // A line that starts with a global option keeps the settings it does not override.
  ASSERT_EQ(settings.shell.run_line("--region intl price kling/2.1/pro@5s"), 0);
  EXPECT_EQ(settings.take_out(), command_line.out);

  // A script of those lines.
  const auto script = std::filesystem::temp_directory_path() / ("vidcost-grammar-" + std::to_string(::getpid()) + ".vc");
  std::ofstream(script) << line << "\nset plan pro\nset utilization 0.8\nset currency CNY\nset format csv\n"
                        << "price kling/2.1/pro@5s\n";
  const auto scripted = testing::run({"run", script.string()});
  std::filesystem::remove(script);
  ASSERT_EQ(scripted.exit_code, 0) << scripted.err;
  EXPECT_EQ(scripted.out, command_line.out + command_line.out);
}

TEST(Shell, BlankLinesAndCommentsDoNothing) {
  ShellRun s;
  EXPECT_EQ(s.shell.run_line(""), 0);
  EXPECT_EQ(s.shell.run_line("   # a comment"), 0);
  EXPECT_EQ(s.out.str(), "");
  EXPECT_EQ(s.err.str(), "");
}

TEST(ParserReuse, OptionsOfOneLineDoNotLeakIntoTheNext) {
  Session session;
  std::ostringstream out, err;
  const std::string catalog = std::string(VIDCOST_REPO_ROOT) + "/pricing";
  auto line = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--catalog", catalog, "--as-of", "2026-11-28", "--format", "csv"});
    out.str("");
    return run_command_line(args, session, out, err);
  };
  ASSERT_EQ(line({"price", "kling/2.1/std@5s", "--plan", "gold", "--utilization", "0.5"}), 0);
  EXPECT_NE(out.str().find(",0.7030,116/165,0.5,"), std::string::npos) << out.str();  // 58/165 / 0.5
  ASSERT_EQ(line({"price", "kling/2.1/std@5s"}), 0);
  const std::string all = out.str();
  EXPECT_GT(std::count(all.begin(), all.end(), '\n'), 10);  // --plan was not kept
  EXPECT_EQ(all.find(",0.5,"), std::string::npos);           // nor --utilization
  // A failed parse leaves nothing behind either.
  EXPECT_EQ(line({"price", "kling/2.1/std@5s", "--plan"}), kExitUsage);
  ASSERT_EQ(line({"price", "kling/2.1/std@5s", "--api"}), 0);
  EXPECT_EQ(out.str().find(",plan,"), std::string::npos);
  ASSERT_EQ(line({"price", "kling/2.1/std@5s"}), 0);
  EXPECT_NE(out.str().find(",plan,"), std::string::npos);  // --api was not kept
}

TEST(ParserReuse, AScriptCanRunAnotherScript) {
  const auto dir = std::filesystem::temp_directory_path() / ("vidcost-nested-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto inner = dir / "inner.vc", outer = dir / "outer.vc";
  std::ofstream(inner) << "set currency USD\nprice kling/2.1/std@5s --plan gold\n";
  std::ofstream(outer) << "set format csv\nrun " << inner.string() << "\nprice kling/2.1/std@5s --plan gold\n"
                       << "run " << inner.string() << "\n";
  const auto r = testing::run({"run", outer.string()});
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The inner script starts from the outer one's settings (csv) and its own (USD) end with it:
  // USD row, CNY row, USD row, each under its CSV header. Gold renews at 58 CNY; at the latest rate
  // before the market date (6.9457 CNY a dollar): 58 / 6.9457 = 8.3505 = 8.35 USD.
  std::vector<std::string> rows;
  std::istringstream lines(r.out);
  for (std::string l; std::getline(lines, l);) {
    if (l.rfind("kling/", 0) == 0) rows.push_back(l);
  }
  ASSERT_EQ(rows.size(), 3u) << r.out;
  EXPECT_NE(rows[0].find(",cn,USD,8.35,"), std::string::npos) << rows[0];
  EXPECT_NE(rows[1].find(",cn,CNY,58.00,"), std::string::npos) << rows[1];
  EXPECT_NE(rows[2].find(",cn,USD,8.35,"), std::string::npos) << rows[2];
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

std::size_t count_lines(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::size_t n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

TEST(History, AppendedPerLineAndCappedAtTheLimit) {
  const auto path = std::filesystem::temp_directory_path() / ("vidcost-history-" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  {
    HistoryFile h(path.string(), 3);
    EXPECT_TRUE(h.load().empty());
    for (int i = 1; i <= 10; ++i) {
      h.append("price kling/2.1/pro@5s --plan p" + std::to_string(i));
      EXPECT_LT(count_lines(path), 6u) << "never more than twice the limit on disk";
    }
  }
  HistoryFile again(path.string(), 3);
  EXPECT_EQ(again.load(), (std::vector<std::string>{"price kling/2.1/pro@5s --plan p8",
                                                    "price kling/2.1/pro@5s --plan p9",
                                                    "price kling/2.1/pro@5s --plan p10"}));
  std::filesystem::remove(path);
}

TEST(History, ReadsTheFileLibeditWrote) {
  const auto path = std::filesystem::temp_directory_path() / ("vidcost-history-old-" + std::to_string(::getpid()));
  std::ofstream(path) << "_HiStOrY_V2_\nprice\\040kling/2.1/pro@5s\nshow\\040settings\n";
  HistoryFile h(path.string(), 1000);
  EXPECT_EQ(h.load(), (std::vector<std::string>{"price kling/2.1/pro@5s", "show settings"}));
  // Rewritten once in the plain format.
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "price kling/2.1/pro@5s");
  std::filesystem::remove(path);
}

TEST(History, TheLimitComesFromTheEnvironment) {
  ::setenv("VIDCOST_HISTSIZE", "50", 1);
  EXPECT_EQ(history_limit(), 50u);
  ::setenv("VIDCOST_HISTSIZE", "lots", 1);
  EXPECT_EQ(history_limit(), kDefaultHistorySize);
  ::unsetenv("VIDCOST_HISTSIZE");
  EXPECT_EQ(history_limit(), kDefaultHistorySize);
}

}  // namespace
}  // namespace vidcost
