// One line of the prompt or of a script: the shared grammar of commands plus the prompt words
// (set, unset, show settings, help, reload, quit) and the typed settings they keep for later lines.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.h"

namespace vidcost {

class Shell {
 public:
  // `base` holds the options given on the command line (vidcost --catalog X repl).
  Shell(Session& session, Settings base, std::ostream& out, std::ostream& err);

  // Runs one line; returns its exit code (0 for blank lines and comments). Never throws.
  int run_line(const std::string& line);
  // The same, with this line's diagnostics sent to `err` (scripts prefix them with FILE:LINE).
  int run_line_to(const std::string& line, std::ostream& err);
  // Runs already-split words.
  int run_words(std::vector<std::string> words);

  bool quit_requested() const { return quit_; }
  const Settings& settings() const { return settings_; }

  // The words a prompt can start with besides commands, for help and completion.
  static const std::vector<std::string>& prompt_words();
  static const std::vector<std::string>& setting_names();

 private:
  int set(const std::vector<std::string>& words);
  int unset(const std::vector<std::string>& words);
  int show_settings();
  int help(const std::vector<std::string>& words);
  int reload();

  Session& session_;
  std::ostream& out_;
  std::ostream* err_;
  Settings settings_;
  bool quit_ = false;
};

}  // namespace vidcost
