// A monthly need: "40xkling/2.1/pro@10s" (40 clips of one generation a month) or
// "40x@10s:1080p" (40 ten-second 1080p clips from whichever provider can make them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pricing/spec.h"

namespace vidcost {

struct Need {
  std::string text;  // as written
  int count = 0;     // clips a month, at least 1
  std::optional<SpecPattern> spec;  // a specific need; none: generic
  int seconds = 0;
  std::string resolution;  // generic needs only; empty: any
};

// Error::bad_input naming the need when it is malformed.
Need parse_need(std::string_view text);

}  // namespace vidcost
