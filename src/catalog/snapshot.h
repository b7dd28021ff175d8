// A validated catalog in binary form, for the catalog cache (cache.h): every field of every
// catalog type, written and read in one fixed order. Reading checks what it reads (lengths,
// counts, enumerations, dates, rationals) and returns nothing for bytes it did not write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/types.h"

namespace vidcost {

// Bumped whenever the layout below changes, so an older cache is never read as a newer one.
inline constexpr unsigned kSnapshotFormat = 1;

std::string encode_catalog(const Catalog& catalog);
std::optional<Catalog> decode_catalog(std::string_view bytes);

}  // namespace vidcost
