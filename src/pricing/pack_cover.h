// The cheapest set of packs, each available any number of times, that gives at least x units
// of a prepaid balance (credits or API units): an unbounded covering knapsack, solved exactly.
//
// Ties go to fewer units bought. Queries are O(1) after a set-up linear in the size of the
// packs: let b be the pack with the lowest price per unit (c units for P). Any other pack j costs
// d_j = p_j c - P a_j >= 0 more than its units bought at b's rate (times c). A shortest-path
// search over residues modulo c gives, for each residue r, the cheapest multiset T_r of other
// packs with total = r (mod c) and its least total w_r. Every optimal cover is some T_r plus
// whole packs b, so for x at least max w_r:
//   c * cover(x) = P x + phi(x mod c),   phi(t) = min_r [ D(T_r) + P ((r - t) mod c) ]
// and below that bound a plain dynamic programme answers.
#pragma once

#include <cstdint>
#include <vector>

#include "pricing/scaled.h"

namespace vidcost::optimiser {

struct Cover {
  Int cost = kInf;
  std::int64_t amount = 0;  // units bought

  bool possible() const { return cost < kInf; }
};

// (cost, amount), least first.
inline bool cheaper(const Cover& a, const Cover& b) {
  return a.cost != b.cost ? a.cost < b.cost : a.amount < b.amount;
}

class PackCover {
 public:
  struct Pack {
    Int price;
    std::int64_t amount;  // > 0
  };

  PackCover() = default;
  // Throws std::length_error when the packs' sizes make the tables too large.
  explicit PackCover(const std::vector<Pack>& packs);

  bool empty() const { return packs_.empty(); }
  // The cheapest cover of at least x units (x <= 0: nothing); impossible when there are no packs.
  Cover at_least(std::int64_t x) const;
  // How many of each pack (in the order given) the cover of x buys.
  std::vector<std::int64_t> counts(std::int64_t x) const;

 private:
  struct Entry {
    Int cost = kInf;
    std::int64_t amount = 0;
    int last = -1;  // pack index of the last pack added; -1 for nothing
  };

  std::vector<Pack> packs_;        // amounts divided by unit_
  std::vector<int> original_;      // index in the caller's list
  std::size_t input_size_ = 0;
  std::int64_t unit_ = 1;          // gcd of the amounts
  int best_ = -1;                  // the pack with the lowest price per unit
  std::int64_t period_ = 1;        // its amount
  std::vector<Int> dist_;          // D(T_r) per residue (kInf: unreachable)
  std::vector<std::int64_t> weight_;  // w_r
  std::vector<int> via_pack_;      // last pack of T_r, -1 for the empty set
  std::vector<std::size_t> previous_;  // the residue of T_r without that pack
  std::vector<Int> phi_;
  std::vector<Int> psi_;  // (P t + phi(t)) / c: the cost above whole periods, per residue t
  std::vector<std::int64_t> phi_extra_;  // (r - t) mod c of the minimising r
  std::vector<Entry> table_;       // exact answers for x up to the bound

  Cover reduced(std::int64_t x) const;  // x in units of unit_
};

}  // namespace vidcost::optimiser
