// Exit codes and error lines of the command line, in-process and through the real binary.
#include <gtest/gtest.h>

#include <poll.h>
#include <sys/wait.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/build_info.h"
#include "cli/shell.h"
#include "test_support.h"

namespace vidcost {
namespace {

using testing::run;

TEST(Cli, BadInputExitsTwoWithOneClearLine) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"price", "kling/2.1"}, "vidcost: 'kling/2.1/*' does not name one generation; write provider/model/mode[@DURATION], e.g. kling/2.1/pro@5s\n"},
      {{"price", "kling/2.1/pro@5s", "--plan", "pr"}, "vidcost: unknown plan 'pr' of kling on 2026-11-28 (did you mean 'pro'?); known: gold, platinum, diamond, black-gold, gold-annual, platinum-annual, diamond-annual, black-gold-annual, standard, pro, premier, ultra, standard-annual, pro-annual, premier-annual, ultra-annual\n"},
      {{"price", "kling/2.1/pro@5s", "-u", "0"}, "vidcost: --utilization '0' must be a share in (0, 1], such as 0.8 or 80%\n"},
      {{"price", "kling/2.1/pro@5s", "-u", "1.01"}, "vidcost: --utilization '1.01' must be a share in (0, 1], such as 0.8 or 80%\n"},
      {{"price", "kling/2.1/pro@5s", "--currency", "EUR"}, "vidcost: --currency 'EUR' is not a known currency; use CNY, USD or native\n"},
      {{"price", "kling/2.1/pro@5s", "--format", "xml"}, "vidcost: --format 'xml' is not a format; use table, csv, json or markdown\n"},
      {{"price", "kling/2.1/pro@5s", "--region", "eu"}, "vidcost: --region 'eu' is not a region; use cn or intl\n"},
      {{"price", "hailuo/02/512p@6s", "--pack", "x"}, "vidcost: unknown pack 'x' of hailuo on 2026-11-28; known: (none)\n"},
      {{"price", "kling/2.6/pro-audio-voice@5s", "--plan", "pro"}, "vidcost: kling/2.6/pro-audio-voice@5s is sold only through the API, not on plans\n"},
      {{"price", "kling/2.1/pro@5s", "--plan", "pro", "--api"}, "vidcost: --plan excludes --api\n"},
      {{"compare", "--offer", "plans"}, "vidcost: --offer 'plans' is not an offer kind; use plan, pack, api or api-pack (did you mean 'plan'?)\n"},
      {{"compare", "--provider", "midjourney"}, "vidcost: unknown provider 'midjourney'; known: baidu, dreamina, google, hailuo, jimeng, kling, openai, pika, pixverse, runway, seedance, vidu\n"},
      {{"compare", "--duration", "7s", "kling"}, "vidcost: nothing in the catalog matches; try 'vidcost catalog show'\n"},
      {{"pirce", "kling/2.1/pro@5s"}, "vidcost: unknown command 'pirce' (did you mean 'price'?); commands: price, compare, cost, margin, recommend, bill, breakeven, history, report, catalog, export, check, completion, manpage, run, repl, =\n"},
      {{"catalog", "show", "klnig"}, "vidcost: unknown provider 'klnig' (did you mean 'kling'?); known: baidu, dreamina, google, hailuo, jimeng, kling, openai, pika, pixverse, runway, seedance, vidu\n"},
  };
  for (const auto& c : cases) {
    const auto r = run(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[0] << " " << c.args[1];
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(r.err, c.error);
  }
}

TEST(Cli, AsOfMustBeADate) {
  const auto r = run({"--as-of", "yesterday", "price", "kling/2.1/pro@5s"}, false);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "vidcost: --as-of 'yesterday' is not a date; write YYYY-MM-DD\n");
}

TEST(Cli, InvalidCatalogExitsThree) {
  const auto r = run({"--catalog", std::string(VIDCOST_TEST_DATA) + "/fixtures/bad", "compare"}, false);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("does not validate"), std::string::npos);
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, ValidateTheShippedCatalog) {
  const auto r = run({"catalog", "validate"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok: 14 files, 12 providers", 0), 0u) << r.out;
}

TEST(Cli, ValidateReportsEveryProblem) {
  const auto r = run({"catalog", "validate", std::string(VIDCOST_TEST_DATA) + "/fixtures/bad/unknown_key.toml"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("unknown_key.toml:17:1: [[plan]] 'pro': unknown key 'credit_per_month' (did you mean "
                       "'credits_per_month'?)\n"),
            std::string::npos);
  EXPECT_NE(r.err.find("unknown_key.toml:10:1: [[plan]] 'pro': missing required field 'credits_per_month'"),
            std::string::npos);
  EXPECT_NE(r.err.find("2 problems in 1 file\n"), std::string::npos) << r.err;
}

TEST(Cli, HelpEverywhere) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"price", "--help"}, {"compare", "--help"}, {"catalog", "--help"},
        {"catalog", "validate", "--help"}, {"catalog", "show", "--help"}, {"catalog", "schema", "--help"}, {"cost", "--help"}}) {
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << args[0];
  }
}

// Through the real binary: exit statuses as a shell sees them.
int shell_status_with(const std::string& environment, const std::string& args, std::string* out);
int shell_status(const std::string& args, std::string* out = nullptr) { return shell_status_with("", args, out); }

// The same with environment assignments in front ("NAME=value ").
int shell_status_with(const std::string& environment, const std::string& args, std::string* out) {
  const std::string command = environment + std::string(VIDCOST_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  std::string text;
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
  const int status = pclose(pipe);
  if (out) *out = text;
  return WEXITSTATUS(status);
}

TEST(Binary, ExitCodes) {
  std::string out;
  EXPECT_EQ(shell_status("--version", &out), 0);
  EXPECT_EQ(out, std::string(version()) + "\n");
  // A fixed market date: the answer must not depend on the day the test runs.
  const std::string catalog = std::string("--as-of 2026-11-28 --catalog ") + VIDCOST_REPO_ROOT + "/pricing";
  EXPECT_EQ(shell_status(catalog + " price kling/2.1/pro@5s --plan pro --format csv", &out), 0);
  EXPECT_NE(out.find("kling/2.1/pro@5s,kling,2.1,pro,1080p,5,false,plan,pro,"), std::string::npos) << out;
  EXPECT_EQ(shell_status(catalog + " price nope/1/2@5s"), 2);
  EXPECT_EQ(shell_status(std::string("--catalog ") + VIDCOST_TEST_DATA + "/fixtures/bad compare"), 3);
  EXPECT_EQ(shell_status("catalog validate " + std::string(VIDCOST_TEST_DATA) + "/fixtures/bad/zero_price.toml"), 3);
  EXPECT_EQ(shell_status(catalog + " run /no/such/script.vc"), 5);  // a file that cannot be read
}

TEST(Binary, TheCatalogCacheChangesNothingButSpeed) {
  const auto dir = std::filesystem::temp_directory_path() / ("vidcost-cache-" + std::to_string(::getpid()));
  const std::string args = std::string("--as-of 2026-11-28 --catalog ") + VIDCOST_REPO_ROOT + "/pricing compare --format csv";
  std::string parsed, filled, read;
  EXPECT_EQ(shell_status_with("VIDCOST_CACHE_DIR= ", args, &parsed), 0);
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_EQ(shell_status_with("VIDCOST_CACHE_DIR=" + dir.string() + " ", args, &filled), 0);
  ASSERT_TRUE(std::filesystem::is_directory(dir));  // made by the first run
  EXPECT_EQ(shell_status_with("VIDCOST_CACHE_DIR=" + dir.string() + " ", args, &read), 0);
  EXPECT_GT(parsed.size(), 100000u);
  EXPECT_EQ(filled, parsed);
  EXPECT_EQ(read, parsed);
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) entries += e.path().extension() == ".bin";
  EXPECT_EQ(entries, 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(Robustness, AScriptThatRunsItselfIsAClearErrorAndKeepsEarlierOutput) {
  const auto dir = std::filesystem::temp_directory_path() / ("vidcost-recursion-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto a = dir / "a.vc", b = dir / "b.vc", c = dir / "c.vc";
  std::ofstream(a) << "= 1 + 1\nrun " << a.string() << "\n";
  std::ofstream(b) << "run " << c.string() << "\n";
  std::ofstream(c) << "run " << b.string() << "\n";
  const auto direct = testing::run({"run", a.string()});
  EXPECT_EQ(direct.exit_code, 2);
  EXPECT_EQ(direct.out, "2\n");  // the line before the recursion ran
  EXPECT_EQ(direct.err, a.string() + ":2: script recursion: " + a.string() +
                            " is already running (it runs itself, directly or through another script)\n");
  const auto through = testing::run({"run", b.string()});
  EXPECT_EQ(through.exit_code, 2);
  EXPECT_NE(through.err.find("script recursion: " + b.string() + " is already running"), std::string::npos)
      << through.err;
  std::filesystem::remove_all(dir);
}

TEST(Robustness, AScriptsHeldOutputKeepsItsOrderWithErrorsAndReportsAFullDevice) {
  // A script file's output is held and written in large pieces; its diagnostics still come
  // after the lines before them and before the lines after them when both go to one file.
  const auto dir = std::filesystem::temp_directory_path() / ("vidcost-held-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto script = dir / "s.vc", both = dir / "both.txt";
  std::ofstream(script) << "= 1 + 1\nprice nope/1/2@5s\n= 2 + 2\n";
  const std::string binary = std::string("'") + VIDCOST_BINARY + "' --catalog '" + VIDCOST_REPO_ROOT +
                             "/pricing' --as-of 2026-11-28 run --keep-going '" + script.string() + "'";
  const int status = std::system((binary + " > '" + both.string() + "' 2>&1").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream in(both);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto error = text.find(script.string() + ":2: ");
  ASSERT_NE(error, std::string::npos) << text;
  EXPECT_EQ(text.rfind("2\n", 0), 0u) << text;  // the first line's answer, first
  const auto last = text.find("\n4\n", error);   // the third line's, after the error
  EXPECT_NE(last, std::string::npos) << text;
  EXPECT_EQ(text.find("4\n"), last + 1) << text;  // and nowhere before it
  // Held output that cannot be written is no success either.
  const int full = std::system((binary + " > /dev/full 2> /dev/null").c_str());
  ASSERT_TRUE(WIFEXITED(full));
  EXPECT_EQ(WEXITSTATUS(full), 5);
  std::filesystem::remove_all(dir);
}

// Reads from `fd` until `text` has arrived; false when it has not after `seconds` (a hang, not a
// slow machine: the answer takes milliseconds).
bool read_until(int fd, const std::string& text, std::string& got, int seconds) {
  for (int waited = 0; got.find(text) == std::string::npos; ++waited) {
    if (waited >= seconds * 10) return false;
    struct pollfd p {fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return false;
    got.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

TEST(Robustness, AScriptFromStdinAnswersEachLineBeforeTheNextArrives) {
  // A program that drives `vidcost run -` through pipes writes a line and waits for its answer:
  // the answer must not sit in a buffer until more lines come.
  int to_child[2], from_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(to_child[0], STDIN_FILENO);
    dup2(from_child[1], STDOUT_FILENO);
    for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) close(fd);
    const std::string catalog = std::string(VIDCOST_REPO_ROOT) + "/pricing";
    execl(VIDCOST_BINARY, VIDCOST_BINARY, "--catalog", catalog.c_str(), "--as-of", "2026-11-28", "run", "-",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  std::string got;
  const std::string first = "= 1 + 1\n", second = "= 20 + 22\n";
  ASSERT_EQ(::write(to_child[1], first.data(), first.size()), static_cast<ssize_t>(first.size()));
  EXPECT_TRUE(read_until(from_child[0], "2\n", got, 30)) << got;  // stdin still open: more may come
  ASSERT_EQ(::write(to_child[1], second.data(), second.size()), static_cast<ssize_t>(second.size()));
  EXPECT_TRUE(read_until(from_child[0], "42\n", got, 30)) << got;
  close(to_child[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  close(from_child[0]);
  EXPECT_EQ(got, "2\n42\n");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(Robustness, OutputThatCannotBeWrittenIsNotASuccess) {
  // The binary's stdout on a full device: exit 5 and a message, never 0.
  const std::string command = std::string("'") + VIDCOST_BINARY + "' --catalog '" + VIDCOST_REPO_ROOT +
                              "/pricing' --as-of 2026-11-28 compare > /dev/full 2> /dev/null";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 5);
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(Robustness, HostileCatalogTextNeverReachesTheTerminalRaw) {
  // The fixture's plan name holds a clear-screen, a window-title sequence, a bell and a
  // right-to-left override; its API pack's name is a spreadsheet formula.
  const std::string catalog = std::string(VIDCOST_TEST_DATA) + "/fixtures/hostile_provider.toml";
  const std::vector<std::vector<std::string>> commands = {
      {"catalog", "show"},
      {"catalog", "show", "--format", "csv"},
      {"catalog", "show", "--format", "markdown"},
      {"compare"},
      {"compare", "--format", "csv"},
      {"compare", "--format", "markdown"},
      {"price", "acme/1.0/std@5s", "--plan", "pro\x1b[31m"},
      {"catalog", "diff", catalog, std::string(VIDCOST_TEST_DATA) + "/fixtures/base_provider.toml"},
  };
  for (auto args : commands) {
    args.insert(args.begin(), {"--catalog", catalog, "--as-of", "2026-11-28"});
    const auto r = testing::run(args, false);
    const std::string all = r.out + r.err;
    EXPECT_EQ(all.find('\x1b'), std::string::npos) << args[4] << ": " << all;
    EXPECT_EQ(all.find('\x07'), std::string::npos) << args[4];
    EXPECT_EQ(all.find("\xe2\x80\xae"), std::string::npos) << args[4];
  }
  const auto csv = testing::run({"--catalog", catalog, "--as-of", "2026-11-28", "catalog", "show", "--format", "csv"},
                                false);
  EXPECT_NE(csv.out.find("\"'=HYPERLINK("), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("Pro\\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil"), std::string::npos) << csv.out;
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(Robustness, UtilizationScalesTheClipAndTheSecondAlike) {
  // Pro renews at 32.56 USD for 3000 credits, 25 a clip: 0.27133 USD a clip at full use; at half
  // use 0.54267 a clip and 0.108533 a second (0.54267 / 5), never one without the other.
  const auto r = testing::run({"price", "kling/2.5-turbo/pro@5s", "--plan", "pro", "-u", "0.5", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(",0.5427,0.1085,407/3750,0.5,"), std::string::npos) << r.out;
  const auto clip = testing::run({"compare", "kling/2.5-turbo/pro@5s", "--offer", "plan", "-u", "0.5", "--unit", "clip",
                                  "--region", "intl", "--format", "csv"});
  ASSERT_EQ(clip.exit_code, 0) << clip.err;
  EXPECT_NE(clip.out.find(",0.5427,0.1085,0.5427,"), std::string::npos) << clip.out;
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Newcomer, NoCommandOnAPipeSaysWhatItExpects) {
  const auto r = testing::run({}, false);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err.rfind("vidcost: expected a command", 0), 0u) << r.err;
}

TEST(Newcomer, PromptLinesFromAPipeNameTheirLineInErrors) {
  const auto dir = std::filesystem::temp_directory_path() / ("vidcost-piped-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "lines") << "price kling/2.1/prx@5s\n= 1 + 1\nprice x\n";
  const std::string command = std::string("'") + VIDCOST_BINARY + "' repl < '" + (dir / "lines").string() + "' > '" +
                              (dir / "out").string() + "' 2> '" + (dir / "err").string() + "'";
  (void)std::system(command.c_str());
  EXPECT_EQ(slurp(dir / "out"), "2\n");
  const std::string err = slurp(dir / "err");
  EXPECT_EQ(err.rfind("-:1: unknown mode 'prx' of kling/2.1", 0), 0u) << err;
  EXPECT_NE(err.find("\n-:3: 'x/*/*' does not name one generation"), std::string::npos) << err;
  std::filesystem::remove_all(dir);
}

TEST(Newcomer, ReloadCountsTheFilesValidateCounts) {
  std::ostringstream out, err;
  Session session;
  Settings base;
  base.catalog_dir = std::string(VIDCOST_REPO_ROOT) + "/pricing";
  Shell shell(session, base, out, err);
  ASSERT_EQ(shell.run_line("reload"), 0);
  const auto validate = testing::run({"catalog", "validate"});
  // "ok: 14 files, ..." and "reloaded DIR (14 files)": the same count.
  const std::string files = validate.out.substr(4, validate.out.find(" files") - 4);
  EXPECT_NE(err.str().find("(" + files + " files)"), std::string::npos) << err.str() << " vs " << validate.out;
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(Robustness, RunningADirectoryIsAnErrorNotASilentSuccess) {
  const auto r = testing::run({"run", std::filesystem::temp_directory_path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is a directory, not a file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace vidcost
