// The market a request prices in: the catalog, the day (--as-of), an optional region and the
// currency amounts are shown in. Every conversion uses the dated rate in force on that day.
#pragma once

#include <optional>

#include "catalog/types.h"
#include "money/fx.h"
#include "pricing/price_basis.h"

namespace vidcost {

struct Market {
  const Catalog* catalog = nullptr;
  Date date;
  std::optional<Region> region;      // none: both markets
  std::optional<Currency> display;   // none: each amount in its own currency
  PriceBasisChoice price_basis = PriceBasisChoice::Renewal;  // which price of a plan (--price-basis)
  int stale_after_days = 180;  // a figure older than this at `date` is stale (--stale-after)

  // `a` in `to`, with the rate used (none when no conversion was needed).
  Conversion convert(const Amount& a, Currency to) const { return catalog->fx.convert(a, to, date); }
  Rational value_in(const Amount& a, Currency to) const { return convert(a, to).amount.value; }
  // `a` in the display currency, or unchanged.
  Conversion shown(const Amount& a) const { return display ? convert(a, *display) : Conversion{a, std::nullopt}; }
};

}  // namespace vidcost
