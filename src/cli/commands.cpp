#include "cli/commands.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/text.h"
#include "money/amount.h"

namespace vidcost {

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> kCommands = {
      {"price", "per-second price of one generation on each offer, with its derivation", &attach_price},
      {"compare", "every matching generation and offer, cheapest per second first", &attach_compare},
      {"cost", "what one generation costs to serve, from first principles; 'cost calibrate' shows the fit",
       &attach_cost},
      {"catalog", "validate, show or describe the pricing catalog", &attach_catalog},
      {"check", "check a claims file against the catalog (exit 1 if a claim fails)", &attach_check},
      {"run", "run a script of prompt lines (FILE, or - for standard input)", &attach_run},
      {"repl", "the interactive prompt", &attach_repl},
      {"=", "exact arithmetic on amounts: = 266 CNY / 3000 * 35 / 5", &attach_calculator},
  };
  return kCommands;
}

namespace {

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : command_table()) names.emplace_back(c.name);
  return names;
}

void add_global_options(CLI::App& app, GlobalOptions& g) {
  app.add_option("--catalog", g.catalog_dir, "Catalog directory (default: the shipped catalog)");
  app.add_option("--currency", g.currency, "Show amounts in CNY, USD, or native (each offer's own)");
  app.add_option("--format", g.format, "Output format: table, csv, json or markdown");
  app.add_option("--region", g.region, "Only offers of one market: cn or intl");
  app.add_option("--as-of", g.as_of, "The market as of YYYY-MM-DD (default: today)");
  app.add_flag("--no-color", g.no_color, "No terminal colours (also NO_COLOR=1)");
}

}  // namespace

int run_command_line(const std::vector<std::string>& args, Session& session, std::ostream& out, std::ostream& err) {
  CLI::App app{"vidcost: the economics of AI video generation: exact per-second prices, margins and plans",
               "vidcost"};
  app.set_version_flag("--version", std::string(VIDCOST_VERSION));
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.footer("Exit codes: 0 ok, 1 a failed check, 2 bad usage or input, 3 a catalog that does not validate.\n"
             "Run 'vidcost COMMAND --help' for a command's options.");
  GlobalOptions globals;
  add_global_options(app, globals);
  Action action;
  for (const auto& command : command_table()) command.attach(app, action);

  // The calculator's words are arithmetic, not options ("-5", "*"): they are split off before
  // CLI11 sees the line, and only the global options in front of "=" are parsed.
  std::vector<std::string> to_parse = args;
  std::vector<std::string> expression;
  if (auto eq = std::find(args.begin(), args.end(), "="); eq != args.end()) {
    to_parse.assign(args.begin(), eq);
    expression.assign(eq + 1, args.end());
    action = [expression](Context& ctx) { return run_calculator(ctx, expression); };
  }
  std::vector<std::string> reversed(to_parse.rbegin(), to_parse.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << VIDCOST_VERSION << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (app.get_subcommands().empty()) {
      // The first word that is not an option is the command the user meant.
      static const std::vector<std::string> kTakesValue = {"--catalog", "--currency", "--format", "--region",
                                                           "--as-of"};
      for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (std::find(kTakesValue.begin(), kTakesValue.end(), word) != kTakesValue.end()) {
          ++i;
        } else if (!word.empty() && word[0] != '-') {
          message = fmt::format("unknown command '{}'{}; commands: {}", word, did_you_mean(word, command_names()),
                                fmt::join(command_names(), ", "));
          break;
        }
      }
    }
    err << "vidcost: " << message << '\n';
    return kExitUsage;
  }
  if (!expression.empty() || (!action && std::find(args.begin(), args.end(), "=") != args.end())) {
    action = [expression](Context& ctx) { return run_calculator(ctx, expression); };
  }
  // Help of a nested subcommand is raised while parsing; help for a selected command is handled above.
  if (!action) {
    out << app.help();
    return args.empty() ? kExitOk : kExitUsage;
  }
  Context ctx{session, globals, out, err};
  try {
    return action(ctx);
  } catch (const UsageError& e) {
    err << "vidcost: " << e.what() << '\n';
    return kExitUsage;
  } catch (const CatalogInvalid& e) {
    err << "vidcost: " << e.what() << '\n';
    return kExitInvalidCatalog;
  } catch (const CurrencyMismatch& e) {
    err << "vidcost: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "vidcost: " << e.what() << '\n';
    return kExitUsage;
  }
}

}  // namespace vidcost
