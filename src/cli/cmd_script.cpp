// `vidcost = EXPR` (the calculator) and `vidcost run FILE|-` (scripts of prompt lines).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/held_output.h"
#include "cli/shell.h"
#include "core/error.h"
#include "core/files.h"
#include "money/calculator.h"

namespace vidcost {
namespace {

struct RunOptions {
  std::string file;
  bool keep_going = false;
};

// Prefixes every line of `messages` with "FILE:LINE: ", dropping the "vidcost: " each starts with.
void report_at(std::ostream& err, const std::string& file, int line, const std::string& messages) {
  std::istringstream in(messages);
  for (std::string text; std::getline(in, text);) {
    if (text.rfind("vidcost: ", 0) == 0) text.erase(0, 9);
    err << fmt::format("{}:{}: {}\n", file, line, text);
  }
}

int run_script(Context& ctx, const RunOptions& o) {
  std::istringstream file;
  std::istream* in = &std::cin;
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  // A script known by its canonical path, so that "a.vc" and "./a.vc" are one.
  std::string identity = name;
  if (o.file != "-") {
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(o.file, ec);
    if (!ec) identity = canonical.string();
  }
  auto& running = ctx.session.running_scripts;
  if (std::find(running.begin(), running.end(), identity) != running.end()) {
    throw Error::bad_input(fmt::format("script recursion: {} is already running (it runs itself, directly or "
                                       "through another script)",
                                       name));
  }
  if (running.size() >= kMaxScriptDepth) {
    throw Error::bad_input(fmt::format("script recursion: scripts run each other more than {} deep", kMaxScriptDepth));
  }
  if (o.file != "-") {
    file.str(read_input_file(o.file));
    in = &file;
  }
  running.push_back(identity);
  struct Pop {
    std::vector<std::string>& v;
    ~Pop() { v.pop_back(); }
  } pop{running};
  // A script file's lines are all known, so its output is held and written in large pieces;
  // lines from stdin may come from a program waiting for each answer, and a terminal shows
  // each line's output as it comes.
  std::optional<HeldStream> held;
  if (o.file != "-" && !ctx.session.stdout_is_terminal) held.emplace(ctx.out, ctx.err);
  Shell shell(ctx.session, ctx.options, held ? held->stream() : ctx.out, ctx.err);
  int number = 0, failures = 0, last_code = kExitOk;
  // A line's diagnostics are collected so that a failing one can name its place (one stream,
  // emptied for each line: making a stream costs more than a short line's work).
  std::ostringstream errors;
  for (std::string line; std::getline(*in, line);) {
    ++number;
    errors.str(std::string());
    errors.clear();
    const int code = shell.run_line_to(line, errors);
    if (code != kExitOk) {
      report_at(ctx.err, name, number, errors.str());
      ++failures;
      last_code = code;
      if (!o.keep_going) return code;
    } else if (!errors.view().empty()) {
      // Only when there is something: any write to the error stream flushes the output first,
      // and a write for every line would make a script of 20 000 lines 20 000 writes.
      ctx.err << errors.view();
    }
    if (!held) ctx.out.flush();  // a terminal shows it now; a program feeding stdin may wait for it
    if (shell.quit_requested()) break;
  }
  if (failures > 0) {
    ctx.err << fmt::format("{}: {} line{} failed\n", name, failures, failures == 1 ? "" : "s");
    return last_code;
  }
  return kExitOk;
}

}  // namespace

int run_calculator(Context& ctx, const std::vector<std::string>& words) {
  std::string expression;
  for (const auto& w : words) expression += (expression.empty() ? "" : " ") + w;
  std::string fx_note;
  const CalcValue v = evaluate(expression, ctx.catalog().fx, ctx.as_of(), &fx_note);
  if (ctx.render_options().format == Format::Table) {
    ctx.out << describe(v) << '\n';
  } else {
    Table t;
    t.columns = {{"value"}, {"exact"}, {"currency"}, {"unit"}};
    const std::string unit = unit_suffix(v);
    t.add_row({Cell::number(format_plain(v.value, 4)), Cell::of(format_exact(v.value)),
               v.currency ? Cell::of(std::string(currency_code(*v.currency))) : Cell::null(),
               unit.empty() ? Cell::null() : Cell::of(unit)});
    ctx.render(t);
  }
  if (!fx_note.empty()) ctx.err << "converted " << fx_note << '\n';
  return kExitOk;
}

void attach_run(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("run", "Run a script of prompt lines (FILE, or - for standard input)");
  auto o = fresh_options<RunOptions>(cmd);
  cmd->add_option("file", o->file, "The script; '-' reads standard input")->required();
  cmd->add_flag("--keep-going,-k", o->keep_going, "Report every failing line instead of stopping at the first");
  cmd->footer("A script is prompt lines: commands, settings (set currency USD), = calculations; # starts a "
              "comment.\nOn an error it stops with FILE:LINE: message and the line's exit code.");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_script(ctx, *o); }; });
}

void attach_calculator(CLI::App& app, Action&) {
  // Listed for help; run_command_line hands the words after "=" to run_calculator itself.
  app.add_subcommand("=", "Exact arithmetic on amounts: = 266 CNY / 3000 cr x 35 cr / 5 s, = 0.07 USD x 60 in CNY");
}

}  // namespace vidcost
