// A cache of validated catalogs. Parsing and validating the TOML is most of what a short
// command does; a catalog that loaded without a single problem is kept in binary form
// (snapshot.h), keyed by the exact bytes and names of its files and by the vidcost executable,
// and read back instead while none of them changes. Any doubt about a cache file (not ours,
// writable by others, damaged, another key) makes it a miss: the catalog is parsed as without a
// cache, so the cache can change speed only, never a result.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog/loader.h"
#include "catalog/types.h"

namespace vidcost {

// A cache file larger than this is not read (the 100-fold synthetic catalog makes 9 MB).
inline constexpr std::size_t kMaxCacheFileBytes = 512u << 20;
// Catalog locations kept: storing another removes the least recently written.
inline constexpr std::size_t kMaxCacheFiles = 16;

class CatalogCache {
 public:
  explicit CatalogCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // What an entry is found by: its file (one per catalog location, the names of its files) and
  // the content it must have been made from (the format, the executable, every name and byte).
  // Made once per load: it reads every byte of the files.
  struct Key {
    std::string file_name;
    std::string content;
  };
  // For these files, read in this order, updates after the catalog files.
  static Key key(const std::vector<NamedText>& files, const std::vector<NamedText>& updates);

  // The catalog the files of `key` validated into, or nullopt.
  std::optional<Catalog> find(const Key& key) const;
  // Keeps `catalog` under `key`. Best effort: a cache that cannot be written is skipped.
  void store(const Key& key, const Catalog& catalog) const;

  std::optional<Catalog> find(const std::vector<NamedText>& files, const std::vector<NamedText>& updates) const {
    return find(key(files, updates));
  }
  void store(const std::vector<NamedText>& files, const std::vector<NamedText>& updates, const Catalog& catalog) const {
    store(key(files, updates), catalog);
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace vidcost
