// The command table: one entry per command, shared by the command line, the prompt and
// scripts (and by help and completion). A line is parsed by a CLI11 app built from this table.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace vidcost {

using Action = std::function<int(Context&)>;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  // Adds the subcommand to `app`; when the line selects it, `action` is set to run it.
  void (*attach)(CLI::App& app, Action& action);
};

const std::vector<CommandSpec>& command_table();

// The whole command line (the global options and every command) as a CLI11 app: what the man
// page and `--help` are made from.
std::shared_ptr<CLI::App> command_line_app();

// The options struct of a subcommand. A session builds each command's parser once and reuses it
// for every line, so the struct goes back to its defaults before each parse of the subcommand.
template <typename T>
std::shared_ptr<T> fresh_options(CLI::App* cmd) {
  auto options = std::make_shared<T>();
  cmd->preparse_callback([options](std::size_t) { *options = T{}; });
  return options;
}

// Runs one command line (without the program name), its options over the prompt's `settings`.
// Returns the exit code; never throws.
int run_command_line(const std::vector<std::string>& args, Session& session, std::ostream& out, std::ostream& err,
                     const Settings& settings = {});

// The per-command attach functions, one file each.
void attach_price(CLI::App& app, Action& action);
void attach_compare(CLI::App& app, Action& action);
void attach_catalog(CLI::App& app, Action& action);
void attach_catalog_updates(CLI::App* catalog, Action& action);  // catalog diff, catalog apply
void attach_cost(CLI::App& app, Action& action);
void attach_run(CLI::App& app, Action& action);
void attach_check(CLI::App& app, Action& action);
void attach_recommend(CLI::App& app, Action& action);
void attach_bill(CLI::App& app, Action& action);
void attach_export(CLI::App& app, Action& action);
void attach_completion(CLI::App& app, Action& action);
void attach_manpage(CLI::App& app, Action& action);
void attach_report(CLI::App& app, Action& action);
void attach_breakeven(CLI::App& app, Action& action);
void attach_margin(CLI::App& app, Action& action);
void attach_history(CLI::App& app, Action& action);
void attach_repl(CLI::App& app, Action& action);
void attach_calculator(CLI::App& app, Action& action);
// Evaluates the calculator's words ("266", "CNY", "/", "3000") and prints the result.
int run_calculator(Context& ctx, const std::vector<std::string>& words);

}  // namespace vidcost
