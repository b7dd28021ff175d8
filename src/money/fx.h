// Dated exchange rates and conversion. Every conversion reports the rate and date it used,
// so output can say where a converted figure came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "money/amount.h"

namespace vidcost {

struct FxRate {
  Currency base = Currency::USD;   // 1 unit of base ...
  Currency quote = Currency::CNY;  // ... is `rate` units of quote
  Rational rate;
  Date date;
  std::string source;
};

struct Conversion {
  Amount amount;
  std::optional<FxRate> rate;  // empty when no conversion was needed
};

class FxTable {
 public:
  void add(FxRate rate);
  const std::vector<FxRate>& rates() const { return rates_; }

  // The latest rate between the two currencies dated on or before `as_of`; when every rate is
  // newer than `as_of`, the earliest one. nullopt when the pair has no rate at all.
  std::optional<FxRate> rate_for(Currency from, Currency to, const Date& as_of) const;

  // Throws std::runtime_error when no rate links the two currencies.
  Conversion convert(const Amount& amount, Currency to, const Date& as_of) const;

 private:
  std::vector<FxRate> rates_;
};

}  // namespace vidcost
