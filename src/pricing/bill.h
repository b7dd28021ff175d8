// `bill`: what a month of a usage file costs (pricing/usage.h): every bought item at its catalog
// price, each need served the cheapest way the bought items allow (credits and units already
// paid for first, the pay-as-you-go API for the rest, where the account uses it), credits used,
// left over and expiring, and beside it what `recommend` would pay for the same needs.
//
// Rules (docs/bill.md):
// - A bill is one month. A plan billed by the quarter or year costs a third or a twelfth of its
//   period price a month; packs are bought as many times a month as the file says.
// - Needs draw on the account's free credits, then plan credits, then pack credits (shortest
//   validity first); plan and free credits left at the end of the month expire, as do pack
//   credits valid for a month or less.
// - A need's cost is its pay-as-you-go spend plus its share of the prepaid spend of its account,
//   in proportion to the credits (units) it used of those bought; what nothing used is its own
//   line ("unused"), so the lines sum to the total exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/market.h"
#include "pricing/quote.h"
#include "pricing/recommend.h"
#include "pricing/usage.h"

namespace vidcost {

struct BillItem {
  enum class Kind { Plan, Pack, ApiPack, Free, Api, Unused } kind = Kind::Plan;
  std::string account;  // "kling (intl)"
  std::string id, name;
  std::int64_t quantity = 0;  // packs a month; API clips a month; 1 for a plan
  std::string unit;           // "month", "pack", "clip"
  Rational amount;            // a month, in the bill's currency
  std::optional<Amount> unit_price;  // the catalog's own price of one (plan period, pack, API clip on average)
  std::optional<Rational> bought;    // credits or units a month
  std::optional<Rational> used, left, expiring;
  std::string size_unit;             // "credits", "units"
  Trust trust;
};

struct BillLine {
  std::string need;        // as written
  std::string generation;  // "kling/2.1/pro@10s"
  std::string account;
  int count = 0;
  int app_clips = 0, unit_clips = 0, api_clips = 0;
  Rational credits = 0, units = 0;  // used a month
  Rational cost;        // a month: pay-as-you-go plus its share of the prepaid spend
  Rational per_second;  // cost / seconds generated
  Trust trust;
};

struct Bill {
  Currency currency = Currency::USD;
  std::vector<BillItem> items;
  std::vector<BillLine> lines;
  Rational total;
  std::int64_t seconds_a_month = 0;
  Rational per_second;
  Trust trust;  // the weakest figure the bill rests on
  std::vector<std::string> inferred;
  bool proven = true;  // false: the allocation is valid but not proven the cheapest (see optimise.h)
  // What `recommend` would pay for the same needs in the same market; nullopt with the reason
  // when it has no answer.
  std::optional<RecommendedOption> recommended;
  std::string recommend_note;
  std::optional<Rational> saving;  // total - recommended total
};

// Throws Error::bad_input with the usage file's file:line:col for what it names that the catalog
// does not have on the market's date (a provider, a plan of another region, a pack, an API), a
// need no bought item can serve (naming what would serve it), or a need beyond what is bought.
Bill make_bill(const Market& market, const Usage& usage);

}  // namespace vidcost
