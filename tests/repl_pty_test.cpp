// The prompt through a real pseudo-terminal: completion, history kept between runs, settings,
// error recovery, Ctrl-C and Ctrl-D. Each step waits for the text it expects (with a generous
// deadline that only matters when the prompt hangs); nothing here measures speed.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace vidcost {
namespace {

namespace fs = std::filesystem;

// Removes terminal escape sequences, carriage returns and bells, and applies backspaces, so the
// tests read what a user sees.
std::string visible(const std::string& raw) {
  static const std::regex kEscape("\x1b(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78]|\\][^\x07]*\x07)");
  std::string text;
  for (char c : std::regex_replace(raw, kEscape, "")) {
    if (c == '\b') {
      if (!text.empty()) text.pop_back();  // the line editor moves back to redraw a word
    } else if (c != '\r' && c != '\a') {
      text += c;
    }
  }
  return text;
}

class Prompt {
 public:
  explicit Prompt(const fs::path& state_dir) {
    struct winsize size {};
    size.ws_row = 50;
    size.ws_col = 200;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      setenv("XDG_STATE_HOME", state_dir.c_str(), 1);
      setenv("VIDCOST_CATALOG", VIDCOST_REPO_ROOT "/pricing", 1);
      setenv("TERM", "xterm", 1);
      setenv("NO_COLOR", "1", 1);
      execl(VIDCOST_BINARY, VIDCOST_BINARY, "repl", "--as-of", "2026-11-28", static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~Prompt() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }
  bool started() const { return pid_ > 0; }

  void send(const std::string& keys) {
    ASSERT_EQ(write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size()));
  }

  // Reads until the visible output since the last call contains `text`; returns that output.
  std::string expect(const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (visible(pending_).find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline || !read_some()) {
        ADD_FAILURE() << "never saw \"" << text << "\"; the prompt showed:\n" << visible(pending_);
        break;
      }
    }
    std::string seen = visible(pending_);
    const auto at = seen.find(text);
    if (at != std::string::npos) {
      // Keep what follows the match for the next expectation.
      const std::string rest = seen.substr(at + text.size());
      pending_ = rest;
      return seen.substr(0, at + text.size());
    }
    pending_.clear();
    return seen;
  }

  // Waits for the prompt, then until the line editor has the terminal in raw mode: a key sent
  // before that (while the terminal is still line-buffered) could be read differently, Ctrl-D
  // most of all.
  std::string at_prompt() {
    const std::string seen = expect("vidcost> ");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    struct termios mode {};
    while (tcgetattr(master_, &mode) == 0 && (mode.c_lflag & ICANON) != 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "the line editor never took the terminal";
        break;
      }
      usleep(2000);
    }
    return seen;
  }

  // Waits for the process to end and returns its exit status (-1 if it did not end).
  int wait_exit() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      read_some();
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
    }
    std::ifstream stat("/proc/" + std::to_string(pid_) + "/wchan");
    std::string wchan;
    stat >> wchan;
    ADD_FAILURE() << "still running in " << wchan << "; showed:\n" << visible(pending_);
    return -1;
  }

 private:
  bool read_some() {
    struct pollfd p {master_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) return true;  // nothing yet; the caller checks its deadline
    char buffer[4096];
    const ssize_t n = read(master_, buffer, sizeof buffer);
    if (n <= 0) return false;  // the child closed the terminal
    pending_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int master_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string pending_;
};

class PromptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = fs::temp_directory_path() / ("vidcost-pty-" + std::to_string(getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(state_);
    fs::create_directories(state_);
  }
  void TearDown() override { fs::remove_all(state_); }
  fs::path state_;
};

TEST_F(PromptTest, CompletesCommandsOptionsAndCatalogIds) {
  Prompt p(state_);
  ASSERT_TRUE(p.started());
  p.at_prompt();
  // "pri" + Tab completes the command; "kling/2.1/st" + Tab the generation id up to where the
  // candidates (std, std@5s, std@10s) part; "--pl" the option; "gol" the plan id.
  p.send("pri\t");
  p.expect("price ");
  p.send("kling/2.1/st\t");
  p.expect("kling/2.1/std");
  p.send("@5s --pl\t");
  p.expect("--plan ");
  p.send("gol\t");
  p.expect("gold");
  p.send("\n");
  // Gold renews at 58 CNY: 58 CNY / 660 credits x 20 credits / 5 s = 58/165 = 0.3515 CNY a second.
  const std::string answer = p.at_prompt();
  EXPECT_NE(answer.find("0.3515"), std::string::npos) << answer;
  EXPECT_NE(answer.find("黄金会员"), std::string::npos) << answer;
  p.send("\x04");
  EXPECT_EQ(p.wait_exit(), 0);
}

TEST_F(PromptTest, CompletionKnowsItsPosition) {
  Prompt p(state_);
  ASSERT_TRUE(p.started());
  p.at_prompt();
  // After --format only formats: "j" is json (not jimeng); "@1" inside a word completes the
  // duration (10s), since "@" does not break words; after "set", the setting names.
  p.send("compare kling/2.1/pro@1\t");
  p.expect("kling/2.1/pro@10s");
  p.send(" --format j\t");
  p.expect("json");
  p.send("\n");
  const std::string answer = p.at_prompt();
  EXPECT_NE(answer.find("\"spec\": \"kling/2.1/pro@10s\""), std::string::npos) << answer;
  p.send("set price-b\t");
  p.expect("price-basis");
  p.send(" li\t");
  p.expect("list");
  p.send("\n");
  p.at_prompt();
  p.send("\x04");
  EXPECT_EQ(p.wait_exit(), 0);
}

TEST_F(PromptTest, SettingsErrorsAndCtrlCKeepTheSessionGoing) {
  Prompt p(state_);
  ASSERT_TRUE(p.started());
  p.at_prompt();
  p.send("prise kling/2.1/std@5s\n");
  const std::string typo = p.at_prompt();
  EXPECT_NE(typo.find("did you mean 'price'?"), std::string::npos) << typo;

  p.send("set currency USD\n");
  p.at_prompt();
  p.send("set plan gold\n");
  p.at_prompt();
  p.send("price kling/2.1/std@5s\n");
  // 58 CNY at 6.9457 CNY/USD (the latest rate before the market date) is 8.35 USD.
  const std::string in_usd = p.at_prompt();
  EXPECT_NE(in_usd.find("8.35"), std::string::npos) << in_usd;
  EXPECT_NE(in_usd.find("USD"), std::string::npos) << in_usd;

  p.send("show settings\n");
  const std::string settings = p.at_prompt();
  EXPECT_NE(settings.find("currency     USD"), std::string::npos) << settings;
  EXPECT_NE(settings.find("plan         gold"), std::string::npos) << settings;

  p.send("set utilization 2\n");
  const std::string bad = p.at_prompt();
  EXPECT_NE(bad.find("must be a share in (0, 1]"), std::string::npos) << bad;

  // Ctrl-C drops the half-typed line; the next line runs on its own.
  p.send("= 1 + ");
  p.expect("= 1 + ");
  p.send("\x03");
  p.at_prompt();
  p.send("= 6 * 7\n");
  const std::string product = p.at_prompt();
  EXPECT_NE(product.find("42"), std::string::npos) << product;
  EXPECT_EQ(product.find("vidcost:"), std::string::npos) << product;  // no error: "= 1 + " is gone

  p.send("quit\n");
  EXPECT_EQ(p.wait_exit(), 0);
}

TEST_F(PromptTest, HistoryIsKeptFromOneRunToTheNext) {
  {
    Prompt first(state_);
    ASSERT_TRUE(first.started());
    first.at_prompt();
    first.send("= 266 CNY / 3000 * 35 / 5\n");
    const std::string answer = first.at_prompt();
    // 266 / 3000 x 35 / 5 = 931/1500 CNY.
    EXPECT_NE(answer.find("CNY 0.6207 (931/1500)"), std::string::npos) << answer;
    first.send("\x04");
    EXPECT_EQ(first.wait_exit(), 0);
  }
  std::ifstream saved(state_ / "vidcost" / "history");
  std::stringstream history;
  history << saved.rdbuf();
  // One plain line per entry, appended as typed.
  EXPECT_EQ(history.str(), "= 266 CNY / 3000 * 35 / 5\n");

  Prompt second(state_);
  ASSERT_TRUE(second.started());
  second.at_prompt();
  second.send("\x1b[A");  // up arrow: the last line of the previous run
  second.expect("= 266 CNY / 3000 * 35 / 5");
  second.send("\n");
  const std::string again = second.at_prompt();
  EXPECT_NE(again.find("931/1500"), std::string::npos) << again;
  second.send("\x04");
  EXPECT_EQ(second.wait_exit(), 0);
}

}  // namespace
}  // namespace vidcost
