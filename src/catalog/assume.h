// What-ifs without editing the catalog: `--assume KEY=VALUE` sets one field of one catalog entry
// in memory, for one command line. KEY is PROVIDER.KIND.ID.FIELD:
//   jimeng.plan.basic.credits_per_month=1000     kling.api.intl.unit_price=0.12USD
//   kling.mode.2.1/pro.credits@5s=30             kling.rate.intl/2.6/pro.units@5s=2
// An assumption holds on every date: it sets the field on every version of the entry. The
// entries it touches cite it as their source ("assumed: KEY=VALUE"), so every row that rests on
// it says so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/types.h"

namespace vidcost {

struct Assumption {
  std::string provider, kind, id, field;
  std::string value;
  std::string text;  // as written: "jimeng.plan.basic.credits_per_month=1000"
};

// Error::bad_input for text that is not KEY=VALUE with a four-part key.
Assumption parse_assumption(std::string_view text);

// The kinds and, for each, the fields an assumption can set (for help and completion).
const std::vector<std::pair<std::string, std::vector<std::string>>>& assumable_fields();

// Sets the field. Error::bad_input for a key that names nothing (with the nearest names) or a
// value of the wrong kind (an amount in another currency, a negative count, not a number).
void apply_assumption(Catalog& catalog, const Assumption& assumption);

}  // namespace vidcost
