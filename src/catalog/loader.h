// Reading a catalog directory (or a list of files) into a Catalog, with every problem found.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "catalog/diagnostic.h"
#include "catalog/types.h"

namespace vidcost {

struct LoadResult {
  Catalog catalog;
  Diagnostics problems;
  bool ok() const { return problems.empty(); }
};

// Each path is a directory (every *.toml in it, sorted by name) or a single file. `fx.toml`
// holds exchange rates; compute*.toml belongs to the cost model and is skipped here; every other
// file describes one provider.
LoadResult load_catalog(const std::vector<std::filesystem::path>& paths);

// Checks that span entries (duplicate ids, references, durations); run by load_catalog.
void check_catalog(const Catalog& catalog, Diagnostics& problems);

}  // namespace vidcost
