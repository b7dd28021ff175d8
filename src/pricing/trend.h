// The cheapest per-second price of each provider over time, from the dated catalog: for the
// generations a comparison matches, on every day the catalog records a change (an entry that
// starts or ends), in one currency at each day's rate. The report's "price over time" chart.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pricing/compare.h"

namespace vidcost {

struct ProviderTrend {
  std::string provider;
  // The cheapest matching price per second from each date on (none: nothing matching priced).
  std::vector<std::pair<Date, std::optional<Rational>>> steps;
};

struct Trends {
  Currency currency = Currency::USD;
  std::vector<ProviderTrend> providers;  // in catalog order
  std::vector<Date> dates;               // every date evaluated, up to the market date
};

// From the first change date on which any matching offer is priced to the market's date.
Trends cheapest_over_time(const Market& market, const CompareRequest& request, Currency currency);

}  // namespace vidcost
