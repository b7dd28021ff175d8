// A bill as a table (pricing/bill.h), and two bills side by side, line by line.
#pragma once

#include "pricing/bill.h"
#include "report/table.h"

namespace vidcost {

// One row per bought item, per need, the total, what `recommend` would pay and the saving.
// Amounts rounded half to even to 2 decimals, per-second prices to 4, credits shown exactly.
Table bill_table(const Bill& bill, const Market& market);

// `before` and `after` line by line (matched by section, account and item), with the change;
// `changed` is set when any amount differs.
Table bill_diff_table(const Bill& before, const Bill& after, const std::string& before_name,
                      const std::string& after_name, bool& changed);

}  // namespace vidcost
