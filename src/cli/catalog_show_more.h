// `catalog show gpus|archs|fx|profiles`: the parts of the catalog that are not a provider's
// offers: GPUs with their hourly prices, the open architectures the cost model runs, the
// exchange rates and the serving profiles.
#pragma once

#include <optional>
#include <string>

#include "cli/context.h"
#include "report/table.h"

namespace vidcost {

// The table for one of those words, or nullopt when `what` is not one of them.
std::optional<Table> catalog_section_table(Context& ctx, const std::string& what);

// The words, for help and errors: "gpus, archs, fx, profiles".
const char* catalog_section_words();

}  // namespace vidcost
