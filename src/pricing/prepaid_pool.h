// A prepaid balance of one account (in-app credits, or API units) bought in packs, priced for a
// steady monthly use over the whole period:
// - a pack lasts `window` months from purchase (its validity, at most the period); packs that
//   last the same time form a class, bought at the start of each window of that length. One
//   class serves the whole period (the cheapest); classes are not mixed.
// - a pack limited to a few purchases per account (a trial pack) is bought at the start and
//   serves the first min(its validity, the class's window) months;
// - an API that charges each unit it uses (pay-as-you-go) can be part of the pool: a "pack" of
//   one unit, in every class, never left unused.
// Costs are exact scaled integers; ties go to fewer units bought.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pricing/pack_cover.h"

namespace vidcost::optimiser {

struct PoolPack {
  Int price;
  std::int64_t amount = 0;  // units (credits) per pack, > 0
  int window = 0;           // months it lasts, 1..period; 0: the whole period
  int limit = 0;            // purchases allowed per account; 0: any number
};

struct Supply {
  Int cost = kInf;
  std::int64_t bought = 0;  // units bought over the period (pay-as-you-go units included)

  bool possible() const { return cost < kInf; }
};

inline bool cheaper(const Supply& a, const Supply& b) {
  return a.cost != b.cost ? a.cost < b.cost : a.bought < b.bought;
}

// What a supply buys: how many of each pack over the period, and units paid as they are used.
struct SupplyDetail {
  Supply supply;
  std::vector<std::int64_t> packs;  // in the order given
  std::int64_t pay_as_you_go_units = 0;
  Int pay_as_you_go_cost = 0;
};

class PrepaidPool {
 public:
  PrepaidPool() = default;
  // Throws std::length_error when the packs are too uneven to price exactly.
  PrepaidPool(const std::vector<PoolPack>& packs, int months, std::optional<Int> pay_as_you_go_per_unit);

  bool empty() const { return classes_.empty() && limited_.empty(); }
  bool unbounded() const { return !classes_.empty(); }  // any monthly use can be supplied
  // Cheapest packs that supply `per_month` units every month of the period.
  Supply supply(std::int64_t per_month) const;
  SupplyDetail detail(std::int64_t per_month) const;
  // A lower bound on supply(per_month).cost: the unlimited packs' best price per unit times the
  // units, less the most the limited packs could save.
  Int lower_bound(std::int64_t per_month) const;
  // The lowest price of a unit over all packs (and pay-as-you-go), as num / den: a lower bound
  // on what any supply costs per unit. den == 0 when the pool is empty.
  Int rate_num = 0, rate_den = 0;
  // The same over the packs any amount of which can be bought, and the most the limited packs
  // can save against that rate (rounded up).
  Int unlimited_rate_num = 0, unlimited_rate_den = 0, limited_saving = 0;

 private:
  struct Class {
    int window = 0;
    PackCover cover;
    std::vector<int> members;  // pack index of each cover entry; -1 for pay-as-you-go
  };
  struct Limited {
    int index = 0;
    Int price;
    std::int64_t amount = 0;
    int window = 0;
    int limit = 0;
  };
  struct Choice {  // one way to supply: a class (or none) and the limited packs bought
    Supply supply;
    int cls = -1;
    std::size_t combo = 0;  // index into combos_
  };

  Choice best(std::int64_t per_month) const;

  int months_ = 1;
  std::size_t pack_count_ = 0;
  std::optional<Int> pay_as_you_go_;
  std::vector<Class> classes_;
  std::vector<Limited> limited_;
  std::vector<std::vector<int>> combos_;  // counts of each limited pack, every combination
  struct ComboTotals {
    Int price = 0;
    std::int64_t units = 0;
    int window = 0;
  };
  std::vector<ComboTotals> combo_totals_;
};

}  // namespace vidcost::optimiser
