#include "cli/commands.h"

#include <algorithm>
#include <map>
#include <memory>

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
      {"margin", "price minus serving cost per generated second; --solve and --sweep for what-ifs", &attach_margin},
      {"recommend", "the cheapest way to pay for a monthly need of clips: plans, packs, free credits, API",
       &attach_recommend},
      {"breakeven", "which plan, pack or API is cheapest at each monthly usage, with exact crossovers",
       &attach_breakeven},
      {"history", "the per-second price of a generation over time: each change, its date and source",
       &attach_history},
      {"catalog", "validate, show, diff or update the pricing catalog", &attach_catalog},
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

// The first word that is neither an option nor the value of a global option: the command.
std::string command_word(const std::vector<std::string>& args) {
  static const std::vector<std::string> kTakesValue = {"--catalog", "--currency", "--format", "--region", "--as-of"};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (std::find(kTakesValue.begin(), kTakesValue.end(), word) != kTakesValue.end()) {
      ++i;
    } else if (!word.empty() && word[0] != '-') {
      return word;
    }
  }
  return {};
}

// One command's parser: the CLI11 app with the global options and that command (or every
// command, for lines that name none), and the structs its options write into.
struct Parser {
  CLI::App app{"vidcost: the economics of AI video generation: exact per-second prices, margins and plans",
               "vidcost"};
  GlobalOptions globals;
  Action action;
  bool in_use = false;  // a script line runs while its `run` line is still running
};

std::unique_ptr<Parser> build_parser(const CommandSpec* command) {
  auto parser = std::make_unique<Parser>();
  CLI::App& app = parser->app;
  app.set_version_flag("--version", std::string(VIDCOST_VERSION));
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.footer("Exit codes: 0 ok, 1 a failed check, 2 bad usage or input, 3 a catalog that does not validate.\n"
             "Run 'vidcost COMMAND --help' for a command's options.");
  add_global_options(app, parser->globals);
  if (command) {
    command->attach(app, parser->action);
  } else {
    for (const auto& c : command_table()) c.attach(app, parser->action);
  }
  return parser;
}

}  // namespace

// Building a parser costs more than running a warm price line, so a session keeps one per command.
struct ParserCache {
  std::map<std::string, std::unique_ptr<Parser>, std::less<>> by_command;
};

int run_command_line(const std::vector<std::string>& args, Session& session, std::ostream& out, std::ostream& err) {
  // A line that names its command gets a parser with only that command; anything else (help, a
  // typo) gets the whole table.
  const std::string word = command_word(args);
  const auto& table = command_table();
  const auto named = std::find_if(table.begin(), table.end(), [&](const CommandSpec& c) { return c.name == word; });
  const CommandSpec* command = named == table.end() ? nullptr : &*named;

  if (!session.parsers) session.parsers = std::make_shared<ParserCache>();
  std::unique_ptr<Parser>& cached = session.parsers->by_command[command ? std::string(command->name) : std::string()];
  std::unique_ptr<Parser> uncached;
  Parser* parser = nullptr;
  if (!cached) cached = build_parser(command);
  if (cached->in_use) {
    uncached = build_parser(command);
    parser = uncached.get();
  } else {
    parser = cached.get();
  }
  parser->in_use = true;
  struct Release {
    Parser* p;
    ~Release() { p->in_use = false; }
  } release{parser};
  CLI::App& app = parser->app;
  parser->globals = GlobalOptions{};
  parser->action = nullptr;

  // The calculator's words are arithmetic, not options ("-5", "*"): they are split off before
  // CLI11 sees the line, and only the global options in front of "=" are parsed.
  std::vector<std::string> to_parse = args;
  std::vector<std::string> expression;
  const bool calculator = std::find(args.begin(), args.end(), "=") != args.end();
  if (auto eq = std::find(args.begin(), args.end(), "="); eq != args.end()) {
    to_parse.assign(args.begin(), eq);
    expression.assign(eq + 1, args.end());
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
    if (app.get_subcommands().empty() && !word.empty() && !command) {
      message = fmt::format("unknown command '{}'{}; commands: {}", word, did_you_mean(word, command_names()),
                            fmt::join(command_names(), ", "));
    }
    err << "vidcost: " << message << '\n';
    return kExitUsage;
  }
  // The action runs from a copy: a `run` line parses its script's lines with the same cache.
  Action action = calculator ? Action([expression](Context& ctx) { return run_calculator(ctx, expression); })
                             : std::move(parser->action);
  parser->action = nullptr;
  const GlobalOptions globals = parser->globals;
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
