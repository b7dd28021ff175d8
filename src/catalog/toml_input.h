// The one way vidcost opens a TOML input (catalog and compute files, updates, claims, usage
// files): a regular file of bounded size, read once, parsed, with every problem as a
// diagnostic at its file, line and column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostic.h"

namespace vidcost {

struct TomlFile {
  std::string path;                // as given, for messages
  std::vector<std::string> lines;  // the text by line, for float literals and carets
  toml::table root;
};

// Reads and parses `path`. A file that cannot be read (missing, unreadable, not a regular file,
// too large) or parsed adds a diagnostic and returns nullopt.
std::optional<TomlFile> open_toml(const std::filesystem::path& path, Diagnostics& problems);

// Parses text already read, named `path` in messages (an update is read once, then checked and
// recorded from the same bytes).
std::optional<TomlFile> parse_toml(std::string path, const std::string& text, Diagnostics& problems);

// Reports every top-level key of `file` that is not in `allowed`, with a did-you-mean.
void check_top_level_keys(const TomlFile& file, const std::vector<std::string>& allowed, std::string_view context,
                          Diagnostics& problems);

}  // namespace vidcost
