// The exact cheapest way for one account to serve a set of monthly clip needs ("items"), each
// with its channels: in-app credits (plan, free credits, credit packs), API units from unit packs,
// and the pay-as-you-go API. Used by the optimiser's search for every set of lines it tries.
//
// For a plan p and monthly use of A credits and U units, the account costs
//   plan + credit packs for max(0, A - free - plan credits) a month + unit packs for U a month
//   + months x pay-as-you-go a month,
// with ties going to fewer unused credits, then fewer unused units. The solver finds the split
// of each item between its channels that minimises this, exactly: a scan for one item, a
// dynamic programme over one pool's use for several, over both pools when it must (bounded).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pricing/prepaid_pool.h"

namespace vidcost::optimiser {

// One account's offers in exact integers (see optimise.h for the catalog-level description).
struct AccountTerms {
  struct Plan {
    Int cost;  // over the whole period
    std::int64_t credits_per_month = 0;
  };
  std::vector<Plan> plans;
  std::int64_t free_credits_per_month = 0;
  std::vector<PoolPack> packs;       // in-app credits
  std::vector<PoolPack> unit_packs;  // API units
  std::optional<Int> unit_price;     // pay-as-you-go price of one API unit, when every unit-billed clip pays it
};

class AccountSolver {
 public:
  struct Item {
    std::int64_t clips = 0;                 // a month
    std::optional<std::int64_t> credits;    // per clip in the app
    std::optional<std::int64_t> units;      // per clip from unit packs (or pay-as-you-go units)
    std::optional<Int> api;                 // pay-as-you-go per clip (not in units)
  };
  struct Split {
    std::int64_t app = 0, units = 0, api = 0;  // clips a month through each channel
  };
  struct Result {
    Int cost = kInf;
    std::int64_t unused_credits = 0, unused_units = 0;
    int plan = -1;
    std::int64_t credits = 0, units = 0;  // used a month
    Int api_per_month = 0;                // pay-as-you-go outside the unit pool, a month
    std::vector<Split> splits;            // per item, in the order given
    // False when the items were too large to combine plan credits and API unit packs exactly:
    // the result is then the cheaper of the two ways without one of them (feasible, an upper
    // bound, maybe not the optimum).
    bool proven = true;

    bool possible() const { return cost < kInf; }
  };
  static constexpr int kAnyPlan = -2;

  AccountSolver(AccountTerms terms, int months);

  // The best use of the account for the items; `plan` forces a plan (-1: none). Throws
  // std::length_error when one pool alone is too large to optimise exactly (the message says
  // why); when only the two pools together are, see Result::proven.
  // Without splits, only the cost and unused amounts are set (no per-item split).
  Result solve(const std::vector<Item>& items, int plan = kAnyPlan, bool with_splits = true) const;

  const AccountTerms& terms() const { return terms_; }
  int months() const { return months_; }
  const PrepaidPool& credit_pool() const { return credit_pool_; }
  const PrepaidPool& unit_pool() const { return unit_pool_; }
  bool app_available() const;
  // Lower bounds on what a credit and a unit cost (num / den; den 0: the channel is closed).
  Int credit_rate_num = 0, credit_rate_den = 0;

 private:
  struct Usage {  // monthly use of an evaluated state
    std::int64_t credits = 0, units = 0;
    Int api = 0;
  };
  struct Eval {
    Int cost = kInf;
    std::int64_t unused_credits = 0, unused_units = 0;
  };
  Eval evaluate(int plan, const Usage& use) const;
  bool better(const Eval& a, const Eval& b) const;

  AccountTerms terms_;
  int months_ = 1;
  PrepaidPool credit_pool_, unit_pool_;
  std::vector<double> plan_cost_d_;
  double credit_quick_rate_ = -1, credit_quick_saving_ = 0, unit_quick_rate_ = -1, unit_quick_saving_ = 0;
};

}  // namespace vidcost::optimiser
