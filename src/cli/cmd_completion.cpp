// `vidcost completion bash|zsh|fish`: the completion script of a shell; `vidcost completion
// words -- WORD... CURRENT`: the candidates for the last word, which the scripts call.
#include "cli/commands.h"
#include "cli/completion.h"
#include "cli/errors.h"

namespace vidcost {
namespace {

struct CompletionOptions {
  std::vector<std::string> words;
};

int run_words(Context& ctx, const CompletionOptions& o) {
  std::vector<std::string> before = o.words;
  std::string current;
  if (!before.empty()) {
    current = before.back();
    before.pop_back();
  }
  for (const auto& w : Completer(ctx).complete(before, current)) ctx.out << w << '\n';
  return kExitOk;
}

}  // namespace

void attach_completion(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("completion", "Shell completion: a script for bash, zsh or fish");
  cmd->require_subcommand(1);
  for (const char* shell : {"bash", "zsh", "fish"}) {
    CLI::App* sub = cmd->add_subcommand(shell, std::string("The completion script for ") + shell);
    sub->callback([shell, &action] {
      action = [shell](Context& ctx) {
        ctx.out << completion_script(shell);
        return kExitOk;
      };
    });
  }
  CLI::App* words = cmd->add_subcommand("words", "The candidates for the last of WORDS (what the scripts ask for)");
  auto o = fresh_options<CompletionOptions>(words);
  words->add_option("words", o->words, "The words of the line after 'vidcost', the last one being completed");
  words->callback([o, &action] { action = [o](Context& ctx) { return run_words(ctx, *o); }; });
  cmd->footer("Example: source <(vidcost completion bash)\n"
              "         vidcost completion zsh > \"${fpath[1]}/_vidcost\"\n"
              "         vidcost completion fish > ~/.config/fish/completions/vidcost.fish");
}

}  // namespace vidcost
