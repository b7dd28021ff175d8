// Break-even analysis: for a steady monthly stream of one generation, what each way to pay costs
// at every usage, and which is cheapest where. The costs are the optimiser's own (the same
// eligibility, indivisible packs that last their validity, unit packs, top-ups), so at every usage
// the cheapest here is what `recommend` picks for that need from that provider.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/need_problem.h"
#include "pricing/spec.h"

namespace vidcost {

// One way to pay, priced at every number of clips a month.
struct CostCurve {
  enum class Kind { Api, ApiPack, Pack, Plan, Mix } kind = Kind::Api;
  std::string id;     // "plan pro (intl)", "pack topup-200 (intl)", "api (intl)", "mix (intl)"
  std::string label;  // "plan Pro (intl) with top-ups"
  Region region = Region::Intl;
  Trust trust;  // the figures this way of paying rests on
  // Index n: n clips a month; none where this way cannot serve that many.
  std::vector<std::optional<optimiser::LineCost::Point>> points;
};

struct Range {
  std::int64_t from_clips = 0, to_clips = 0;  // clips a month, both included
  std::size_t curve = 0;
  Rational cost_from, cost_to;  // a month
};

struct BreakevenRequest {
  std::string provider;                 // id or alias
  std::optional<SpecPattern> spec;      // one generation; none: the newest in-app mode
  std::optional<Rational> max_seconds;  // usage up to this many seconds a month
  int months = 1;                       // the period, as for `recommend`
  bool free_credits = false;
  OfferFilter offers;
};

struct BreakevenResult {
  Generation generation;
  Currency currency = Currency::USD;
  int months = 1;
  std::int64_t max_clips = 0;
  std::vector<CostCurve> curves;
  std::vector<Range> ranges;  // the cheapest curve on each stretch of 1..max_clips
  int stale_after_days = 180;
  Date date;

  // A month's cost of `curve` at n clips (the period's total over the months).
  std::optional<Rational> monthly(std::size_t curve, std::int64_t clips) const;
  std::int64_t seconds(std::int64_t clips) const { return clips * generation.seconds; }
};

// Ways to pay, in this order (a tie goes to the first): each pay-as-you-go API, each API unit
// pack alone, each credit pack alone, each plan with the top-ups the optimiser would add, and
// the best mix without a plan. Throws Error for unknown names or when nothing prices the
// generation under the filters.
BreakevenResult breakeven(const Market& market, const BreakevenRequest& request);

}  // namespace vidcost
