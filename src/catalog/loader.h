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

// Where a catalog directory keeps its update files.
inline constexpr const char* kUpdatesDir = "updates";

// Each path is a directory (every *.toml in it, sorted by name, then its updates/*.toml) or a
// single file. `fx.toml` holds exchange rates; compute*.toml belongs to the cost model and is
// skipped here; every other file describes one provider. `more_updates` are read last, as
// update files (see catalog/update.h).
LoadResult load_catalog(const std::vector<std::filesystem::path>& paths,
                        const std::vector<std::filesystem::path>& more_updates = {});

// The update files of a catalog directory, in the order they apply.
std::vector<std::filesystem::path> update_files(const std::filesystem::path& dir);

// Checks that span entries (duplicate ids, references, durations); run by load_catalog.
void check_catalog(const Catalog& catalog, Diagnostics& problems);

}  // namespace vidcost
