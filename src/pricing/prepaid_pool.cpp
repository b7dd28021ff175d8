#include "pricing/prepaid_pool.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace vidcost::optimiser {
namespace {

constexpr std::size_t kMaxLimitedCombinations = 256;

}  // namespace

PrepaidPool::PrepaidPool(const std::vector<PoolPack>& packs, int months, std::optional<Int> pay_as_you_go_per_unit)
    : months_(months), pack_count_(packs.size()), pay_as_you_go_(pay_as_you_go_per_unit) {
  auto consider_rate = [&](Int price, std::int64_t amount) {
    if (rate_den == 0 || price * rate_den < rate_num * amount) {
      rate_num = price;
      rate_den = amount;
    }
  };
  std::map<int, std::vector<int>> by_window;  // window -> pack indices, in the order given
  for (std::size_t i = 0; i < packs.size(); ++i) {
    const PoolPack& p = packs[i];
    if (p.amount <= 0) continue;
    const int window = (p.window <= 0 || p.window > months) ? months : p.window;
    consider_rate(p.price, p.amount);
    if (p.limit > 0) {
      limited_.push_back({static_cast<int>(i), p.price, p.amount, window, p.limit});
    } else {
      by_window[window].push_back(static_cast<int>(i));
    }
  }
  if (pay_as_you_go_) {
    consider_rate(*pay_as_you_go_, 1);
    if (by_window.empty()) by_window[months];
  }
  for (const auto& [window, members] : by_window) {
    Class c;
    c.window = window;
    std::vector<PackCover::Pack> entries;
    for (int i : members) {
      entries.push_back({packs[static_cast<std::size_t>(i)].price, packs[static_cast<std::size_t>(i)].amount});
      c.members.push_back(i);
    }
    if (pay_as_you_go_) {
      entries.push_back({*pay_as_you_go_, 1});
      c.members.push_back(-1);
    }
    c.cover = PackCover(entries);
    classes_.push_back(std::move(c));
  }
  for (const auto& c : classes_) {
    for (int i : c.members) {
      const Int price = i < 0 ? *pay_as_you_go_ : packs[static_cast<std::size_t>(i)].price;
      const std::int64_t amount = i < 0 ? 1 : packs[static_cast<std::size_t>(i)].amount;
      if (unlimited_rate_den == 0 || price * unlimited_rate_den < unlimited_rate_num * amount) {
        unlimited_rate_num = price;
        unlimited_rate_den = amount;
      }
    }
  }
  // Every combination of the limited packs' counts, the empty one first.
  combos_.push_back(std::vector<int>(limited_.size(), 0));
  for (std::size_t k = 0; k < limited_.size(); ++k) {
    const std::size_t before = combos_.size();
    for (int n = 1; n <= limited_[k].limit; ++n) {
      for (std::size_t c = 0; c < before; ++c) {
        auto combo = combos_[c];
        combo[k] = n;
        combos_.push_back(std::move(combo));
        if (combos_.size() > kMaxLimitedCombinations) {
          throw std::length_error("too many packs limited per account to optimise exactly");
        }
      }
    }
  }
  for (const auto& combo : combos_) {
    ComboTotals t{0, 0, months_};
    for (std::size_t k = 0; k < combo.size(); ++k) {
      if (combo[k] == 0) continue;
      t.price += limited_[k].price * combo[k];
      t.units += limited_[k].amount * combo[k];
      t.window = std::min(t.window, limited_[k].window);
    }
    combo_totals_.push_back(t);
  }
  if (unlimited_rate_den > 0) {
    for (const auto& combo : combos_) {
      Int value = 0, price = 0;
      for (std::size_t k = 0; k < combo.size(); ++k) {
        value += static_cast<Int>(limited_[k].amount) * combo[k];
        price += limited_[k].price * combo[k];
      }
      // What those units would cost at the unlimited rate, rounded up, less what they cost.
      const Int worth = (unlimited_rate_num * value + unlimited_rate_den - 1) / unlimited_rate_den;
      limited_saving = std::max(limited_saving, worth - price);
    }
  }
}

Int PrepaidPool::lower_bound(std::int64_t per_month) const {
  if (per_month <= 0) return 0;
  const Int units = static_cast<Int>(per_month) * months_;
  if (unlimited_rate_den == 0) return rate_den == 0 ? kInf : rate_num * units / rate_den;
  return std::max<Int>(0, unlimited_rate_num * units / unlimited_rate_den - limited_saving);
}

PrepaidPool::Choice PrepaidPool::best(std::int64_t per_month) const {
  Choice out;
  if (per_month <= 0) {
    out.supply = {0, 0};
    return out;
  }
  const std::int64_t months = months_;
  for (std::size_t k = 0; k < combos_.size(); ++k) {
    const ComboTotals& limited = combo_totals_[k];
    auto consider = [&](const Supply& s, int cls) {
      if (s.possible() && (!out.supply.possible() || cheaper(s, out.supply))) out = {s, cls, k};
    };
    if (classes_.empty()) {
      if (limited.window >= months_ && limited.units >= months * per_month) consider({limited.price, limited.units}, -1);
      continue;
    }
    for (std::size_t i = 0; i < classes_.size(); ++i) {
      const Class& c = classes_[i];
      const std::int64_t windows = months / c.window, rest = months % c.window;
      const std::int64_t window_need = c.window * per_month;
      const std::int64_t served = std::min(limited.units, std::min(limited.window, c.window) * per_month);
      const Cover first = c.cover.at_least(window_need - served);
      const Cover full = windows > 1 ? c.cover.at_least(window_need) : Cover{0, 0};
      const Cover tail = rest > 0 ? c.cover.at_least(rest * per_month) : Cover{0, 0};
      if (!first.possible() || !full.possible() || !tail.possible()) continue;
      consider({limited.price + first.cost + full.cost * (windows - 1) + tail.cost,
                limited.units + first.amount + full.amount * (windows - 1) + tail.amount},
               static_cast<int>(i));
    }
  }
  return out;
}

Supply PrepaidPool::supply(std::int64_t per_month) const { return best(per_month).supply; }

SupplyDetail PrepaidPool::detail(std::int64_t per_month) const {
  const Choice choice = best(per_month);
  SupplyDetail d;
  d.supply = choice.supply;
  d.packs.assign(pack_count_, 0);
  if (!choice.supply.possible() || per_month <= 0) return d;
  const auto& combo = combos_[choice.combo];
  for (std::size_t k = 0; k < limited_.size(); ++k) d.packs[static_cast<std::size_t>(limited_[k].index)] += combo[k];
  const std::int64_t limited_units = combo_totals_[choice.combo].units;
  const int limited_window = combo_totals_[choice.combo].window;
  if (choice.cls < 0) return d;
  const Class& c = classes_[static_cast<std::size_t>(choice.cls)];
  const std::int64_t windows = months_ / c.window, rest = months_ % c.window;
  const std::int64_t window_need = c.window * per_month;
  const std::int64_t served = std::min(limited_units, std::min(limited_window, c.window) * per_month);
  auto add = [&](std::int64_t need, std::int64_t times) {
    if (times <= 0 || need <= 0) return;
    const auto counts = c.cover.counts(need);
    for (std::size_t e = 0; e < counts.size(); ++e) {
      if (counts[e] == 0) continue;
      if (c.members[e] < 0) {
        d.pay_as_you_go_units += counts[e] * times;
      } else {
        d.packs[static_cast<std::size_t>(c.members[e])] += counts[e] * times;
      }
    }
  };
  add(window_need - served, 1);
  add(window_need, windows - 1);
  add(rest * per_month, 1);
  if (pay_as_you_go_) d.pay_as_you_go_cost = *pay_as_you_go_ * d.pay_as_you_go_units;
  return d;
}

}  // namespace vidcost::optimiser
