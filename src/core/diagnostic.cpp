#include "core/diagnostic.h"

#include <fmt/format.h>

namespace vidcost {

std::string Diagnostic::to_string() const {
  if (where.line == 0) return fmt::format("{}: {}", where.file, message);
  return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, message);
}

}  // namespace vidcost
