#include "pricing/pack_cover.h"

#include <numeric>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace vidcost::optimiser {
namespace {

// Bounds on the tables: packs this far apart in size are not a catalog's.
constexpr std::int64_t kMaxPeriod = 4'000'000;
constexpr std::int64_t kMaxTable = 4'000'000;

bool dominated(const PackCover::Pack& p, std::size_t i, const std::vector<PackCover::Pack>& all) {
  for (std::size_t j = 0; j < all.size(); ++j) {
    if (j == i) continue;
    const auto& q = all[j];
    // A cheaper pack with at least as many units replaces it in any cover at a lower cost; an
    // equal one (same price and units) is a duplicate. A pack of the same price with more units
    // does not: the smaller one can leave fewer units unused.
    if (q.price < p.price && q.amount >= p.amount) return true;
    if (q.price == p.price && q.amount == p.amount && j < i) return true;
  }
  return false;
}

}  // namespace

PackCover::PackCover(const std::vector<Pack>& packs) : input_size_(packs.size()) {
  for (std::size_t i = 0; i < packs.size(); ++i) {
    if (packs[i].amount <= 0) continue;
    if (!dominated(packs[i], i, packs)) {
      packs_.push_back(packs[i]);
      original_.push_back(static_cast<int>(i));
    }
  }
  if (packs_.empty()) return;
  std::int64_t g = 0;
  for (const auto& p : packs_) g = std::gcd(g, p.amount);
  unit_ = g;
  for (auto& p : packs_) p.amount /= g;

  best_ = 0;
  for (std::size_t j = 1; j < packs_.size(); ++j) {
    const Int lhs = packs_[j].price * packs_[static_cast<std::size_t>(best_)].amount;
    const Int rhs = packs_[static_cast<std::size_t>(best_)].price * packs_[j].amount;
    if (lhs < rhs || (lhs == rhs && packs_[j].amount < packs_[static_cast<std::size_t>(best_)].amount)) {
      best_ = static_cast<int>(j);
    }
  }
  const Pack& b = packs_[static_cast<std::size_t>(best_)];
  period_ = b.amount;
  if (period_ > kMaxPeriod) throw std::length_error("credit packs too large to optimise exactly");
  const auto c = static_cast<std::size_t>(period_);

  // Cheapest multiset of the other packs per residue: Dijkstra on (extra cost, units).
  dist_.assign(c, kInf);
  weight_.assign(c, 0);
  via_pack_.assign(c, -1);
  std::vector<std::size_t> previous(c, 0);
  using Node = std::tuple<Int, std::int64_t, std::size_t>;
  std::priority_queue<Node, std::vector<Node>, std::greater<>> queue;
  dist_[0] = 0;
  queue.emplace(0, 0, 0);
  while (!queue.empty()) {
    const auto [d, w, r] = queue.top();
    queue.pop();
    if (d != dist_[r] || w != weight_[r]) continue;
    for (std::size_t j = 0; j < packs_.size(); ++j) {
      if (static_cast<int>(j) == best_) continue;
      const Int extra = packs_[j].price * period_ - b.price * packs_[j].amount;  // >= 0: b is cheapest per unit
      const Int nd = d + extra;
      const std::int64_t nw = w + packs_[j].amount;
      const auto nr = static_cast<std::size_t>((static_cast<std::int64_t>(r) + packs_[j].amount) % period_);
      if (nd < dist_[nr] || (nd == dist_[nr] && nw < weight_[nr])) {
        dist_[nr] = nd;
        weight_[nr] = nw;
        via_pack_[nr] = static_cast<int>(j);
        previous[nr] = r;
        queue.emplace(nd, nw, nr);
      }
    }
  }
  std::int64_t bound = 0;
  for (std::size_t r = 0; r < c; ++r) {
    if (dist_[r] < kInf) bound = std::max(bound, weight_[r]);
  }
  if (bound > kMaxTable) throw std::length_error("credit packs too uneven to optimise exactly");

  // phi(t) = min over r of dist[r] + P * ((r - t) mod c), by two sweeps around the circle.
  phi_.assign(c, kInf);
  phi_extra_.assign(c, 0);
  for (std::size_t r = 0; r < c; ++r) phi_[r] = dist_[r];
  for (std::size_t step = 0; step < 2 * c; ++step) {
    const std::size_t t = c - 1 - step % c;
    const std::size_t next = (t + 1) % c;
    if (phi_[next] >= kInf) continue;
    const Int value = phi_[next] + b.price;
    const std::int64_t extra = phi_extra_[next] + 1;
    if (value < phi_[t] || (value == phi_[t] && extra < phi_extra_[t])) {
      phi_[t] = value;
      phi_extra_[t] = extra;
    }
  }

  psi_.assign(c, 0);
  for (std::size_t t = 0; t < c; ++t) psi_[t] = (b.price * static_cast<Int>(t) + phi_[t]) / period_;

  // Exact table below the bound.
  table_.assign(static_cast<std::size_t>(bound) + 1, Entry{});
  table_[0] = {0, 0, -1};
  for (std::size_t x = 1; x < table_.size(); ++x) {
    Entry best;
    for (std::size_t j = 0; j < packs_.size(); ++j) {
      const auto before = static_cast<std::size_t>(std::max<std::int64_t>(0, static_cast<std::int64_t>(x) - packs_[j].amount));
      const Entry& e = table_[before];
      const Int cost = e.cost + packs_[j].price;
      const std::int64_t amount = e.amount + packs_[j].amount;
      if (cost < best.cost || (cost == best.cost && amount < best.amount)) best = {cost, amount, static_cast<int>(j)};
    }
    table_[x] = best;
  }
  previous_ = std::move(previous);
}

Cover PackCover::reduced(std::int64_t x) const {
  if (x <= 0) return {0, 0};
  if (static_cast<std::size_t>(x) < table_.size()) {
    const Entry& e = table_[static_cast<std::size_t>(x)];
    return {e.cost, e.amount};
  }
  // x = q c + t: c * cost = P (q c + t) + phi(t), so cost = P q + psi(t).
  const std::int64_t q = x / period_;
  const auto t = static_cast<std::size_t>(x - q * period_);
  return {packs_[static_cast<std::size_t>(best_)].price * q + psi_[t], x + phi_extra_[t]};
}

Cover PackCover::at_least(std::int64_t x) const {
  if (x <= 0) return {0, 0};
  if (packs_.empty()) return {};
  Cover c = reduced((x + unit_ - 1) / unit_);
  c.amount *= unit_;
  return c;
}

std::vector<std::int64_t> PackCover::counts(std::int64_t x) const {
  std::vector<std::int64_t> out(input_size_, 0);
  if (x <= 0 || packs_.empty()) return out;
  std::int64_t xr = (x + unit_ - 1) / unit_;
  auto add = [&](int j, std::int64_t n) { out[static_cast<std::size_t>(original_[static_cast<std::size_t>(j)])] += n; };
  if (static_cast<std::size_t>(xr) < table_.size()) {
    while (xr > 0) {
      const int j = table_[static_cast<std::size_t>(xr)].last;
      add(j, 1);
      xr = std::max<std::int64_t>(0, xr - packs_[static_cast<std::size_t>(j)].amount);
    }
    return out;
  }
  const auto t = static_cast<std::size_t>(xr % period_);
  const std::int64_t total = xr + phi_extra_[t];
  auto r = static_cast<std::size_t>(total % period_);
  const std::int64_t others = weight_[r];
  add(best_, (total - others) / period_);
  while (via_pack_[r] != -1) {
    add(via_pack_[r], 1);
    r = previous_[r];
  }
  return out;
}

}  // namespace vidcost::optimiser
