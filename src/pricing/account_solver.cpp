#include "pricing/account_solver.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

namespace vidcost::optimiser {
namespace {

// Bounds that keep one account's solve within tens of milliseconds and a few hundred megabytes.
constexpr std::int64_t kMaxStates = 8'000'000;     // states of a one-pool programme
constexpr std::int64_t kMaxCells = 4'000'000;      // states of a two-pool programme
constexpr std::int64_t kMaxChoices = 12'000'000;   // stored choices (items x states)
constexpr std::int64_t kMaxSteps = 30'000'000;    // transitions of a two-pool programme (~30 ms)

// An item whose clips can go more than one way.
struct Variable {
  std::size_t index = 0;
  std::int64_t clips = 0, credits = 0, units = 0;
  Int api = 0;
  bool app = false, pool = false, pay = false;
};

// Exactly-j programme over one resource: each clip uses `use` of the resource or costs
// `fallback`; best[j] is the least fallback total with exactly j resource, and chosen[i][j]
// how many clips of item i use the resource there.
struct OnePool {
  std::int64_t unit = 1;
  std::vector<Int> best, next;
  std::vector<std::vector<std::int32_t>> chosen;
};

struct OnePoolItem {
  std::int64_t clips = 0, use = 0;
  Int fallback = 0;
};

// Fills `p` (reusing its memory: the search solves thousands of accounts).
void one_pool(const std::vector<OnePoolItem>& items, bool keep_choices, OnePool& p) {
  std::int64_t g = 0;
  for (const auto& it : items) g = std::gcd(g, it.use);
  p.unit = g == 0 ? 1 : g;
  std::int64_t states = 0;
  for (const auto& it : items) states += it.clips * (it.use / p.unit);
  if (states > kMaxStates || (keep_choices && (states + 1) * static_cast<std::int64_t>(items.size()) > kMaxChoices)) {
    throw std::length_error("the need is too large to optimise exactly");
  }
  const auto size = static_cast<std::size_t>(states + 1);
  p.best.assign(size, kInf);
  p.best[0] = 0;
  p.chosen.resize(items.size());
  std::vector<Int>& next = p.next;
  next.assign(size, kInf);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const OnePoolItem& it = items[i];
    auto& chosen = p.chosen[i];
    if (keep_choices) chosen.assign(size, 0);
    std::fill(next.begin(), next.end(), kInf);
    // next[r + t c] = min over m in [t - n, t] of (best[r + m c] - m a) + t a... written with k = t - m
    // clips on the resource: a sliding-window minimum along each residue class.
    const auto c = static_cast<std::size_t>(it.use / p.unit);
    const Int a = it.fallback;
    for (std::size_t r = 0; r < c && r < size; ++r) {
      std::deque<std::pair<std::int64_t, Int>> window;  // (m, best + m a), increasing values
      for (std::int64_t t = 0; r + static_cast<std::size_t>(t) * c < size; ++t) {
        const Int v = p.best[r + static_cast<std::size_t>(t) * c];
        if (v < kInf) {
          const Int w = v + a * t;
          while (!window.empty() && window.back().second >= w) window.pop_back();
          window.emplace_back(t, w);
        }
        while (!window.empty() && window.front().first < t - it.clips) window.pop_front();
        if (!window.empty()) {
          const std::size_t j = r + static_cast<std::size_t>(t) * c;
          next[j] = window.front().second + a * (it.clips - t);
          if (keep_choices) chosen[j] = static_cast<std::int32_t>(t - window.front().first);
        }
      }
    }
    p.best.swap(next);
  }
}

}  // namespace

AccountSolver::AccountSolver(AccountTerms terms, int months)
    : terms_(std::move(terms)),
      months_(months),
      credit_pool_(terms_.packs, months, std::nullopt),
      unit_pool_(terms_.unit_packs, months, terms_.unit_price) {
  // Per unit a month over the period, the pools' lower bounds in floating point (see lower_bound).
  auto quick = [&](const PrepaidPool& pool, double& rate, double& saving) {
    if (pool.unlimited_rate_den > 0) {
      rate = static_cast<double>(pool.unlimited_rate_num) / static_cast<double>(pool.unlimited_rate_den) * months;
      saving = static_cast<double>(pool.limited_saving);
    } else if (pool.rate_den > 0) {
      rate = static_cast<double>(pool.rate_num) / static_cast<double>(pool.rate_den) * months;
      saving = 0;
    } else {
      rate = -1;
    }
  };
  quick(credit_pool_, credit_quick_rate_, credit_quick_saving_);
  for (const auto& p : terms_.plans) plan_cost_d_.push_back(static_cast<double>(p.cost));
  quick(unit_pool_, unit_quick_rate_, unit_quick_saving_);
  // The cheapest credit: a plan's credits all used, a pack's, whichever is lower.
  credit_rate_num = credit_pool_.rate_num;
  credit_rate_den = credit_pool_.rate_den;
  for (const auto& p : terms_.plans) {
    if (p.credits_per_month <= 0) continue;
    const Int den = static_cast<Int>(p.credits_per_month) * months_;
    if (credit_rate_den == 0 || p.cost * credit_rate_den < credit_rate_num * den) {
      credit_rate_num = p.cost;
      credit_rate_den = den;
    }
  }
}

bool AccountSolver::app_available() const {
  return !terms_.plans.empty() || !credit_pool_.empty() || terms_.free_credits_per_month > 0;
}

bool AccountSolver::better(const Eval& a, const Eval& b) const {
  if (a.cost != b.cost) return a.cost < b.cost;
  if (a.unused_credits != b.unused_credits) return a.unused_credits < b.unused_credits;
  return a.unused_units < b.unused_units;
}

AccountSolver::Eval AccountSolver::evaluate(int plan, const Usage& use) const {
  const std::int64_t months = months_;
  const Int plan_cost = plan < 0 ? Int(0) : terms_.plans[static_cast<std::size_t>(plan)].cost;
  const std::int64_t plan_credits = plan < 0 ? 0 : terms_.plans[static_cast<std::size_t>(plan)].credits_per_month;
  const std::int64_t after_free = std::max<std::int64_t>(0, use.credits - terms_.free_credits_per_month);
  const std::int64_t short_by = std::max<std::int64_t>(0, after_free - plan_credits);
  const Supply credits = credit_pool_.supply(short_by);
  if (!credits.possible()) return {};
  const Supply units = unit_pool_.supply(use.units);
  if (!units.possible()) return {};
  Eval e;
  e.cost = plan_cost + credits.cost + units.cost + use.api * months;
  e.unused_credits = (plan_credits - std::min(plan_credits, after_free)) * months + (credits.bought - short_by * months);
  e.unused_units = units.bought - use.units * months;
  return e;
}

AccountSolver::Result AccountSolver::solve(const std::vector<Item>& items, int plan, bool with_splits) const {
  Result out;
  out.splits.assign(items.size(), {});
  const bool app_open = app_available();
  bool pool_open = !unit_pool_.empty();
  if (pool_open && !terms_.unit_price) {
    // Unit packs that cost more than all the pay-as-you-go they could replace are never bought:
    // dropping every pack and paying those clips as they go would be strictly cheaper.
    Int replaceable = 0;
    bool all_payable = true;
    for (const Item& it : items) {
      if (it.clips <= 0 || !it.units || *it.units <= 0) continue;
      if (!it.api) all_payable = false;
      else replaceable += *it.api * it.clips * months_;
    }
    Int cheapest = kInf;
    for (const auto& p : terms_.unit_packs) cheapest = std::min(cheapest, p.price);
    if (all_payable && cheapest > replaceable) pool_open = false;
  }
  Usage fixed;
  std::vector<Variable> vars;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.clips <= 0) continue;
    Variable v{i, it.clips, it.credits.value_or(0), it.units.value_or(0), it.api.value_or(0),
               it.credits.has_value() && *it.credits > 0 && app_open, it.units.has_value() && *it.units > 0 && pool_open,
               it.api.has_value()};
    const int ways = int(v.app) + int(v.pool) + int(v.pay);
    if (ways == 0) return out;  // nothing on this account can make it
    if (ways > 1) {
      vars.push_back(v);
      continue;
    }
    Split& s = out.splits[i];
    if (v.app) {
      fixed.credits += v.clips * v.credits;
      s.app = v.clips;
    } else if (v.pool) {
      fixed.units += v.clips * v.units;
      s.units = v.clips;
    } else {
      fixed.api += v.api * v.clips;
      s.api = v.clips;
    }
  }

  const int first_plan = plan == kAnyPlan ? -1 : plan;
  const int last_plan = plan == kAnyPlan ? static_cast<int>(terms_.plans.size()) - 1 : plan;
  Eval best;
  Usage best_use;
  int best_plan = -1;
  std::int64_t best_state = -1;
  // A quick bound in floating point, with a margin far above its rounding, filters the states
  // worth an exact evaluation.
  double limit = HUGE_VAL;  // best.cost with a margin, in floating point
  auto consider_plans = [&](const Usage& use, std::int64_t state, int from_plan, int to_plan) {
    // The part of the quick bound every plan shares: pay-as-you-go and units.
    double shared = static_cast<double>(use.api) * months_;
    if (use.units > 0) {
      if (unit_quick_rate_ < 0) return;
      shared += std::max(0.0, unit_quick_rate_ * static_cast<double>(use.units) - unit_quick_saving_);
    }
    if (shared > limit) return;  // no plan costs less than nothing
    for (int p = from_plan; p <= to_plan; ++p) {
      if (best.cost < kInf) {
        double quick = shared + (p < 0 ? 0.0 : plan_cost_d_[static_cast<std::size_t>(p)]);
        const std::int64_t plan_credits = p < 0 ? 0 : terms_.plans[static_cast<std::size_t>(p)].credits_per_month;
        const std::int64_t short_by = use.credits - terms_.free_credits_per_month - plan_credits;
        if (short_by > 0) {
          if (credit_quick_rate_ < 0) continue;
          quick += std::max(0.0, credit_quick_rate_ * static_cast<double>(short_by) - credit_quick_saving_);
        }
        if (quick > limit) continue;
      }
      const Eval e = evaluate(p, use);
      if (e.cost < kInf && (best.cost >= kInf || better(e, best))) {
        best = e;
        best_use = use;
        best_plan = p;
        best_state = state;
        const double exact = static_cast<double>(best.cost);
        limit = exact + 1e-9 * std::abs(exact) + 4;  // far above the rounding of the quick bound
      }
    }
  };
  auto consider = [&](const Usage& use, std::int64_t state) { consider_plans(use, state, first_plan, last_plan); };
  auto finish = [&]() {
    if (best.cost >= kInf) return;
    out.cost = best.cost;
    out.unused_credits = best.unused_credits;
    out.unused_units = best.unused_units;
    out.plan = best_plan;
    out.credits = best_use.credits;
    out.units = best_use.units;
    out.api_per_month = best_use.api;
  };

  if (vars.empty()) {
    consider(fixed, 0);
    finish();
    return out;
  }

  if (vars.size() == 1) {
    // One item that can go two or three ways: scan its clips in the app; for the rest, the best
    // number from unit packs given how many remain (a prefix minimum).
    const Variable& v = vars[0];
    std::vector<std::int64_t> units_for(static_cast<std::size_t>(v.clips) + 1, 0);
    if (v.pool && v.pay) {
      std::int64_t best_u = 0;
      Supply best_supply = unit_pool_.supply(fixed.units);
      Int best_value = best_supply.cost;
      for (std::int64_t u = 1; u <= v.clips; ++u) {
        const Supply s = unit_pool_.supply(fixed.units + u * v.units);
        if (s.possible()) {
          const Int value = s.cost - v.api * u * months_;
          const std::int64_t unused = s.bought - (fixed.units + u * v.units) * months_;
          const std::int64_t best_unused = best_supply.bought - (fixed.units + best_u * v.units) * months_;
          if (best_value >= kInf || value < best_value || (value == best_value && unused < best_unused)) {
            best_value = value;
            best_u = u;
            best_supply = s;
          }
        }
        units_for[static_cast<std::size_t>(u)] = best_u;
      }
    }
    auto usage_at = [&](std::int64_t k) {
      const std::int64_t rest = v.clips - k;
      std::int64_t u = 0;
      if (v.pool) u = v.pay ? units_for[static_cast<std::size_t>(rest)] : rest;
      Usage use = fixed;
      use.credits += k * v.credits;
      use.units += u * v.units;
      use.api += v.api * (rest - u);
      return std::pair<Usage, bool>{use, v.pay || rest - u == 0};
    };
    // Clips in the app: none, all, or anything between; without credit packs, no more than the
    // largest plan's credits and the free ones hold.
    const std::int64_t from = 0;
    std::int64_t to = v.app ? v.clips : 0;
    if (v.app && credit_pool_.empty()) {
      std::int64_t most = terms_.free_credits_per_month;
      for (int p = std::max(first_plan, 0); p <= last_plan; ++p) {
        most = std::max(most, terms_.free_credits_per_month + terms_.plans[static_cast<std::size_t>(p)].credits_per_month);
      }
      to = std::clamp<std::int64_t>((most - fixed.credits) / v.credits, 0, v.clips);
    }
    // A good answer early makes the bound prune: the ends and each plan's capacity first.
    std::vector<std::int64_t> seeds{to, from};
    for (int p = first_plan; p <= last_plan && v.app; ++p) {
      const std::int64_t capacity = terms_.free_credits_per_month +
                                    (p < 0 ? 0 : terms_.plans[static_cast<std::size_t>(p)].credits_per_month);
      const std::int64_t k = (capacity - fixed.credits) / v.credits;
      for (std::int64_t x : {k, k + 1}) seeds.push_back(std::clamp<std::int64_t>(x, from, to));
    }
    for (std::int64_t k : seeds) {
      const auto [use, ok] = usage_at(k);
      if (ok) consider(use, k);
    }
    // Then, plan by plan, only the clips in the app whose convex lower bound can still beat the
    // best: that bound is linear in the clips left to the API and in the credits beyond the plan.
    // In long double: the search only narrows the scan, and its limit carries a margin far
    // above the rounding, so every clip count that could beat the best is still scanned.
    using Real = long double;
    const Real months = months_;
    auto pool_rate = [](const PrepaidPool& pool) {
      return pool.unlimited_rate_den > 0
                 ? static_cast<Real>(pool.unlimited_rate_num) / static_cast<Real>(pool.unlimited_rate_den)
                 : Real(-1);
    };
    const Real credit_rate = pool_rate(credit_pool_), unit_rate = pool_rate(unit_pool_);
    // Per clip left to the API channels: the cheaper of pay-as-you-go and units at their best rate.
    std::optional<Real> rest_rate;
    if (v.pay) rest_rate = static_cast<Real>(v.api) * months;
    if (v.pool && unit_rate >= 0) {
      const Real r = unit_rate * static_cast<Real>(v.units) * months;
      if (!rest_rate || r < *rest_rate) rest_rate = r;
    }
    const Real constant = static_cast<Real>(fixed.api) * months +
                          (unit_rate >= 0 ? unit_rate * static_cast<Real>(fixed.units) * months : Real(0)) -
                          static_cast<Real>(unit_pool_.limited_saving) - static_cast<Real>(credit_pool_.limited_saving);
    for (int p = first_plan; p <= last_plan; ++p) {
      const std::int64_t capacity = terms_.free_credits_per_month +
                                    (p < 0 ? 0 : terms_.plans[static_cast<std::size_t>(p)].credits_per_month);
      const Real plan_cost = static_cast<Real>(p < 0 ? Int(0) : terms_.plans[static_cast<std::size_t>(p)].cost);
      auto bound = [&](std::int64_t k) {
        Real b = plan_cost + constant;
        const std::int64_t beyond = fixed.credits + k * v.credits - capacity;
        if (beyond > 0 && credit_rate >= 0) b += credit_rate * static_cast<Real>(beyond) * months;
        if (rest_rate) b += *rest_rate * static_cast<Real>(v.clips - k);
        return b;
      };
      std::int64_t lo = from, hi = to;
      if (best.cost < kInf && (!v.app || credit_rate >= 0)) {
        const Real exact = static_cast<Real>(best.cost);
        const Real limit = exact + 1e-9L * (exact < 0 ? -exact : exact) + 16;
        // The convex bound's minimum, by ternary search (plateaus keep the middle third).
        std::int64_t a = from, b = to;
        while (b - a > 2) {
          const std::int64_t m1 = a + (b - a) / 3, m2 = b - (b - a) / 3;
          const Real f1 = bound(m1), f2 = bound(m2);
          if (f1 < f2) b = m2 - 1;
          else if (f1 > f2) a = m1 + 1;
          else { a = m1; b = m2; }
        }
        std::int64_t argmin = a;
        for (std::int64_t k = a + 1; k <= b; ++k) {
          if (bound(k) < bound(argmin)) argmin = k;
        }
        if (bound(argmin) > limit) continue;
        // The farthest k on each side whose bound is still within the best.
        std::int64_t left = from, right = argmin;
        while (left < right) {
          const std::int64_t mid = left + (right - left) / 2;
          if (bound(mid) <= limit) right = mid;
          else left = mid + 1;
        }
        lo = left;
        left = argmin;
        right = to;
        while (left < right) {
          const std::int64_t mid = left + (right - left + 1) / 2;
          if (bound(mid) <= limit) left = mid;
          else right = mid - 1;
        }
        hi = left;
      }
      for (std::int64_t k = lo; k <= hi; ++k) {
        const auto [use, ok] = usage_at(k);
        if (ok) consider_plans(use, k, p, p);
      }
    }
    finish();
    if (!out.possible()) return out;
    const auto [use, ok] = usage_at(best_state);
    Split& s = out.splits[v.index];
    s.app = best_state;
    s.units = (use.units - fixed.units) / std::max<std::int64_t>(1, v.units);
    s.api = v.clips - s.app - s.units;
    return out;
  }

  const bool any_app = std::any_of(vars.begin(), vars.end(), [](const Variable& v) { return v.app; });
  const bool any_pool = std::any_of(vars.begin(), vars.end(), [](const Variable& v) { return v.pool; });
  const bool any_pay = std::any_of(vars.begin(), vars.end(), [](const Variable& v) { return v.pay; });

  if (!(any_app && any_pool && any_pay)) {
    // Every item chooses between two ways: one resource against a fallback that adds up.
    enum class Kind { CreditsOrApi, UnitsOrApi, CreditsOrUnits } kind =
        !any_pool ? Kind::CreditsOrApi : !any_app ? Kind::UnitsOrApi : Kind::CreditsOrUnits;
    std::vector<OnePoolItem> dp_items;
    for (const auto& v : vars) {
      switch (kind) {
        case Kind::CreditsOrApi: dp_items.push_back({v.clips, v.credits, v.api}); break;
        case Kind::UnitsOrApi: dp_items.push_back({v.clips, v.units, v.api}); break;
        case Kind::CreditsOrUnits: dp_items.push_back({v.clips, v.credits, Int(v.units)}); break;
      }
    }
    thread_local OnePool dp;
    one_pool(dp_items, with_splits, dp);
    auto usage_of = [&](std::size_t j) {
      Usage use = fixed;
      const std::int64_t resource = static_cast<std::int64_t>(j) * dp.unit;
      switch (kind) {
        case Kind::CreditsOrApi: use.credits += resource; use.api += dp.best[j]; break;
        case Kind::UnitsOrApi: use.units += resource; use.api += dp.best[j]; break;
        case Kind::CreditsOrUnits: use.credits += resource; use.units += static_cast<std::int64_t>(dp.best[j]); break;
      }
      return use;
    };
    // Good answers first, so the bound prunes: all on the resource, then for each plan the
    // cheapest state its own credits (and the free ones) cover.
    const std::size_t last = dp.best.size() - 1;
    if (dp.best[last] < kInf) consider(usage_of(last), static_cast<std::int64_t>(last));
    if (kind != Kind::UnitsOrApi) {
      std::vector<std::size_t> cheapest(dp.best.size(), 0);  // prefix argmin, ties to the larger state
      for (std::size_t j = 1; j < dp.best.size(); ++j) {
        cheapest[j] = dp.best[j] <= dp.best[cheapest[j - 1]] ? j : cheapest[j - 1];
      }
      for (int p = first_plan; p <= last_plan; ++p) {
        const std::int64_t capacity = terms_.free_credits_per_month +
                                      (p < 0 ? 0 : terms_.plans[static_cast<std::size_t>(p)].credits_per_month);
        const std::int64_t room = (capacity - fixed.credits) / dp.unit;
        if (room < 0) continue;
        const std::size_t j = cheapest[static_cast<std::size_t>(std::min<std::int64_t>(room, static_cast<std::int64_t>(last)))];
        if (dp.best[j] < kInf) consider_plans(usage_of(j), static_cast<std::int64_t>(j), p, p);
      }
    }
    for (std::size_t j = 0; j < dp.best.size(); ++j) {
      if (dp.best[j] < kInf) consider(usage_of(j), static_cast<std::int64_t>(j));
    }
    finish();
    if (!out.possible() || !with_splits) return out;
    auto j = static_cast<std::size_t>(best_state);
    for (std::size_t i = vars.size(); i-- > 0;) {
      const Variable& v = vars[i];
      const std::int64_t k = dp.chosen[i][j];
      Split& s = out.splits[v.index];
      switch (kind) {
        case Kind::CreditsOrApi: s.app = k; s.api = v.clips - k; break;
        case Kind::UnitsOrApi: s.units = k; s.api = v.clips - k; break;
        case Kind::CreditsOrUnits: s.app = k; s.units = v.clips - k; break;
      }
      j -= static_cast<std::size_t>(k * (dp_items[i].use / dp.unit));
    }
    return out;
  }

  // Items that can use both pools and the API: a programme over credits and units together.
  std::int64_t ga = 0, gu = 0;
  for (const auto& v : vars) {
    if (v.app) ga = std::gcd(ga, v.credits);
    if (v.pool) gu = std::gcd(gu, v.units);
  }
  std::int64_t rows = 0, cols = 0;
  for (const auto& v : vars) {
    if (v.app) rows += v.clips * (v.credits / ga);
    if (v.pool) cols += v.clips * (v.units / gu);
  }
  const std::int64_t cells = (rows + 1) * (cols + 1);
  std::int64_t steps = 0;
  for (const auto& v : vars) steps += cells * (v.clips + 1);
  if (cells > kMaxCells || (with_splits && cells * static_cast<std::int64_t>(vars.size()) > kMaxChoices) ||
      steps > kMaxSteps) {
    // Too large to combine the two pools exactly: the cheaper of the account without its unit
    // packs and without its app credits, said to be unproven.
    std::vector<Item> no_units = items, no_app = items;
    for (auto& it : no_units) {
      if (it.credits || it.api) it.units.reset();
    }
    for (auto& it : no_app) {
      if (it.units || it.api) it.credits.reset();
    }
    Result a = solve(no_units, plan, with_splits), b = solve(no_app, plan, with_splits);
    Result& cheaper = !b.possible() || (a.possible() && a.cost <= b.cost) ? a : b;
    cheaper.proven = false;
    return cheaper;
  }
  const auto width = static_cast<std::size_t>(cols + 1);
  const auto at = [&](std::int64_t a, std::int64_t u) { return static_cast<std::size_t>(a) * width + static_cast<std::size_t>(u); };
  std::vector<Int> table(static_cast<std::size_t>(cells), kInf);
  table[0] = 0;
  struct Choice {
    std::int32_t app = 0, units = 0;
  };
  std::vector<std::vector<Choice>> chosen(vars.size());
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const Variable& v = vars[i];
    std::vector<Int> next(table.size(), kInf);
    auto& choice = chosen[i];
    if (with_splits) choice.assign(table.size(), {});
    const std::int64_t ca = v.app ? v.credits / ga : 0;
    const std::int64_t cu = v.pool ? v.units / gu : 1;
    for (std::int64_t k = 0; k <= (v.app ? v.clips : 0); ++k) {
      const std::int64_t rest = v.clips - k;
      for (std::int64_t a0 = 0; a0 + k * ca <= rows; ++a0) {
        const std::int64_t a1 = a0 + k * ca;
        if (!v.pool) {
          if (!v.pay && rest > 0) continue;
          for (std::int64_t u = 0; u <= cols; ++u) {
            const Int old = table[at(a0, u)];
            if (old >= kInf) continue;
            const Int value = old + v.api * rest;
            if (value < next[at(a1, u)]) {
              next[at(a1, u)] = value;
              if (with_splits) choice[at(a1, u)] = {static_cast<std::int32_t>(k), 0};
            }
          }
          continue;
        }
        // Along units, per residue class: u = t - m clips from packs (m the source position), the
        // rest - u others on the API: value = (old[m] + m a) + (rest - t) a, minimised over m in
        // [t - rest, t]; without the API, u = rest exactly.
        for (std::int64_t r = 0; r < cu && r <= cols; ++r) {
          std::deque<std::pair<std::int64_t, Int>> window;  // (m, old + m a), increasing values
          for (std::int64_t t = 0; r + t * cu <= cols; ++t) {
            const std::size_t target = at(a1, r + t * cu);
            std::int64_t m = 0;
            Int value = kInf;
            if (v.pay) {
              const Int old = table[at(a0, r + t * cu)];
              if (old < kInf) {
                const Int w = old + v.api * t;
                while (!window.empty() && window.back().second >= w) window.pop_back();
                window.emplace_back(t, w);
              }
              while (!window.empty() && window.front().first < t - rest) window.pop_front();
              if (window.empty()) continue;
              m = window.front().first;
              value = window.front().second + v.api * (rest - t);
            } else {
              m = t - rest;
              if (m < 0) continue;
              value = table[at(a0, r + m * cu)];
              if (value >= kInf) continue;
            }
            if (value < next[target]) {
              next[target] = value;
              if (with_splits) choice[target] = {static_cast<std::int32_t>(k), static_cast<std::int32_t>(t - m)};
            }
          }
        }
      }
    }
    table.swap(next);
  }
  for (std::int64_t a = 0; a <= rows; ++a) {
    for (std::int64_t u = 0; u <= cols; ++u) {
      const Int value = table[at(a, u)];
      if (value >= kInf) continue;
      Usage use = fixed;
      use.credits += a * ga;
      use.units += u * gu;
      use.api += value;
      consider(use, static_cast<std::int64_t>(at(a, u)));
    }
  }
  finish();
  if (!out.possible() || !with_splits) return out;
  std::int64_t a = best_state / static_cast<std::int64_t>(width), u = best_state % static_cast<std::int64_t>(width);
  for (std::size_t i = vars.size(); i-- > 0;) {
    const Variable& v = vars[i];
    const Choice c = chosen[i][at(a, u)];
    Split& s = out.splits[v.index];
    s.app = c.app;
    s.units = c.units;
    s.api = v.clips - c.app - c.units;
    if (v.app) a -= c.app * (v.credits / ga);
    if (v.pool) u -= c.units * (v.units / gu);
  }
  return out;
}

}  // namespace vidcost::optimiser
