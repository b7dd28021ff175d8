// A problem found in a catalog file, reported as FILE:LINE:COL: message.
#pragma once

#include <string>
#include <vector>

#include "catalog/types.h"

namespace vidcost {

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
