// The catalog directory on disk: which file is what, the order update files are read in, and
// the names `catalog apply` gives to the files it writes. Every on-disk name lives here.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace vidcost {

// Where a catalog directory keeps its update files.
inline constexpr std::string_view kUpdatesDir = "updates";

enum class CatalogFileKind {
  Provider,  // one provider per file
  Fx,        // fx.toml: exchange rates
  Compute,   // compute*.toml: GPUs, architectures, measurements, serving profiles
};
CatalogFileKind catalog_file_kind(const std::filesystem::path& file);

// Hidden files (".x") are never catalog files: temporary files of an apply in progress are hidden.
bool is_hidden(std::string_view name);

struct CatalogFiles {
  std::vector<std::filesystem::path> catalog;  // provider files and fx.toml, sorted by name
  std::vector<std::filesystem::path> compute;  // compute*.toml, sorted by name
  std::vector<std::filesystem::path> updates;  // updates/*.toml, in reading order
};

// The *.toml files of a catalog directory. An entry that is not a regular file, a symbolic link
// that leads out of the directory, or a directory that cannot be read is reported.
CatalogFiles list_catalog_files(const std::filesystem::path& dir, Diagnostics& problems);

// Only the compute*.toml files of a catalog directory.
std::vector<std::filesystem::path> compute_files(const std::filesystem::path& dir, Diagnostics& problems);

// Update files are read in order of their leading number (a name without one counts as 0),
// then by name, so `10000-x.toml` comes after `9999-y.toml` and a hand-written `fix.toml`
// before every numbered update.
bool update_read_before(std::string_view a, std::string_view b);
std::vector<std::filesystem::path> update_files(const std::filesystem::path& dir, Diagnostics& problems);

// The name `catalog apply` records an update under: one more than the largest leading number
// of `existing` (at least four digits), then the update's own stem: "0007-kling-cut.toml".
// It sorts after every existing update file.
std::string next_update_name(const std::vector<std::string>& existing, const std::filesystem::path& update);

// The hidden temporary file an apply writes before naming it `final_name`: the process id keeps
// two processes apart, and a number avoids the names in `existing` (a crashed apply's leftover
// may carry a reused process id).
std::string temporary_name(std::string_view final_name, long process_id,
                           const std::vector<std::string>& existing = {});
// Whether `name` is a temporary file an apply left behind (after a crash).
bool is_temporary_name(std::string_view name);

}  // namespace vidcost
