// How a break-even analysis is shown: the table of cheapest ranges, and the chart of every way
// to pay against usage with the crossovers marked where the drawn lines cross.
#pragma once

#include "pricing/breakeven.h"
#include "report/svg_chart.h"
#include "report/table.h"

namespace vidcost {

Table breakeven_table(const BreakevenResult& result, const Date& as_of);
Chart breakeven_chart(const BreakevenResult& result);

}  // namespace vidcost
