#include "cli/completion.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/shell.h"
#include "core/error.h"

namespace vidcost {
namespace {

std::vector<std::string> sorted(const std::set<std::string>& words) { return {words.begin(), words.end()}; }

// Every option and subcommand name of the command table.
void add_command_words(std::set<std::string>& words) {
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
  for (const char* g : {"--catalog", "--currency", "--format", "--region", "--as-of", "--price-basis", "--stale-after",
                        "--overlay", "--assume", "--no-color", "--help", "--version"}) {
    words.insert(g);
  }
}

}  // namespace

Completer::Completer(Context& ctx) {
  std::set<std::string> first;
  for (const auto& c : command_table()) first.insert(std::string(c.name));
  for (const auto& w : Shell::prompt_words()) first.insert(w);
  first_words_ = sorted(first);
  std::set<std::string> words = first;
  for (const auto& w : Shell::setting_names()) words.insert(w);
  words.insert("settings");
  add_command_words(words);
  values_["--format"] = {"csv", "json", "markdown", "table"};
  values_["--region"] = {"cn", "intl"};
  values_["--currency"] = {"CNY", "USD", "native"};
  values_["--price-basis"] = {"first", "list", "renewal"};
  values_["--unit"] = {"clip", "minute", "second"};
  values_["--scenario"] = {"all", "band", "central", "high", "low", "reference"};
  values_["--offer"] = {"api", "api-pack", "app", "pack", "plan"};
  values_["completion"] = {"bash", "fish", "words", "zsh"};
  values_["export"] = {"litellm", "prices"};
  const std::vector<std::string> settings = Shell::setting_names();
  for (const char* word : {"set", "unset"}) values_[word] = settings;
  values_["price-basis"] = values_["--price-basis"];
  values_["format"] = values_["--format"];
  values_["region"] = values_["--region"];
  values_["currency"] = values_["--currency"];
  values_["show"] = {"settings"};
  try {
    const Catalog& catalog = ctx.catalog();
    std::set<std::string> providers, plans, packs;
    for (const auto& p : catalog.providers) {
      providers.insert(p.id);
      for (const auto& plan : p.plans) plans.insert(plan.id);
      for (const auto& pack : p.packs) packs.insert(pack.id);
    }
    values_["--provider"] = values_["-p"] = sorted(providers);
    values_["--plan"] = sorted(plans);
    values_["--pack"] = sorted(packs);
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
    std::set<std::string> gpus, archs, profiles;
    for (const auto& g : compute.gpus) gpus.insert(g.id);
    for (const auto& a : compute.archs) archs.insert(a.id);
    for (const auto& p : compute.profiles) profiles.insert(p.id);
    words.insert(gpus.begin(), gpus.end());
    words.insert(archs.begin(), archs.end());
    values_["--gpu"] = sorted(gpus);
    values_["--profile"] = sorted(profiles);
  } catch (const std::exception&) {
    // An invalid catalog leaves only the commands to complete; the next command reports it.
  }
  words_ = sorted(words);
}

const std::vector<std::string>* Completer::values_after(const std::string& word) const {
  const auto found = values_.find(word);
  return found == values_.end() ? nullptr : &found->second;
}

std::vector<std::string> Completer::complete(const std::vector<std::string>& before, const std::string& prefix) const {
  // The command position: no word yet that is not a global option or its value.
  static const std::set<std::string> kTakesValue = {"--catalog", "--currency",    "--format",  "--region", "--as-of",
                                                    "--price-basis", "--stale-after", "--overlay", "--assume"};
  bool command_given = false;
  for (std::size_t i = 0; i < before.size() && !command_given; ++i) {
    if (kTakesValue.count(before[i])) ++i;
    else if (before[i].empty() || before[i][0] != '-') command_given = true;
  }
  const std::vector<std::string>* pool = &words_;
  if (const auto* values = before.empty() ? nullptr : values_after(before.back())) {
    pool = values;
  } else if (!command_given) {
    pool = !prefix.empty() && prefix[0] == '-' ? &words_ : &first_words_;
  } else if (before.size() == 1 && before.front() == "help") {
    pool = &first_words_;
  }
  std::vector<std::string> out;
  for (const auto& w : *pool) {
    if (w.compare(0, prefix.size(), prefix) == 0) out.push_back(w);
  }
  return out;
}

std::string completion_script(const std::string& shell) {
  if (shell == "bash") {
    return R"SH(# bash completion for vidcost (vidcost completion bash). The candidates come from the binary
# itself, from the same command table and catalog as the prompt's Tab.
_vidcost() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\n'
  COMPREPLY=($(vidcost completion words -- "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null))
}
complete -o default -F _vidcost vidcost
)SH";
  }
  if (shell == "zsh") {
    return R"SH(#compdef vidcost
# zsh completion for vidcost (vidcost completion zsh). The candidates come from the binary itself,
# from the same command table and catalog as the prompt's Tab.
_vidcost() {
  local -a candidates
  candidates=(${(f)"$(vidcost completion words -- "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)"})
  if (( ${#candidates} )); then
    compadd -Q -a candidates
  else
    _files
  fi
}
if [[ "${funcstack[1]}" == "_vidcost" ]]; then
  _vidcost "$@"
else
  compdef _vidcost vidcost
fi
)SH";
  }
  if (shell == "fish") {
    return R"SH(# fish completion for vidcost (vidcost completion fish). The candidates come from the binary
# itself, from the same command table and catalog as the prompt's Tab.
function __vidcost_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    vidcost completion words -- $tokens (commandline -ct) 2>/dev/null
end
complete -c vidcost -a '(__vidcost_complete)'
)SH";
  }
  throw Error::bad_input(fmt::format("'{}' is not a shell vidcost completes; use bash, zsh or fish", shell));
}

}  // namespace vidcost
