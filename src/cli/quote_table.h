// Turning quotes into report rows, shared by `price` and `compare`: one set of columns,
// one rounding rule, one way of converting currencies.
#pragma once

#include <vector>

#include "cli/context.h"
#include "pricing/quote.h"

namespace vidcost {

// Which columns the text table shows; CSV, JSON and Markdown always carry them all.
enum class QuoteView { Price, Compare };

// The unit a comparison is priced in: per second of video, per minute of video (as
// Artificial Analysis reports), or per clip.
enum class PriceUnit { Second, Minute, Clip };
std::optional<PriceUnit> parse_price_unit(std::string_view text);

// Rounding at display (half to even): per-second and per-clip prices 4 decimals, per-credit
// prices 6, offer prices 2.
// With a unit other than Second, a per_minute or per_clip column follows per_second.
Table quote_table(const std::vector<Quote>& quotes, const Context& ctx, QuoteView view,
                  PriceUnit unit = PriceUnit::Second);

// (after - before) / before in percent, rounded half to even to 1 decimal; empty when before is 0.
Cell change_percent(const Rational& before, const Rational& after);

// Sort key for "cheapest first": the per-second price in `currency`.
Rational comparable_per_second(const Quote& q, const Context& ctx, Currency currency);

}  // namespace vidcost
