// The filters `compare` and `report` share (patterns, providers, resolution, duration, kind of
// offer): one set of options, one way of turning them into a CompareRequest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "pricing/compare.h"

namespace vidcost {

struct CompareFilters {
  std::vector<std::string> patterns, providers;
  std::string resolution, duration, offer;
};

// Adds the positional patterns (described by `pattern_help`) and --provider, --resolution,
// --duration and --offer, in that order.
void add_compare_filters(CLI::App* cmd, CompareFilters& filters, const std::string& pattern_help);

// The request the filters make; Error (BadInput) for a malformed pattern, duration or kind.
CompareRequest compare_request(const CompareFilters& filters);

}  // namespace vidcost
