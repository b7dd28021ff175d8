#include "cli/shell.h"

#include <filesystem>
#include "compute/loader.h"
#include "catalog/layout.h"

#include <algorithm>

#include <fmt/format.h>

#include "catalog/loader.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/tokenize.h"
#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

// A setting: the commands it concerns, and how it is set, cleared and shown.
struct SettingInfo {
  std::string_view name;
  std::string_view used_by;  // "every command", or the commands that take it
  void (*set)(Settings&, const std::string& value);
  void (*unset)(Settings&);
  std::string (*show)(const Settings&);
};

template <typename T>
std::string shown(const std::optional<T>& v, std::string (*text)(const T&)) {
  return v ? text(*v) : "(not set)";
}

const std::vector<SettingInfo>& setting_table() {
  static const std::vector<SettingInfo> kSettings = {
      {"currency", "every command",
       [](Settings& s, const std::string& v) { s.currency = parse_display_currency(v, "set currency"); },
       [](Settings& s) { s.currency.reset(); },
       [](const Settings& s) {
         return shown<DisplayCurrency>(s.currency, [](const DisplayCurrency& c) {
           return c.currency ? std::string(currency_code(*c.currency)) : std::string("native");
         });
       }},
      {"region", "every command",
       [](Settings& s, const std::string& v) { s.region = parse_region_option(v, "set region"); },
       [](Settings& s) { s.region.reset(); },
       [](const Settings& s) {
         return shown<Region>(s.region, [](const Region& r) { return std::string(region_name(r)); });
       }},
      {"format", "every command",
       [](Settings& s, const std::string& v) { s.format = parse_format_option(v, "set format"); },
       [](Settings& s) { s.format.reset(); },
       [](const Settings& s) {
         return shown<Format>(s.format, [](const Format& f) { return std::string(format_name(f)); });
       }},
      {"as-of", "every command",
       [](Settings& s, const std::string& v) { s.as_of = parse_date_option(v, "set as-of"); },
       [](Settings& s) { s.as_of.reset(); },
       [](const Settings& s) { return shown<Date>(s.as_of, [](const Date& d) { return d.to_string(); }); }},
      {"price-basis", "every command that prices plans",
       [](Settings& s, const std::string& v) { s.price_basis = parse_price_basis_option(v, "set price-basis"); },
       [](Settings& s) { s.price_basis.reset(); },
       [](const Settings& s) {
         return shown<PriceBasisChoice>(s.price_basis,
                                        [](const PriceBasisChoice& b) { return std::string(price_basis_choice_name(b)); });
       }},
      {"stale-after", "every command that prices",
       [](Settings& s, const std::string& v) { s.stale_after = parse_stale_after_option(v, "set stale-after"); },
       [](Settings& s) { s.stale_after.reset(); },
       [](const Settings& s) { return shown<int>(s.stale_after, [](const int& d) { return std::to_string(d); }); }},
      {"catalog", "every command", [](Settings& s, const std::string& v) { s.catalog_dir = v; },
       [](Settings& s) { s.catalog_dir.reset(); },
       [](const Settings& s) { return shown<std::string>(s.catalog_dir, [](const std::string& d) { return d; }); }},
      {"plan", "price and margin (when no offer is named)", [](Settings& s, const std::string& v) { s.plan = v; },
       [](Settings& s) { s.plan.reset(); },
       [](const Settings& s) { return shown<std::string>(s.plan, [](const std::string& p) { return p; }); }},
      {"utilization", "price, compare and margin",
       [](Settings& s, const std::string& v) { s.utilization = parse_utilization(v, "set utilization"); },
       [](Settings& s) { s.utilization.reset(); },
       [](const Settings& s) {
         return shown<Rational>(s.utilization, [](const Rational& u) { return format_plain(u); });
       }},
      {"gpu", "cost and margin", [](Settings& s, const std::string& v) { s.gpu = v; },
       [](Settings& s) { s.gpu.reset(); },
       [](const Settings& s) { return shown<std::string>(s.gpu, [](const std::string& g) { return g; }); }},
  };
  return kSettings;
}

const SettingInfo& setting_named(const std::string& word) {
  const std::string name = ascii_lower(word);
  for (const auto& s : setting_table()) {
    if (s.name == name) return s;
  }
  throw Error::unknown("setting", word, Shell::setting_names());
}

}  // namespace

const std::vector<std::string>& Shell::prompt_words() {
  static const std::vector<std::string> kWords = {"set", "unset", "show", "help", "reload", "quit", "exit", "="};
  return kWords;
}

const std::vector<std::string>& Shell::setting_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& s : setting_table()) names.emplace_back(s.name);
    return names;
  }();
  return kNames;
}

Shell::Shell(Session& session, Settings base, std::ostream& out, std::ostream& err)
    : session_(session), out_(out), err_(&err), settings_(std::move(base)) {}

int Shell::run_line(const std::string& line) {
  try {
    return run_words(tokenize(line));
  } catch (const std::exception& e) {
    return report(e, *err_);
  }
}

int Shell::run_line_to(const std::string& line, std::ostream& err) {
  std::ostream* saved = err_;
  err_ = &err;
  const int code = run_line(line);
  err_ = saved;
  return code;
}

int Shell::run_words(std::vector<std::string> words) {
  if (words.empty()) return kExitOk;
  const std::string& head = words.front();
  try {
    if (head == "set") return set(words);
    if (head == "unset") return unset(words);
    if (head == "show") {
      if (words.size() == 2 && words[1] == "settings") return show_settings();
      throw Error::bad_input("show takes one word: show settings");
    }
    if (head == "help") return help(words);
    if (head == "reload") return reload();
    if (head == "quit" || head == "exit") {
      quit_ = true;
      return kExitOk;
    }
  } catch (const std::exception& e) {
    return report(e, *err_);
  }
  return run_command_line(words, session_, out_, *err_, settings_);
}

int Shell::set(const std::vector<std::string>& words) {
  if (words.size() != 3) throw Error::bad_input("set takes a name and a value, such as: set currency USD");
  const SettingInfo& setting = setting_named(words[1]);
  setting.set(settings_, words[2]);
  if (setting.name == "catalog") session_.forget_catalogs();
  if (setting.used_by != "every command") {
    *err_ << fmt::format("{} = {}: used by {}; other commands leave it aside\n", setting.name, setting.show(settings_),
                         setting.used_by);
  }
  return kExitOk;
}

int Shell::unset(const std::vector<std::string>& words) {
  if (words.size() != 2) throw Error::bad_input("unset takes a setting name, such as: unset currency");
  setting_named(words[1]).unset(settings_);
  return kExitOk;
}

int Shell::show_settings() {
  for (const auto& s : setting_table()) out_ << fmt::format("{:<12} {}\n", s.name, s.show(settings_));
  return kExitOk;
}

int Shell::help(const std::vector<std::string>& words) {
  if (words.size() >= 2) return run_command_line({words[1], "--help"}, session_, out_, *err_);
  out_ << "Commands (each takes --help):\n";
  for (const auto& c : command_table()) out_ << fmt::format("  {:<10} {}\n", c.name, c.summary);
  out_ << "At the prompt and in scripts:\n"
          "  = EXPR      exact arithmetic on amounts: = 266 CNY / 3000 cr x 35 cr / 5 s, = 0.07 USD x 60 in CNY\n"
          "  set NAME VALUE, unset NAME, show settings   settings later lines use unless they override them:\n";
  for (const auto& s : setting_table()) out_ << fmt::format("              {:<12} {}\n", s.name, s.used_by);
  out_ << "  help [COMMAND], reload (re-read the catalog), quit (or Ctrl-D)\n";
  return kExitOk;
}

int Shell::reload() {
  session_.forget_catalogs();
  const std::string dir = settings_.catalog_dir.value_or(default_catalog_dir());
  LoadResult result = load_catalog({dir});
  // The compute files too, counted as `catalog validate` counts them.
  Diagnostics ignored;
  const std::size_t compute = std::filesystem::is_directory(dir) ? compute_files(dir, ignored).size() : 0;
  if (compute > 0) {
    ComputeLoad loaded = load_compute(dir);
    result.problems.insert(result.problems.end(), loaded.problems.begin(), loaded.problems.end());
  }
  if (!result.ok()) {
    for (const auto& p : result.problems) *err_ << visible(p.to_string()) << '\n';
    *err_ << fmt::format("vidcost: the catalog in {} does not validate; the next command will report it\n", dir);
    return kExitInvalidCatalog;
  }
  *err_ << fmt::format("reloaded {} ({} files)\n", dir, result.catalog.files.size() + compute);
  return kExitOk;
}

}  // namespace vidcost
