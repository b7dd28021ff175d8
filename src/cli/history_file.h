// The prompt's history on disk: one entry per line, appended as lines are typed, and kept to the
// last `limit` entries (VIDCOST_HISTSIZE, default 1,000). The file is rewritten only when it has
// grown to twice the limit, so a line costs the same whatever the history's size.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace vidcost {

inline constexpr std::size_t kDefaultHistorySize = 1000;
inline constexpr std::size_t kLargestHistorySize = 100'000;

// VIDCOST_HISTSIZE when it is a whole number from 0 to kLargestHistorySize, else the default.
std::size_t history_limit();

class HistoryFile {
 public:
  HistoryFile(std::string path, std::size_t limit) : path_(std::move(path)), limit_(limit) {}

  // The last `limit` entries, oldest first. Reads the file libedit wrote before too.
  std::vector<std::string> load();
  // Adds an entry at the end of the file. I/O errors are ignored: history is a convenience.
  void append(const std::string& line);

 private:
  void compact();

  std::string path_;
  std::size_t limit_;
  std::size_t lines_ = 0;  // entries in the file
  std::vector<std::string> recent_;  // the last entries, for compaction without rereading
};

}  // namespace vidcost
