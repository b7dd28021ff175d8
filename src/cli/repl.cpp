// `vidcost repl`: the interactive prompt. Line editing, persistent history and tab completion
// come from libedit; every line goes through the same Shell as scripts.
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
#include <set>
#include <string_view>

#include <editline/readline.h>
#include <fmt/format.h>

#include "cli/build_info.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/shell.h"

namespace vidcost {
namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_interrupt(int) { g_interrupted = 1; }

// libedit's own reader retries a read that a signal interrupted, so Ctrl-C would not end the
// line; this one reports end of input instead, and the loop below sees the interrupt flag.
int read_key(FILE* stream) {
  unsigned char c = 0;
  for (;;) {
    const ssize_t n = read(fileno(stream), &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR && !g_interrupted) continue;
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

// The words a line can start with (commands and prompt words), and every word the prompt can
// complete later in a line: settings, options, and the ids of the loaded catalogs. Kept apart so
// that "pri" completes to the command "price", not to the setting "price-basis".
std::vector<std::string> g_first_words;
std::vector<std::string> g_candidates;
const std::vector<std::string>* g_completing = &g_candidates;

void collect_candidates(Context& ctx) {
  std::set<std::string> first;
  for (const auto& c : command_table()) first.insert(std::string(c.name));
  for (const auto& w : Shell::prompt_words()) first.insert(w);
  g_first_words.assign(first.begin(), first.end());
  std::set<std::string> words = first;
  for (const auto& w : Shell::setting_names()) words.insert(w);
  words.insert("settings");
  CLI::App app;
  Action unused;
  for (const auto& c : command_table()) c.attach(app, unused);
  std::vector<CLI::App*> apps = {&app};
  while (!apps.empty()) {
    CLI::App* a = apps.back();
    apps.pop_back();
    for (const CLI::Option* opt : a->get_options()) {
      for (const auto& name : opt->get_lnames()) words.insert("--" + name);
    }
    for (CLI::App* sub : a->get_subcommands({})) {
      words.insert(sub->get_name());
      apps.push_back(sub);
    }
  }
  for (const char* g : {"--catalog", "--currency", "--format", "--region", "--as-of", "--no-color"}) words.insert(g);
  try {
    const Catalog& catalog = ctx.catalog();
    for (const auto& p : catalog.providers) {
      words.insert(p.id);
      for (const auto& plan : p.plans) words.insert(plan.id);
      for (const auto& pack : p.packs) words.insert(pack.id);
      for (const auto& m : p.models) {
        for (const auto& mode : m.modes) {
          words.insert(fmt::format("{}/{}/{}", p.id, m.id, mode.id));
          for (int s : mode.durations) words.insert(fmt::format("{}/{}/{}@{}s", p.id, m.id, mode.id, s));
        }
      }
    }
    const ComputeCatalog& compute = ctx.compute();
    for (const auto& g : compute.gpus) words.insert(g.id);
    for (const auto& a : compute.archs) words.insert(a.id);
  } catch (const std::exception&) {
    // An invalid catalog leaves only the commands to complete; the next command reports it.
  }
  g_candidates.assign(words.begin(), words.end());
}

char* generate(const char* text, int state) {
  static std::size_t index;
  static std::size_t length;
  if (state == 0) {
    index = 0;
    length = std::strlen(text);
  }
  while (index < g_completing->size()) {
    const std::string& word = (*g_completing)[index++];
    if (word.compare(0, length, text) == 0) return strdup(word.c_str());
  }
  return nullptr;
}

char** complete(const char* text, int start, int) {
  rl_attempted_completion_over = 1;
  const std::string_view before(rl_line_buffer, static_cast<std::size_t>(std::max(0, start)));
  const bool first_word = before.find_first_not_of(" \t") == std::string_view::npos;
  g_completing = first_word ? &g_first_words : &g_candidates;
  return rl_completion_matches(text, generate);
}

int run_piped(Context& ctx) {
  // Not a terminal: no prompt, no line editing, no escape codes; errors do not stop the input.
  Shell shell(ctx.session, ctx.options, ctx.out, ctx.err);
  int last = kExitOk;
  for (std::string line; !shell.quit_requested() && std::getline(std::cin, line);) {
    const int code = shell.run_line(line);
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
  rl_getc_function = read_key;
  const std::string history = history_path();
  using_history();
  if (!history.empty()) read_history(history.c_str());

  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);

  Shell shell(ctx.session, ctx.options, ctx.out, ctx.err);
  ctx.err << fmt::format("vidcost {}: type help for the commands, quit or Ctrl-D to leave\n", version());
  while (!shell.quit_requested()) {
    g_interrupted = 0;
    char* raw = readline("vidcost> ");
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
      if (!history.empty()) write_history(history.c_str());
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
  cmd->footer("History is kept in $XDG_STATE_HOME/vidcost/history (or ~/.local/state/vidcost/history).\n"
              "Tab completes commands, options and ids; Ctrl-C cancels a line; Ctrl-D or quit leaves.");
  cmd->callback([&action] { action = [](Context& ctx) { return run_repl(ctx); }; });
}

}  // namespace vidcost
