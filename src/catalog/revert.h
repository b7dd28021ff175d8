// `catalog revert`: which recorded update a user means, and the [revert] file that undoes it
// (read back by the loader, see loader.cpp).
#pragma once

#include <filesystem>
#include <string>

#include "core/files.h"

namespace vidcost {

// The file name in `catalog_dir`/updates of the update `wanted` names: its file name, with or
// without .toml, or its number ("0001"). Error (BadInput) listing the updates there when none.
std::string find_recorded_update(FileSystem& files, const std::filesystem::path& catalog_dir,
                                 const std::string& wanted);

// The text of an update that reverts `update` (a file name in updates/), with an optional reason.
std::string revert_text(const std::string& update, const std::string& reason);

// The name the revert is recorded under (before its number): "revert-0001-name.toml".
std::string revert_name(const std::string& update);

}  // namespace vidcost
