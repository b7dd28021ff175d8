// Completion, from the command table: what the prompt's Tab offers and what the shell scripts of
// `vidcost completion bash|zsh|fish` ask the binary for (`vidcost completion words -- ...`), so
// the prompt and the shells always complete the same commands, options, values and catalog ids.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/context.h"

namespace vidcost {

class Completer {
 public:
  // Commands, options and option values from the command table; catalog ids (providers, plans,
  // packs, specs, GPUs, architectures) from the catalog of `ctx` when it loads.
  explicit Completer(Context& ctx);

  // The words that can stand at the cursor, given the words before it on the line and the
  // start of the word being typed, sorted.
  std::vector<std::string> complete(const std::vector<std::string>& before, const std::string& prefix) const;

  // Every word it knows for a position: the first word, after an option with values, anywhere.
  const std::vector<std::string>& first_words() const { return first_words_; }
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<std::string>* values_after(const std::string& word) const;

 private:
  std::vector<std::string> first_words_;
  std::vector<std::string> words_;
  std::map<std::string, std::vector<std::string>> values_;
};

// The completion script of a shell (bash, zsh or fish); Error::bad_input for another name.
std::string completion_script(const std::string& shell);

}  // namespace vidcost
