#include "cli/commands.h"

#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cli/build_info.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "core/text.h"

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
      {"bill", "a month's bill for a usage file: every item and need, credits left, and what recommend would save",
       &attach_bill},
      {"breakeven", "which plan, pack or API is cheapest at each monthly usage, with exact crossovers",
       &attach_breakeven},
      {"history", "the per-second price of a generation over time: each change, its date and source",
       &attach_history},
      {"report", "one self-contained HTML page: the comparison (sortable), prices over time, break-even, margins",
       &attach_report},
      {"catalog", "validate, show, diff or update the pricing catalog", &attach_catalog},
      {"export", "the catalog's prices for other tools: LiteLLM's model cost map, or one flat row per price",
       &attach_export},
      {"check", "check a claims file against the catalog (exit 1 if a claim fails)", &attach_check},
      {"completion", "shell completion: a script for bash, zsh or fish (vidcost completion bash)", &attach_completion},
      {"manpage", "the manual page (roff), made from this command table", &attach_manpage},
      {"run", "run a script of prompt lines (FILE, or - for standard input)", &attach_run},
      {"repl", "the interactive prompt", &attach_repl},
      {"=", "exact arithmetic on amounts: = 266 CNY / 3000 cr x 35 cr / 5 s", &attach_calculator},
  };
  return kCommands;
}

namespace {

const std::vector<std::string> kGlobalsWithValue = {"--catalog", "--currency", "--format", "--region",
                                                    "--as-of",   "--price-basis", "--stale-after",
                                                    "--overlay", "--assume"};

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : command_table()) names.emplace_back(c.name);
  return names;
}

void add_global_options(CLI::App& app, GlobalText& g) {
  app.add_option("--catalog", g.catalog_dir, "Catalog directory (default: the shipped catalog)");
  app.add_option("--currency", g.currency, "Show amounts in CNY, USD, or native (each offer's own)");
  app.add_option("--format", g.format, "Output format: table, csv, json or markdown");
  app.add_option("--region", g.region, "Only offers of one market: cn or intl");
  app.add_option("--as-of", g.as_of, "The market as of YYYY-MM-DD (default: today)");
  app.add_option("--price-basis", g.price_basis,
                 "Which plan price: renewal (what a continuing customer pays; default), list, or first");
  app.add_option("--stale-after", g.stale_after, "Call a figure stale when older than DAYS at the market date (180)");
  app.add_option("--overlay", g.overlays,
                 "What-if: read this update file after the catalog's own, in memory only (repeatable)");
  app.add_option("--assume", g.assumptions,
                 "What-if: KEY=VALUE sets one catalog field in memory, KEY = PROVIDER.KIND.ID.FIELD such as "
                 "jimeng.plan.basic.credits_per_month=1000 (repeatable)");
  app.add_flag("--no-color", g.no_color, "No terminal colours (also NO_COLOR=1)");
}

// The first word that is neither an option nor the value of a global option: the command.
std::string command_word(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (std::find(kGlobalsWithValue.begin(), kGlobalsWithValue.end(), word) != kGlobalsWithValue.end()) {
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
  GlobalText globals;
  Action action;
  bool in_use = false;  // a script line runs while its `run` line is still running
  int uses = 0;         // CLI11 keeps every parse's option order: a parser is renewed now and then
};

// Parses a cached parser serves before it is rebuilt (its retained parse order is then freed).
constexpr int kParserUses = 1000;

std::unique_ptr<Parser> build_parser(const CommandSpec* command) {
  auto parser = std::make_unique<Parser>();
  CLI::App& app = parser->app;
  app.set_version_flag("--version", std::string(version()));
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.footer(std::string(exit_codes_text()) + "\nRun 'vidcost COMMAND --help' for a command's options.");
  add_global_options(app, parser->globals);
  if (command) {
    command->attach(app, parser->action);
  } else {
    for (const auto& c : command_table()) c.attach(app, parser->action);
  }
  return parser;
}

}  // namespace

std::shared_ptr<CLI::App> command_line_app() {
  std::shared_ptr<Parser> parser = build_parser(nullptr);
  return std::shared_ptr<CLI::App>(parser, &parser->app);
}

namespace {

// The calculator's words are arithmetic, not options ("-5", "*"): only the global options
// among them (before or after "=") are taken out for CLI11.
void split_calculator(const std::vector<std::string>& args, std::vector<std::string>& options,
                      std::vector<std::string>& expression) {
  const auto eq = std::find(args.begin(), args.end(), "=");
  options.assign(args.begin(), eq);
  for (auto it = eq + 1; it < args.end(); ++it) {
    const bool takes_value = std::find(kGlobalsWithValue.begin(), kGlobalsWithValue.end(), *it) != kGlobalsWithValue.end();
    if (takes_value && it + 1 < args.end()) {
      options.push_back(*it);
      options.push_back(*++it);
    } else if (*it == "--no-color") {
      options.push_back(*it);
    } else {
      expression.push_back(*it);
    }
  }
}

}  // namespace

// Building a parser costs more than running a warm price line, so a session keeps one per command.
struct ParserCache {
  std::map<std::string, std::unique_ptr<Parser>, std::less<>> by_command;
};

int run_command_line(const std::vector<std::string>& args, Session& session, std::ostream& out, std::ostream& err,
                     const Settings& settings) {
  const bool calculator = std::find(args.begin(), args.end(), "=") != args.end();
  std::vector<std::string> to_parse = args, expression;
  if (calculator) split_calculator(args, to_parse, expression);

  // A line that names its command gets a parser with only that command; anything else (help, a
  // typo) gets the whole table.
  const std::string word = calculator ? "=" : command_word(to_parse);
  const auto& table = command_table();
  const auto named = std::find_if(table.begin(), table.end(), [&](const CommandSpec& c) { return c.name == word; });
  const CommandSpec* command = named == table.end() || calculator ? nullptr : &*named;

  if (!session.parsers) session.parsers = std::make_shared<ParserCache>();
  std::unique_ptr<Parser>& cached = session.parsers->by_command[command ? std::string(command->name) : std::string()];
  std::unique_ptr<Parser> uncached;
  if (!cached || (!cached->in_use && cached->uses >= kParserUses)) cached = build_parser(command);
  if (cached->in_use) uncached = build_parser(command);
  Parser* parser = uncached ? uncached.get() : cached.get();
  parser->in_use = true;
  ++parser->uses;
  struct Release {
    Parser* p;
    ~Release() { p->in_use = false; }
  } release{parser};
  CLI::App& app = parser->app;
  parser->globals = GlobalText{};
  parser->action = nullptr;

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
    out << version() << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (app.get_subcommands().empty() && !word.empty() && !command && !calculator) {
      message = fmt::format("unknown command '{}'{}; commands: {}", word, did_you_mean(word, command_names()),
                            fmt::join(command_names(), ", "));
    }
    err << "vidcost: " << visible(message) << '\n';
    return kExitUsage;
  }
  // The action runs from a copy: a `run` line parses its script's lines with the same cache.
  Action action = calculator ? Action([expression](Context& ctx) { return run_calculator(ctx, expression); })
                             : std::move(parser->action);
  parser->action = nullptr;
  if (!action) {
    if (args.empty()) {
      // No command, and standard input is not a terminal (else the prompt would have opened).
      err << "vidcost: expected a command, such as vidcost compare; 'vidcost --help' lists them (vidcost run - "
             "reads prompt lines from standard input)\n";
      return kExitUsage;
    }
    out << app.help();
    return kExitUsage;
  }
  try {
    Context ctx{session, merge(parse_globals(parser->globals), settings), out, err};
    return action(ctx);
  } catch (const std::exception& e) {
    return report(e, err);
  }
}

}  // namespace vidcost
