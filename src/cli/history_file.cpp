#include "cli/history_file.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace vidcost {
namespace {

// libedit's history files start with a marker and write blanks as \040.
constexpr std::string_view kLibeditMarker = "_HiStOrY_V2_";

std::string decode_libedit(std::string line) {
  for (std::size_t at = line.find("\\040"); at != std::string::npos; at = line.find("\\040", at + 1)) {
    line.replace(at, 4, " ");
  }
  return line;
}

}  // namespace

std::size_t history_limit() {
  const char* text = std::getenv("VIDCOST_HISTSIZE");
  if (!text || !*text) return kDefaultHistorySize;
  std::size_t n = 0;
  const std::string_view s(text);
  const auto r = std::from_chars(s.data(), s.data() + s.size(), n);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || n > kLargestHistorySize) return kDefaultHistorySize;
  return n;
}

std::vector<std::string> HistoryFile::load() {
  recent_.clear();
  lines_ = 0;
  if (path_.empty()) return {};
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) return {};
  std::ifstream in(path_);
  bool libedit = false;
  for (std::string line; std::getline(in, line);) {
    if (lines_ == 0 && recent_.empty() && line == kLibeditMarker) {
      libedit = true;
      continue;
    }
    ++lines_;
    recent_.push_back(libedit ? decode_libedit(std::move(line)) : std::move(line));
    // Keep memory to twice the limit while reading a file of any length.
    if (recent_.size() > 2 * limit_ + 1) recent_.erase(recent_.begin(), recent_.end() - static_cast<long>(limit_));
  }
  if (recent_.size() > limit_) recent_.erase(recent_.begin(), recent_.end() - static_cast<long>(limit_));
  if (libedit) compact();  // rewrite once in the plain format
  return recent_;
}

void HistoryFile::append(const std::string& line) {
  if (path_.empty() || limit_ == 0) return;
  recent_.push_back(line);
  if (recent_.size() > limit_) recent_.erase(recent_.begin());
  if (++lines_ >= 2 * limit_) {
    compact();
    return;
  }
  std::ofstream out(path_, std::ios::app);
  out << line << '\n';
}

void HistoryFile::compact() {
  // Written beside the file and renamed over it: a crash leaves the old history or the new.
  const std::string temporary = path_ + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& line : recent_) out << line << '\n';
    if (!out) return;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path_, ec);
  if (!ec) lines_ = recent_.size();
}

}  // namespace vidcost
