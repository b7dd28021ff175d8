#include "cli/shell.h"

#include <algorithm>

#include <fmt/format.h>

#include "catalog/loader.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/tokenize.h"
#include "core/errors.h"
#include "core/text.h"
#include "report/table.h"

namespace vidcost {
namespace {

// Where each setting goes: a global option for every command, or a command option for the
// commands that take it.
struct SettingTarget {
  std::string_view name;
  std::string_view option;
  std::vector<std::string_view> commands;  // empty: global
  std::vector<std::string_view> overridden_by;  // options on the line that win over the setting
};

const std::vector<SettingTarget>& setting_targets() {
  static const std::vector<SettingTarget> kTargets = {
      {"currency", "--currency", {}, {"--currency"}},
      {"region", "--region", {}, {"--region"}},
      {"format", "--format", {}, {"--format"}},
      {"as-of", "--as-of", {}, {"--as-of"}},
      {"catalog", "--catalog", {}, {"--catalog"}},
      {"plan", "--plan", {"price"}, {"--plan", "--pack", "--api-pack", "--api"}},
      {"utilization", "--utilization", {"price", "compare"}, {"--utilization", "-u"}},
      {"gpu", "--gpu", {"cost"}, {"--gpu"}},
  };
  return kTargets;
}

bool has_option(const std::vector<std::string>& words, std::string_view option) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return w == option || (w.size() > option.size() && w.compare(0, option.size(), option) == 0 &&
                           w[option.size()] == '=');
  });
}

std::string first_command(const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (!w.empty() && w[0] != '-') return w;
  }
  return "";
}

void check_setting_value(const std::string& name, const std::string& value) {
  if (name == "currency" && ascii_lower(value) != "native" && !parse_currency(value)) {
    throw UsageError(fmt::format("set currency: '{}' is not CNY, USD or native", value));
  }
  if (name == "region" && !parse_region(value)) throw UsageError(fmt::format("set region: '{}' is not cn or intl", value));
  if (name == "format" && !parse_format(value)) {
    throw UsageError(fmt::format("set format: '{}' is not table, csv, json or markdown", value));
  }
  if (name == "as-of" && !Date::parse(value)) throw UsageError(fmt::format("set as-of: '{}' is not a date YYYY-MM-DD", value));
  if (name == "utilization") parse_utilization(value, "set utilization");
}

}  // namespace

const std::vector<std::string>& Shell::prompt_words() {
  static const std::vector<std::string> kWords = {"set", "unset", "show", "help", "reload", "quit", "exit", "="};
  return kWords;
}

const std::vector<std::string>& Shell::setting_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& t : setting_targets()) names.emplace_back(t.name);
    return names;
  }();
  return kNames;
}

Shell::Shell(Session& session, GlobalOptions base, std::ostream& out, std::ostream& err)
    : session_(session), out_(out), err_(&err) {
  if (!base.catalog_dir.empty()) settings_["catalog"] = base.catalog_dir;
  if (!base.currency.empty() && base.currency != "native") settings_["currency"] = base.currency;
  if (!base.format.empty()) settings_["format"] = base.format;
  if (!base.region.empty()) settings_["region"] = base.region;
  if (!base.as_of.empty()) settings_["as-of"] = base.as_of;
}

int Shell::run_line(const std::string& line) {
  try {
    return run_words(tokenize(line));
  } catch (const UsageError& e) {
    *err_ << "vidcost: " << e.what() << '\n';
    return kExitUsage;
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
      throw UsageError("show takes one word: show settings");
    }
    if (head == "help") return help(words);
    if (head == "reload") return reload();
    if (head == "quit" || head == "exit") {
      quit_ = true;
      return kExitOk;
    }
  } catch (const UsageError& e) {
    *err_ << "vidcost: " << e.what() << '\n';
    return kExitUsage;
  }
  return run_command_line(with_settings(std::move(words)), session_, out_, *err_);
}

std::vector<std::string> Shell::with_settings(std::vector<std::string> words) const {
  const std::string command = first_command(words);
  std::vector<std::string> global, local;
  for (const auto& target : setting_targets()) {
    auto it = settings_.find(std::string(target.name));
    if (it == settings_.end()) continue;
    const bool applies = target.commands.empty() || std::find(target.commands.begin(), target.commands.end(),
                                                              command) != target.commands.end();
    const bool overridden = std::any_of(target.overridden_by.begin(), target.overridden_by.end(),
                                        [&](std::string_view o) { return has_option(words, o); });
    if (!applies || overridden) continue;
    auto& into = target.commands.empty() ? global : local;
    into.push_back(std::string(target.option));
    into.push_back(it->second);
  }
  if (command == "=") return words;  // the calculator takes its words as they are
  words.insert(words.end(), local.begin(), local.end());
  words.insert(words.begin(), global.begin(), global.end());
  return words;
}

int Shell::set(const std::vector<std::string>& words) {
  if (words.size() != 3) throw UsageError("set takes a name and a value, such as: set currency USD");
  const std::string name = ascii_lower(words[1]);
  const auto& names = setting_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    throw UsageError(fmt::format("unknown setting '{}'{}; settings: {}", words[1], did_you_mean(name, names),
                                 fmt::join(names, ", ")));
  }
  check_setting_value(name, words[2]);
  settings_[name] = words[2];
  if (name == "catalog") session_.forget_catalogs();
  return kExitOk;
}

int Shell::unset(const std::vector<std::string>& words) {
  if (words.size() != 2) throw UsageError("unset takes a setting name, such as: unset currency");
  const std::string name = ascii_lower(words[1]);
  const auto& names = setting_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    throw UsageError(fmt::format("unknown setting '{}'{}", words[1], did_you_mean(name, names)));
  }
  settings_.erase(name);
  return kExitOk;
}

int Shell::show_settings() {
  for (const auto& name : setting_names()) {
    auto it = settings_.find(name);
    out_ << fmt::format("{:<12} {}\n", name, it == settings_.end() ? "(not set)" : it->second);
  }
  return kExitOk;
}

int Shell::help(const std::vector<std::string>& words) {
  if (words.size() >= 2) return run_command_line({words[1], "--help"}, session_, out_, *err_);
  out_ << "Commands (each takes --help):\n";
  for (const auto& c : command_table()) out_ << fmt::format("  {:<10} {}\n", c.name, c.summary);
  out_ << "At the prompt and in scripts:\n"
          "  = EXPR      exact arithmetic on amounts: = 266 CNY / 3000 * 35 / 5, = 0.07 USD * 60 in CNY\n"
          "  set NAME VALUE, unset NAME, show settings   settings later lines use unless they override them:\n"
          "              currency, region, format, as-of, catalog, plan, utilization, gpu\n"
          "  help [COMMAND], reload (re-read the catalog), quit (or Ctrl-D)\n";
  return kExitOk;
}

int Shell::reload() {
  session_.forget_catalogs();
  auto it = settings_.find("catalog");
  const std::string dir = it == settings_.end() ? default_catalog_dir() : it->second;
  const LoadResult result = load_catalog({dir});
  if (!result.ok()) {
    for (const auto& p : result.problems) *err_ << p.to_string() << '\n';
    *err_ << fmt::format("vidcost: the catalog in {} does not validate; the next command will report it\n", dir);
    return kExitInvalidCatalog;
  }
  *err_ << fmt::format("reloaded {} ({} files)\n", dir, result.catalog.files.size());
  return kExitOk;
}

}  // namespace vidcost
