#include "cli/manpage.h"

#include <sstream>

#include <fmt/format.h>

#include "cli/build_info.h"
#include "cli/commands.h"
#include "cli/errors.h"

namespace vidcost {
namespace {

// Text safe in roff: backslashes escaped, a line never starting with a control character, and
// hyphens in option names kept as hyphens (\-).
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  std::string safe;
  std::istringstream lines(out);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (!first) safe += '\n';
    first = false;
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) safe += "\\&";
    safe += line;
  }
  return safe;
}

void options_of(const CLI::App& app, std::ostringstream& out, bool positionals) {
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional() != positionals) continue;
    const std::string names = opt->get_name(positionals, true);
    if (names == "--help,-h" || names == "-h,--help" || names == "--version") continue;
    out << ".TP\n.B " << roff(positionals ? fmt::format("{}", opt->get_name()) : names) << "\n"
        << roff(opt->get_description()) << "\n";
  }
}

void command(const CLI::App& app, const std::string& path, std::ostringstream& out) {
  out << ".SS " << roff(path) << "\n" << roff(app.get_description()) << "\n";
  options_of(app, out, true);
  options_of(app, out, false);
  if (!app.get_footer().empty()) out << ".PP\n.nf\n" << roff(app.get_footer()) << "\n.fi\n";
  for (const CLI::App* sub : app.get_subcommands({})) command(*sub, path + " " + sub->get_name(), out);
}

}  // namespace

std::string manpage() {
  const auto app = command_line_app();
  std::ostringstream out;
  out << ".TH VIDCOST 1 \"\" \"vidcost " << roff(version()) << "\" \"User Commands\"\n"
      << ".SH NAME\nvidcost \\- the economics of AI video generation: exact per\\-second prices, margins and plans\n"
      << ".SH SYNOPSIS\n.B vidcost\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n.br\n.B vidcost\n"
      << "(on a terminal: the interactive prompt)\n"
      << ".SH DESCRIPTION\n"
      << roff("vidcost prices one second of generated video exactly on every plan, credit pack and API of the "
              "providers in its catalog (Kling, Jimeng, Hailuo and more), estimates what it costs to serve, and "
              "answers which plan to buy, where the break-even points are and what a month of use costs. The "
              "prompt, script files and the command line take the same commands.")
      << "\n.SH COMMANDS\n";
  for (const auto& spec : command_table()) {
    for (const CLI::App* sub : app->get_subcommands({})) {
      if (sub->get_name() == spec.name) command(*sub, "vidcost " + sub->get_name(), out);
    }
  }
  out << ".SH GLOBAL OPTIONS\nThey go before or after the command.\n";
  options_of(*app, out, false);
  out << ".SH EXIT STATUS\n" << roff(exit_codes_text()) << "\n"
      << ".SH ENVIRONMENT\n"
      << ".TP\n.B VIDCOST_CATALOG\n" << roff("The catalog directory, when --catalog is not given.") << "\n"
      << ".TP\n.B NO_COLOR\n" << roff("Set: no colours in tables.") << "\n"
      << ".TP\n.B VIDCOST_CACHE_DIR\n"
      << roff("Where validated catalogs are cached between runs (default $XDG_CACHE_HOME/vidcost, else "
              "~/.cache/vidcost); set but empty: no cache.")
      << "\n"
      << ".TP\n.B VIDCOST_HISTSIZE\n" << roff("Lines of prompt history kept (default 1000).") << "\n"
      << ".TP\n.B COLUMNS\n" << roff("The width tables are fitted to when the terminal does not say.") << "\n"
      << ".SH FILES\n.TP\n.I " << roff(installed_catalog_path()) << "\n"
      << roff("The shipped catalog: one TOML file per provider, fx.toml, compute.toml, and updates/.") << "\n"
      << ".SH EXAMPLES\n.nf\n"
      << roff("vidcost compare kling/2.1/*@5s --currency USD\n"
              "vidcost recommend 40xkling/2.1/pro@10s 60x@5s:720p\n"
              "vidcost bill usage.toml --compare-as-of 2027-01-01\n"
              "vidcost = 266 CNY / 3000 cr x 35 cr / 5 s")
      << "\n.fi\n.SH SEE ALSO\n"
      << roff("The guides shipped with the source: README.md, docs/user-guide.md, docs/catalog.md, "
              "docs/analyst-workflows.md.")
      << "\n";
  return out.str();
}

}  // namespace vidcost
