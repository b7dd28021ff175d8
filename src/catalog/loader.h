// Reading a catalog directory (or a list of files) into a Catalog, with every problem found.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "catalog/types.h"
#include "core/diagnostic.h"

namespace vidcost {

class CatalogCache;

struct LoadResult {
  Catalog catalog;
  Diagnostics problems;
  bool ok() const { return problems.empty(); }
};

// A file's text already in memory, with the name messages give it.
struct NamedText {
  std::string name;
  std::string text;
};

// Each path is a directory (its provider files and fx.toml, sorted by name, then its updates in
// reading order; see catalog/layout.h) or a single file. compute*.toml belongs to the cost
// model and is skipped here. `more_updates` are read last, in the order given, as update files.
// With a `cache` (cache.h) and no `more_updates`, a catalog whose files are unchanged since it
// last loaded without a problem is read from the cache instead of parsed.
LoadResult load_catalog(const std::vector<std::filesystem::path>& paths, const std::vector<NamedText>& more_updates = {},
                        const CatalogCache* cache = nullptr);

// The same from texts in memory: a catalog built in a test, or files with overlays.
LoadResult load_catalog_texts(const std::vector<NamedText>& files, const std::vector<NamedText>& updates = {});

// Checks that span entries (duplicate ids, references, durations); run by both loaders.
void check_catalog(const Catalog& catalog, Diagnostics& problems);

}  // namespace vidcost
