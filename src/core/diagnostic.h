// A problem found in an input file, reported as FILE:LINE:COL: message. Catalogs, compute
// catalogs, claims, usage files and updates all report through this one type.
#pragma once

#include <string>
#include <vector>

namespace vidcost {

// Where a value was written. Line 0 means the file as a whole.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Location where;
  std::string message;

  Diagnostic(Location at, std::string text) : where(std::move(at)), message(std::move(text)) {}
  Diagnostic(std::string file, int line, int column, std::string text)
      : where{std::move(file), line, column}, message(std::move(text)) {}

  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace vidcost
