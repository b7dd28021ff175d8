#include "catalog/revert.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "catalog/layout.h"
#include "core/error.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;

// A TOML basic string.
std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string find_recorded_update(FileSystem& files, const fs::path& catalog_dir, const std::string& wanted) {
  const fs::path updates = catalog_dir / kUpdatesDir;
  std::vector<std::string> known;
  std::error_code ec;
  if (fs::is_directory(updates, ec)) {
    for (const auto& name : files.list_directory(updates)) {
      if (!is_hidden(name) && fs::path(name).extension() == ".toml") known.push_back(name);
    }
  }
  std::sort(known.begin(), known.end());
  const std::string name = fs::path(wanted).filename().string();
  std::string found;
  for (const auto& candidate : known) {
    const std::string stem = fs::path(candidate).stem().string();
    if (candidate == name || stem == name || stem.substr(0, stem.find('-')) == name) found = candidate;
  }
  if (found.empty()) {
    throw Error::bad_input(fmt::format("unknown update '{}' in {}; known: {}", wanted, updates.string(),
                                       known.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(known, ", "))));
  }
  return found;
}

std::string revert_text(const std::string& update, const std::string& reason) {
  std::string text = fmt::format("# Undoes {} (written by vidcost catalog revert).\n[revert]\nupdate = {}\n", update,
                                 toml_string(update));
  if (!reason.empty()) text += "reason = " + toml_string(reason) + "\n";
  return text;
}

std::string revert_name(const std::string& update) { return "revert-" + fs::path(update).stem().string() + ".toml"; }

}  // namespace vidcost
