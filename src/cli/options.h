// Parsing of option values shared by several commands (exact, never through double).
#pragma once

#include <string>

#include "money/decimal.h"

namespace vidcost {

// "0.8" or "80%": a share in (0, 1]. Throws UsageError naming `option`.
Rational parse_utilization(const std::string& text, std::string_view option = "--utilization");

}  // namespace vidcost
