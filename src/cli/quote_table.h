// Turning quotes into report rows, shared by `price` and `compare`: one set of columns,
// one rounding rule, one way of converting currencies.
#pragma once

#include <vector>

#include "pricing/compare.h"
#include "pricing/market.h"
#include "pricing/quote.h"
#include "report/table.h"

namespace vidcost {

// Which columns the text table shows; CSV, JSON and Markdown always carry them all.
enum class QuoteView { Price, Compare };

// The rows of a table: quotes owned by the caller, which must outlive the table (its rows are
// made as they are written).
struct QuoteRows {
  std::vector<const Quote*> quotes;               // one row each, priced or not
  std::vector<std::vector<const Quote*>> groups;  // unpriced quotes that differ only in the offer: one row each
  std::vector<Unsold> unsold;                     // products no offer sells
};
// Every quote of `quotes`, one row each.
std::vector<const Quote*> rows_of(const std::vector<Quote>& quotes);

// Rounding at display (half to even): per-second and per-clip prices 4 decimals, per-credit
// prices 6, offer prices 2 (API unit prices 4). With a unit other than Second, a per_minute
// or per_clip column follows per_second. The rows are streamed (Table::make_row): `rows` is
// kept by the table, the quotes it points at must outlive it.
// The footnotes (rates used, staleness) take a pass over every quote: with `footnotes` false
// (CSV and JSON, which never print them) the pass is skipped.
Table quote_table(QuoteRows rows, const Market& market, QuoteView view, PriceUnit unit = PriceUnit::Second,
                  bool footnotes = true);

// (after - before) / before in percent, rounded half to even to 1 decimal; empty when before is 0.
Cell change_percent(const Rational& before, const Rational& after);

}  // namespace vidcost
