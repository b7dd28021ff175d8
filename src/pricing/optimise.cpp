#include "pricing/optimise.h"

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

namespace vidcost::optimiser {
namespace {

__extension__ typedef __int128 Int;
__extension__ typedef unsigned __int128 UInt;
using boost::multiprecision::cpp_int;
constexpr Int kInf = static_cast<Int>(1) << 120;

// Beyond these sizes the search would take more than a moment; the caller explains.
constexpr std::int64_t kMaxCreditStates = 4'000'000;
constexpr std::int64_t kMaxCombinations = 200'000;

// Every amount of the problem as an integer multiple of 1 / scale.
struct Scaled {
  Int scale = 1;
  Int of(const Rational& r) const {
    const cpp_int n = numerator(r) * (to_cpp(scale) / denominator(r));
    if (boost::multiprecision::abs(n) > (cpp_int(1) << 100)) throw std::length_error("amounts too large to optimise");
    return to_int(n);
  }
  Rational back(Int v) const { return Rational(to_cpp(v), to_cpp(scale)); }

  static Int to_int(const cpp_int& n) {
    // cpp_int to __int128 through two 64-bit halves (the value fits: checked above).
    const bool negative = n < 0;
    cpp_int m = negative ? cpp_int(-n) : n;
    const auto low = static_cast<unsigned long long>(m & cpp_int(0xFFFFFFFFFFFFFFFFull));
    const auto high = static_cast<unsigned long long>(m >> 64);
    const Int v = (static_cast<Int>(high) << 64) | static_cast<Int>(low);
    return negative ? -v : v;
  }
  static cpp_int to_cpp(Int v) {
    const bool negative = v < 0;
    UInt m = negative ? static_cast<UInt>(-v) : static_cast<UInt>(v);
    cpp_int n = cpp_int(static_cast<unsigned long long>(m >> 64));
    n <<= 64;
    n += cpp_int(static_cast<unsigned long long>(m));
    return negative ? cpp_int(-n) : n;
  }
};

Scaled scale_for(const Problem& p) {
  cpp_int l = 1;
  auto add = [&](const Rational& r) { l = boost::multiprecision::lcm(l, cpp_int(denominator(r))); };
  for (const auto& a : p.accounts) {
    for (const auto& plan : a.plans) add(plan.cost);
    for (const auto& pack : a.packs) add(pack.price);
  }
  for (const auto& line : p.lines) {
    for (const auto& c : line.candidates) {
      if (c.api_per_clip) add(*c.api_per_clip);
    }
  }
  if (l > cpp_int(1'000'000'000'000'000'000LL)) throw std::length_error("prices with too many decimal places to optimise");
  Scaled s;
  s.scale = Scaled::to_int(l);
  return s;
}

// The best use of one account for the lines assigned to it (with their chosen candidates).
struct AccountResult {
  Int cost = kInf;
  std::int64_t unused = 0;
  AccountUse use;
  std::vector<LineUse> lines;  // in the order of `assigned`
};

struct Assigned {
  int line;
  int candidate;
};

AccountResult solve_account(const Problem& p, const Scaled& s, int account_index,
                            const std::vector<Assigned>& assigned, int only_plan = -2) {
  const Account& account = p.accounts[static_cast<std::size_t>(account_index)];
  const std::int64_t months = p.months;
  struct Item {
    std::int64_t n;
    std::optional<std::int64_t> credits;
    std::optional<Int> api;
  };
  std::vector<Item> items;
  std::int64_t g = 0;
  for (const auto& a : assigned) {
    const Line& line = p.lines[static_cast<std::size_t>(a.line)];
    const Candidate& c = line.candidates[static_cast<std::size_t>(a.candidate)];
    Item item{line.count, c.credits_per_clip, std::nullopt};
    if (c.api_per_clip) item.api = s.of(*c.api_per_clip);
    if (item.credits) g = std::gcd(g, *item.credits);
    items.push_back(item);
  }
  if (g == 0) g = 1;
  std::int64_t states = 0;  // app credits a month, in units of g
  for (const auto& it : items) {
    if (it.credits) states += it.n * (*it.credits / g);
  }
  if ((states + 1) * static_cast<std::int64_t>(items.size() + 1) > kMaxCreditStates ||
      states * g * months > kMaxCreditStates) {
    throw std::length_error("the need is too large to optimise exactly (too many credits a month)");
  }

  // paid[j]: the least pay-as-you-go cost a month when exactly j*g app credits are spent;
  // app_clips[i][j]: how many clips of item i are made in the app on that optimum.
  std::vector<Int> paid(static_cast<std::size_t>(states + 1), kInf);
  paid[0] = 0;
  std::vector<std::vector<std::int32_t>> app_clips(items.size(),
                                                   std::vector<std::int32_t>(static_cast<std::size_t>(states + 1), 0));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    std::vector<Int> next(paid.size(), kInf);
    auto& chosen = app_clips[i];
    if (!it.credits) {
      for (std::size_t j = 0; j < paid.size(); ++j) {
        if (paid[j] < kInf) next[j] = paid[j] + it.n * *it.api;
      }
    } else if (!it.api) {
      const auto shift = static_cast<std::size_t>(it.n * (*it.credits / g));
      for (std::size_t j = shift; j < paid.size(); ++j) {
        next[j] = paid[j - shift];
        chosen[j] = static_cast<std::int32_t>(it.n);
      }
    } else {
      // next[r + t*c] = min over m in [t-n, t] of (paid[r + m*c] + m*a) + (n - t)*a, k = t - m:
      // a sliding-window minimum along each residue class.
      const auto c = static_cast<std::size_t>(*it.credits / g);
      const Int a = *it.api;
      for (std::size_t r = 0; r < c && r < paid.size(); ++r) {
        std::deque<std::pair<std::int64_t, Int>> window;  // (m, paid + m*a), increasing values
        for (std::int64_t t = 0; r + static_cast<std::size_t>(t) * c < paid.size(); ++t) {
          const Int v = paid[r + static_cast<std::size_t>(t) * c];
          if (v < kInf) {
            const Int w = v + t * a;
            while (!window.empty() && window.back().second >= w) window.pop_back();
            window.emplace_back(t, w);
          }
          while (!window.empty() && window.front().first < t - it.n) window.pop_front();
          if (!window.empty()) {
            const std::size_t j = r + static_cast<std::size_t>(t) * c;
            next[j] = window.front().second + (it.n - t) * a;
            chosen[j] = static_cast<std::int32_t>(t - window.front().first);
          }
        }
      }
    }
    paid.swap(next);
  }

  // cover[x]: the cheapest packs (then the fewest credits) that give at least x credits.
  const std::int64_t most = states * g * months;
  struct Cover {
    Int cost = kInf;
    std::int64_t credits = 0;
    int last = -1;
  };
  std::vector<Cover> cover(static_cast<std::size_t>(most + 1));
  cover[0] = {0, 0, -1};
  std::vector<Int> pack_price;
  for (const auto& pack : account.packs) pack_price.push_back(s.of(pack.price));
  for (std::int64_t x = 1; x <= most; ++x) {
    Cover best;
    for (std::size_t k = 0; k < account.packs.size(); ++k) {
      const Cover& before = cover[static_cast<std::size_t>(std::max<std::int64_t>(0, x - account.packs[k].credits))];
      if (before.cost >= kInf) continue;
      const Int cost = before.cost + pack_price[k];
      const std::int64_t credits = before.credits + account.packs[k].credits;
      if (cost < best.cost || (cost == best.cost && credits < best.credits)) best = {cost, credits, static_cast<int>(k)};
    }
    cover[static_cast<std::size_t>(x)] = best;
  }

  AccountResult result;
  std::int64_t best_j = -1;
  int best_plan = -1;
  const std::int64_t free = account.free_credits_per_month;
  for (int plan = -1; plan < static_cast<int>(account.plans.size()); ++plan) {
    if (only_plan != -2 && plan != only_plan) continue;
    const std::int64_t plan_credits = plan < 0 ? 0 : account.plans[static_cast<std::size_t>(plan)].credits_per_month;
    const Int plan_cost = plan < 0 ? 0 : s.of(account.plans[static_cast<std::size_t>(plan)].cost);
    for (std::int64_t j = 0; j <= states; ++j) {
      if (paid[static_cast<std::size_t>(j)] >= kInf) continue;
      const std::int64_t spent = j * g;
      const std::int64_t after_free = std::max<std::int64_t>(0, spent - free);
      const std::int64_t short_by = std::max<std::int64_t>(0, after_free - plan_credits) * months;
      const Cover& packs = cover[static_cast<std::size_t>(short_by)];
      if (packs.cost >= kInf) continue;
      const Int cost = plan_cost + packs.cost + months * paid[static_cast<std::size_t>(j)];
      const std::int64_t unused =
          std::max<std::int64_t>(0, plan_credits - after_free) * months + (packs.credits - short_by);
      if (cost < result.cost || (cost == result.cost && unused < result.unused)) {
        result.cost = cost;
        result.unused = unused;
        best_j = j;
        best_plan = plan;
      }
    }
  }
  if (best_j < 0) return result;

  AccountUse& use = result.use;
  use.account = account_index;
  use.plan = best_plan;
  use.packs.assign(account.packs.size(), 0);
  const std::int64_t spent = best_j * g;
  const std::int64_t after_free = std::max<std::int64_t>(0, spent - free);
  const std::int64_t plan_credits = best_plan < 0 ? 0 : account.plans[static_cast<std::size_t>(best_plan)].credits_per_month;
  std::int64_t x = std::max<std::int64_t>(0, after_free - plan_credits) * months;
  Int pack_cost = 0;
  while (x > 0) {
    const int k = cover[static_cast<std::size_t>(x)].last;
    ++use.packs[static_cast<std::size_t>(k)];
    pack_cost += pack_price[static_cast<std::size_t>(k)];
    x = std::max<std::int64_t>(0, x - account.packs[static_cast<std::size_t>(k)].credits);
  }
  use.credits_used_per_month = spent;
  use.free_used_per_month = std::min(spent, free);
  use.unused_credits = result.unused;
  use.plan_cost = best_plan < 0 ? Rational(0) : account.plans[static_cast<std::size_t>(best_plan)].cost;
  use.pack_cost = s.back(pack_cost);
  use.api_cost = s.back(months * paid[static_cast<std::size_t>(best_j)]);
  use.total = s.back(result.cost);

  // Walk the items back from the last to split each line between the app and the API.
  result.lines.resize(items.size());
  std::int64_t j = best_j;
  for (std::size_t i = items.size(); i-- > 0;) {
    const int k = app_clips[i][static_cast<std::size_t>(j)];
    result.lines[i] = {assigned[i].candidate, k, static_cast<int>(items[i].n) - k};
    if (items[i].credits) j -= k * (*items[i].credits / g);
  }
  return result;
}

struct Search {
  const Problem& p;
  Scaled s;
  std::map<std::string, AccountResult> memo;

  const AccountResult& account(int index, const std::vector<Assigned>& assigned) {
    std::string key = std::to_string(index);
    for (const auto& a : assigned) key += fmt::format(":{}.{}", a.line, a.candidate);
    auto it = memo.find(key);
    if (it == memo.end()) it = memo.emplace(key, solve_account(p, s, index, assigned)).first;
    return it->second;
  }
};

Solution assemble(const Problem& p, const std::vector<const AccountResult*>& parts,
                  const std::vector<std::vector<Assigned>>& by_account, const Scaled& s) {
  Solution sol;
  sol.lines.resize(p.lines.size());
  Int total = 0;
  std::vector<std::string> providers;
  for (std::size_t a = 0; a < parts.size(); ++a) {
    if (!parts[a]) continue;
    const AccountResult& r = *parts[a];
    total += r.cost;
    sol.unused_credits += r.unused;
    sol.accounts.push_back(r.use);
    const std::string& provider = p.accounts[a].provider;
    if (std::find(providers.begin(), providers.end(), provider) == providers.end()) providers.push_back(provider);
    for (std::size_t i = 0; i < by_account[a].size(); ++i) {
      sol.lines[static_cast<std::size_t>(by_account[a][i].line)] = r.lines[i];
    }
  }
  sol.total = s.back(total);
  sol.providers = static_cast<int>(providers.size());
  return sol;
}

}  // namespace

bool better(const Solution& a, const Solution& b) {
  if (a.total != b.total) return a.total < b.total;
  if (a.unused_credits != b.unused_credits) return a.unused_credits < b.unused_credits;
  return a.providers < b.providers;
}

std::optional<Solution> optimise(const Problem& problem) {
  Search search{problem, scale_for(problem), {}};
  // One account per provider: choose it first, then a candidate for every line.
  std::vector<std::string> providers;
  for (const auto& a : problem.accounts) {
    if (std::find(providers.begin(), providers.end(), a.provider) == providers.end()) providers.push_back(a.provider);
  }
  std::vector<std::vector<int>> accounts_of(providers.size());
  for (std::size_t a = 0; a < problem.accounts.size(); ++a) {
    const auto at = std::find(providers.begin(), providers.end(), problem.accounts[a].provider) - providers.begin();
    accounts_of[static_cast<std::size_t>(at)].push_back(static_cast<int>(a));
  }

  std::optional<Solution> best;
  std::int64_t evaluated = 0;
  std::vector<std::size_t> pick(providers.size(), 0);
  for (;;) {
    std::vector<bool> open(problem.accounts.size(), false);
    for (std::size_t i = 0; i < providers.size(); ++i) open[static_cast<std::size_t>(accounts_of[i][pick[i]])] = true;
    std::vector<std::vector<int>> choices(problem.lines.size());
    bool feasible = true;
    for (std::size_t l = 0; l < problem.lines.size(); ++l) {
      const auto& cands = problem.lines[l].candidates;
      for (std::size_t c = 0; c < cands.size(); ++c) {
        if (open[static_cast<std::size_t>(cands[c].account)]) choices[l].push_back(static_cast<int>(c));
      }
      feasible = feasible && !choices[l].empty();
    }
    if (feasible) {
      std::vector<std::size_t> at(problem.lines.size(), 0);
      for (;;) {
        if (++evaluated > kMaxCombinations) {
          throw std::length_error(
              "too many ways to assign the lines to generations; name a provider or model in some lines");
        }
        std::vector<std::vector<Assigned>> by_account(problem.accounts.size());
        for (std::size_t l = 0; l < problem.lines.size(); ++l) {
          const int c = choices[l][at[l]];
          by_account[static_cast<std::size_t>(problem.lines[l].candidates[static_cast<std::size_t>(c)].account)]
              .push_back({static_cast<int>(l), c});
        }
        std::vector<const AccountResult*> parts(problem.accounts.size(), nullptr);
        bool ok = true;
        for (std::size_t a = 0; a < problem.accounts.size() && ok; ++a) {
          if (by_account[a].empty()) continue;
          parts[a] = &search.account(static_cast<int>(a), by_account[a]);
          ok = parts[a]->cost < kInf;
        }
        if (ok) {
          Solution sol = assemble(problem, parts, by_account, search.s);
          if (!best || better(sol, *best)) best = std::move(sol);
        }
        std::size_t l = 0;
        while (l < at.size() && ++at[l] == choices[l].size()) at[l++] = 0;
        if (l == at.size()) break;
      }
    }
    std::size_t i = 0;
    while (i < pick.size() && ++pick[i] == accounts_of[i].size()) pick[i++] = 0;
    if (i == pick.size()) break;
  }
  return best;
}

std::vector<Solution> alternatives(const Problem& problem, const Solution& best, std::size_t n) {
  const Scaled s = scale_for(problem);
  std::vector<std::vector<Assigned>> by_account(problem.accounts.size());
  for (std::size_t l = 0; l < best.lines.size(); ++l) {
    const int c = best.lines[l].candidate;
    by_account[static_cast<std::size_t>(problem.lines[l].candidates[static_cast<std::size_t>(c)].account)].push_back(
        {static_cast<int>(l), c});
  }
  std::vector<Solution> found;
  for (const AccountUse& use : best.accounts) {
    const Account& account = problem.accounts[static_cast<std::size_t>(use.account)];
    for (int plan = -1; plan < static_cast<int>(account.plans.size()); ++plan) {
      if (plan == use.plan) continue;
      std::vector<AccountResult> results(problem.accounts.size());
      std::vector<const AccountResult*> parts(problem.accounts.size(), nullptr);
      bool ok = true;
      for (std::size_t a = 0; a < problem.accounts.size() && ok; ++a) {
        if (by_account[a].empty()) continue;
        results[a] = solve_account(problem, s, static_cast<int>(a), by_account[a],
                                   static_cast<int>(a) == use.account ? plan : -2);
        parts[a] = &results[a];
        ok = results[a].cost < kInf;
      }
      if (ok) found.push_back(assemble(problem, parts, by_account, s));
    }
  }
  std::sort(found.begin(), found.end(), better);
  if (found.size() > n) found.resize(n);
  return found;
}

}  // namespace vidcost::optimiser
