#include "catalog/toml_input.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.h"
#include "core/files.h"
#include "core/text.h"

namespace vidcost {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::optional<TomlFile> parse_toml(std::string path, const std::string& text, Diagnostics& problems) {
  TomlFile file;
  file.path = std::move(path);
  file.lines = split_lines(text);
  try {
    file.root = toml::parse(text, file.path);
  } catch (const toml::parse_error& e) {
    problems.emplace_back(file.path, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                          fmt::format("TOML syntax error: {}", e.description()));
    return std::nullopt;
  }
  return file;
}

std::optional<TomlFile> open_toml(const std::filesystem::path& path, Diagnostics& problems) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const Error& e) {
    // The message starts with the path: keep it once, as the diagnostic's file.
    std::string message = e.what();
    const std::string prefix = path.string() + ": ";
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    problems.emplace_back(path.string(), 0, 0, message);
    return std::nullopt;
  }
  return parse_toml(path.string(), text, problems);
}

void check_top_level_keys(const TomlFile& file, const std::vector<std::string>& allowed, std::string_view context,
                          Diagnostics& problems) {
  for (const auto& [key, value] : file.root) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    problems.emplace_back(file.path, static_cast<int>(key.source().begin.line),
                          static_cast<int>(key.source().begin.column),
                          fmt::format("unknown top-level key '{}'{}{}{}", key.str(), context.empty() ? "" : " ",
                                      context, did_you_mean(key.str(), allowed)));
  }
}

}  // namespace vidcost
