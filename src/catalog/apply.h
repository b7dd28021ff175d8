// `catalog apply` as one transaction: the update is read once, checked together with the
// catalog in exactly the order it will be read back, and recorded under a new name in
// updates/ (write a hidden temporary file, sync, give it its final name, sync the directory),
// under the catalog's lock. Any failure leaves the catalog as it was.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/loader.h"
#include "core/files.h"

namespace vidcost {

struct ApplyOptions {
  bool dry_run = false;       // check and report only; nothing is written, no lock is taken
  double wait_seconds = 10;   // how long to wait for another apply's lock
};

struct ApplyOutcome {
  std::optional<std::filesystem::path> recorded;      // the new update file; empty when nothing was written
  std::vector<std::filesystem::path> leftovers;      // hidden temporary files that interrupted applies left
};

// Decides, from the catalog before and after the update, whether to record it (the caller
// shows the diff; an empty diff or a dry run records nothing).
using ApplyDecision = std::function<bool(const Catalog& before, const Catalog& after)>;

// Throws Error: Io (the update or the catalog cannot be read or written), BadInput (the
// update is not a regular file), Busy (the lock), InvalidCatalog (the catalog, or the catalog
// with the update, does not validate; the problems are in the error).
ApplyOutcome apply_update(FileSystem& fs, const std::filesystem::path& catalog_dir,
                          const std::filesystem::path& update, const ApplyOptions& options,
                          const ApplyDecision& decide);

// The same with the update's text given (a revert is written by vidcost itself); `update` names
// it in messages and gives the recorded file its name.
ApplyOutcome apply_update_text(FileSystem& fs, const std::filesystem::path& catalog_dir,
                               const std::filesystem::path& update, const std::string& bytes,
                               const ApplyOptions& options, const ApplyDecision& decide);

}  // namespace vidcost
