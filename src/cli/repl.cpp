// `vidcost repl`: the interactive prompt. Line editing, persistent history and tab completion
// come from libedit; every line goes through the same Shell as scripts.
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string_view>

#include <editline/readline.h>
#include <fmt/format.h>

#include "cli/build_info.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/history_file.h"
#include "cli/completion.h"
#include "cli/shell.h"

namespace vidcost {
namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_interrupt(int) { g_interrupted = 1; }

// The signal mask while waiting for a key: the prompt's own, with SIGINT let through.
sigset_t g_waiting_mask;

// libedit's own reader retries a read that a signal interrupted, so Ctrl-C would not end the
// line; this one reports end of input instead, and the loop below sees the interrupt flag.
// SIGINT is blocked while readline runs and let through only inside ppoll, atomically: a Ctrl-C
// that came while the line editor was busy (echoing a key) waits for the next wait instead of
// landing before a read that would then block with the flag already set.
int read_key(FILE* stream) {
  const int fd = fileno(stream);
  for (;;) {
    if (g_interrupted) return EOF;
    pollfd ready{fd, POLLIN, 0};
    if (ppoll(&ready, 1, nullptr, &g_waiting_mask) < 0) {
      if (errno == EINTR) continue;
      return EOF;
    }
    unsigned char c = 0;
    const ssize_t n = read(fd, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return EOF;
  }
}

std::string history_path() {
  namespace fs = std::filesystem;
  fs::path dir;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    dir = fs::path(state) / "vidcost";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = fs::path(home) / ".local" / "state" / "vidcost";
  } else {
    return "";
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  return ec ? "" : (dir / "history").string();
}

// What Tab completes (cli/completion.h), rebuilt when the catalog changes; readline's callbacks
// are plain functions, so it lives here.
std::unique_ptr<Completer> g_completer;
const std::vector<std::string>* g_completing = nullptr;

void collect_candidates(Context& ctx) { g_completer = std::make_unique<Completer>(ctx); }

char* generate(const char* text, int state) {
  static std::size_t index;
  static std::size_t length;
  if (state == 0) {
    index = 0;
    length = std::strlen(text);
  }
  while (g_completing && index < g_completing->size()) {
    const std::string& word = (*g_completing)[index++];
    if (word.compare(0, length, text) == 0) return strdup(word.c_str());
  }
  return nullptr;
}

char** complete(const char* text, int start, int) {
  rl_attempted_completion_over = 1;
  const std::string_view before(rl_line_buffer, static_cast<std::size_t>(std::max(0, start)));
  const auto end = before.find_last_not_of(" \t");
  if (end == std::string_view::npos) {
    g_completing = &g_completer->first_words();  // the command position
  } else {
    // The word before this one: an option with known values, or set/unset/show.
    const auto from = before.find_last_of(" \t", end);
    const std::string previous(before.substr(from == std::string_view::npos ? 0 : from + 1,
                                             end - (from == std::string_view::npos ? 0 : from + 1) + 1));
    const auto* values = g_completer->values_after(previous);
    g_completing = values ? values : &g_completer->words();
  }
  return rl_completion_matches(text, generate);
}

int run_piped(Context& ctx) {
  // Not a terminal: no prompt, no line editing, no escape codes; errors do not stop the input.
  Shell shell(ctx.session, ctx.options, ctx.out, ctx.err);
  int last = kExitOk;
  int number = 0;
  for (std::string line; !shell.quit_requested() && std::getline(std::cin, line);) {
    ++number;
    // Errors name their line, as a script's do: "-:3: unknown mode ...".
    std::ostringstream errors;
    const int code = shell.run_line_to(line, errors);
    std::istringstream messages(errors.str());
    for (std::string text; std::getline(messages, text);) {
      if (code == kExitOk) {
        ctx.err << text << '\n';
        continue;
      }
      if (text.rfind("vidcost: ", 0) == 0) text.erase(0, 9);
      ctx.err << "-:" << number << ": " << text << '\n';
    }
    if (code != kExitOk) last = code;
    ctx.out.flush();
  }
  return last;
}

int run_repl(Context& ctx) {
  if (!isatty(STDIN_FILENO)) return run_piped(ctx);
  collect_candidates(ctx);
  rl_readline_name = const_cast<char*>("vidcost");
  rl_attempted_completion_function = complete;
  // Words break at blanks and quotes only: "pro@5" and "--as-of=" stay one word.
  // (libedit reads the basic set; GNU readline the completer's.)
  static char breaks[] = " \t\n\"'";
  rl_basic_word_break_characters = breaks;
  rl_completer_word_break_characters = breaks;
  rl_getc_function = read_key;
  using_history();
  const std::size_t limit = history_limit();
  stifle_history(static_cast<int>(limit));
  HistoryFile history(history_path(), limit);
  for (const auto& entry : history.load()) add_history(entry.c_str());

  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);
  sigset_t only_interrupt, unblocked;
  sigemptyset(&only_interrupt);
  sigaddset(&only_interrupt, SIGINT);
  sigprocmask(SIG_BLOCK, nullptr, &unblocked);
  sigdelset(&unblocked, SIGINT);
  g_waiting_mask = unblocked;

  Shell shell(ctx.session, ctx.options, ctx.out, ctx.err);
  ctx.err << fmt::format("vidcost {}: type help for the commands, quit or Ctrl-D to leave\n", version());
  while (!shell.quit_requested()) {
    g_interrupted = 0;
    sigprocmask(SIG_BLOCK, &only_interrupt, nullptr);
    char* raw = readline("vidcost> ");
    sigprocmask(SIG_UNBLOCK, &only_interrupt, nullptr);
    if (!raw) {
      if (g_interrupted) {
        ctx.err << '\n';  // Ctrl-C cancels the line, not the program
        continue;
      }
      ctx.err << '\n';
      break;  // Ctrl-D
    }
    std::unique_ptr<char, decltype(&std::free)> owned(raw, &std::free);
    const std::string line(raw);
    if (line.find_first_not_of(" \t") != std::string::npos) {
      add_history(raw);
      history.append(line);
    }
    shell.run_line(line);
    // A changed or re-read catalog brings new ids to complete.
    if (line.find("reload") != std::string::npos || line.find("catalog") != std::string::npos) {
      Context now = ctx;
      now.options = shell.settings();
      collect_candidates(now);
    }
    ctx.out.flush();
    ctx.err.flush();
  }
  sigaction(SIGINT, &previous, nullptr);
  return kExitOk;
}

}  // namespace

void attach_repl(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("repl", "The interactive prompt (also: vidcost with no command, on a terminal)");
  cmd->footer("History is kept in $XDG_STATE_HOME/vidcost/history (or ~/.local/state/vidcost/history), the last "
              "VIDCOST_HISTSIZE lines (1000).\n"
              "Tab completes commands, options and ids; Ctrl-C cancels a line; Ctrl-D or quit leaves.");
  cmd->callback([&action] { action = [](Context& ctx) { return run_repl(ctx); }; });
}

}  // namespace vidcost
