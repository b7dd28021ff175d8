// Update files: `updates/*.toml` in a catalog directory record changes to the hand-written
// provider files without editing them. They are read after the provider files, in name order
// (dated names sort by date), and merged entry by entry.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "catalog/types.h"

namespace vidcost {

// A [[retire]] table: ends the entry in force named by kind, id (and model, api).
struct Retirement {
  std::string kind;  // plan, pack, mode, api, rate, api_pack
  std::string id;
  std::string model;
  std::string api;
  Date to;
  Provenance provenance;
};

// Merges `update` into the provider of the same id, or adds it as a new provider.
// - An entry whose id is new is added.
// - An entry with the id of an entry still in force must give `effective_from`, later than
//   that entry's: the old one then ends on that day (its effective_to is set) and the new one
//   takes over. Without a later effective_from the update conflicts with the catalog.
// - An [[api]] with an existing id and no effective_from adds its rates to that price list.
// - [[retire]] tables end entries in force.
void merge_update(Catalog& catalog, Provider update, const std::vector<Retirement>& retirements,
                  Diagnostics& problems);

}  // namespace vidcost
