#include "pricing/optimise.h"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "pricing/account_solver.h"
#include "pricing/scaled.h"

namespace vidcost::optimiser {
namespace {

// Beyond this many nodes the search is not a moment's work; the caller explains how to narrow.
constexpr std::int64_t kMaxNodes = 600'000;

Scaled scale_for(const Problem& p) {
  ScaleBuilder b;
  for (const auto& a : p.accounts) {
    for (const auto& plan : a.plans) b.add(plan.cost);
    for (const auto& pack : a.packs) b.add(pack.price);
    for (const auto& pack : a.unit_packs) b.add(pack.price);
    if (a.unit_price) b.add(*a.unit_price);
  }
  for (const auto& line : p.lines) {
    for (const auto& c : line.candidates) {
      if (c.api_per_clip) b.add(*c.api_per_clip);
    }
  }
  return b.build();
}

std::vector<PoolPack> pool_packs(const std::vector<PackOption>& packs, const Scaled& s) {
  std::vector<PoolPack> out;
  for (const auto& p : packs) out.push_back({s.of(p.price), p.amount, p.window, p.limit});
  return out;
}

}  // namespace

// What an account's solver needs to know of a candidate: its channels. Lines whose candidates
// share a type on an account are one item there.
struct ItemType {
  std::optional<std::int64_t> credits, units;
  std::optional<Int> api;
  bool operator==(const ItemType&) const = default;
};

struct Choice {  // one candidate of a line, prepared
  int candidate = 0;
  int account = 0;
  int type = 0;
  Int rate = 0;               // a lower bound on the line's cost over the period through this candidate
  Int other_rate = kInf;      // the same through the API alone (pay-as-you-go or unit packs)
  std::int64_t credit_load = 0;  // credits a month if every clip went to the app (0: no app)
};

// A price per credit, num / den (den 0: no credits can be bought).
struct CreditRate {
  Int num = 0, den = 0;
};

struct Prepared {
  Problem problem;
  Scaled scale;
  std::vector<AccountSolver> solvers;
  std::vector<std::vector<ItemType>> types;  // per account
  std::vector<Int> free_value;               // per account: an upper bound on its free credits' worth
  std::vector<std::vector<Choice>> choices;  // per line: usable candidates
  std::vector<int> provider_of;              // per account: provider number
  int providers = 0;

  explicit Prepared(const Problem& p) : problem(p), scale(scale_for(p)) {
    std::map<std::string, int> provider_ids;
    for (const auto& a : p.accounts) {
      AccountTerms t;
      for (const auto& plan : a.plans) t.plans.push_back({scale.of(plan.cost), plan.credits_per_month});
      t.free_credits_per_month = a.free_credits_per_month;
      t.packs = pool_packs(a.packs, scale);
      t.unit_packs = pool_packs(a.unit_packs, scale);
      if (a.unit_price) t.unit_price = scale.of(*a.unit_price);
      solvers.emplace_back(std::move(t), p.months);
      const auto [it, _] = provider_ids.emplace(a.provider, static_cast<int>(provider_ids.size()));
      provider_of.push_back(it->second);
    }
    providers = static_cast<int>(provider_ids.size());
    types.resize(p.accounts.size());
    free_value.assign(p.accounts.size(), 0);
    for (std::size_t a = 0; a < p.accounts.size(); ++a) {
      const AccountSolver& s = solvers[a];
      if (s.credit_rate_den > 0) {
        free_value[a] = ceil_div(s.credit_rate_num * s.terms().free_credits_per_month * p.months, s.credit_rate_den);
      }
    }
    choices.resize(p.lines.size());
    for (std::size_t l = 0; l < p.lines.size(); ++l) {
      const Line& line = p.lines[l];
      for (std::size_t c = 0; c < line.candidates.size(); ++c) {
        const Candidate& cand = line.candidates[c];
        const AccountSolver& s = solvers[static_cast<std::size_t>(cand.account)];
        const Account& account = p.accounts[static_cast<std::size_t>(cand.account)];
        ItemType type;
        if (cand.credits_per_clip && *cand.credits_per_clip > 0 && s.app_available()) type.credits = cand.credits_per_clip;
        const bool pooled = cand.units_per_clip && *cand.units_per_clip > 0 && !s.unit_pool().empty();
        if (pooled) type.units = cand.units_per_clip;
        // With a unit price, unit-billed clips pay as they go through the unit balance.
        if (cand.api_per_clip && !(pooled && account.unit_price)) type.api = scale.of(*cand.api_per_clip);
        if (!type.credits && !type.units && !type.api) continue;
        auto& list = types[static_cast<std::size_t>(cand.account)];
        auto found = std::find(list.begin(), list.end(), type);
        const int type_index = static_cast<int>(found - list.begin());
        if (found == list.end()) list.push_back(type);
        choices[l].push_back({static_cast<int>(c), cand.account, type_index, rate_of(s, type, line.count, true),
                              rate_of(s, type, line.count, false),
                              type.credits ? *type.credits * static_cast<std::int64_t>(line.count) : 0});
      }
    }
  }

  // The cheapest a credit of `account` can cost when it never uses more than `most` credits a
  // month: the packs' best rate, or a plan's price over the credits of it that can be used.
  CreditRate credit_rate(std::size_t account, std::int64_t most) const {
    const AccountSolver& s = solvers[account];
    CreditRate r{s.credit_pool().rate_num, s.credit_pool().rate_den};
    if (most <= 0) return r;
    for (const auto& plan : s.terms().plans) {
      const std::int64_t usable = std::min(plan.credits_per_month, most);
      if (usable <= 0) continue;
      const Int den = static_cast<Int>(usable) * problem.months;
      if (r.den == 0 || plan.cost * r.den < r.num * den) r = {plan.cost, den};
    }
    if (r.den == 0 && s.terms().free_credits_per_month > 0) r = {0, 1};  // free credits only
    return r;
  }

  // months x clips x the cheapest per-clip price any channel of the candidate could reach.
  Int rate_of(const AccountSolver& s, const ItemType& t, std::int64_t clips, bool with_credits) const {
    const Int n = static_cast<Int>(clips) * problem.months;
    Int best = kInf;
    if (t.api) best = std::min(best, *t.api * n);
    if (with_credits && t.credits) {
      best = std::min(best, s.credit_rate_den == 0 ? Int(0)
                                                    : mul_div_floor(s.credit_rate_num, *t.credits * n, s.credit_rate_den));
    }
    if (t.units && s.unit_pool().rate_den > 0) {
      best = std::min(best, mul_div_floor(s.unit_pool().rate_num, *t.units * n, s.unit_pool().rate_den));
    }
    return best;
  }

  std::vector<AccountSolver::Item> items(int account, const std::vector<std::int64_t>& counts) const {
    std::vector<AccountSolver::Item> out;
    const auto& list = types[static_cast<std::size_t>(account)];
    for (std::size_t t = 0; t < list.size(); ++t) out.push_back({counts[t], list[t].credits, list[t].units, list[t].api});
    return out;
  }
};

namespace {

struct Cached {
  Int cost = kInf;
  std::int64_t unused_credits = 0, unused_units = 0;
  bool proven = true;
};

struct Best {
  bool found = false;
  Int total = 0;
  std::int64_t unused_credits = 0, unused_units = 0;
  int providers = 0;
  std::vector<int> choice;  // per line: index into Prepared::choices[line]
};

class Search {
 public:
  Search(const Prepared& prep, SearchStats* stats) : prep_(prep), stats_(stats) {
    const Problem& p = prep.problem;
    const std::size_t accounts = p.accounts.size();
    counts_.resize(accounts);
    for (std::size_t a = 0; a < accounts; ++a) counts_[a].assign(prep.types[a].size(), 0);
    cost_.assign(accounts, 0);
    unused_.assign(accounts, {0, 0});
    lines_in_.assign(accounts, 0);
    linear_.assign(accounts, 0);
    load_.assign(accounts, 0);
    most_.assign(accounts, 0);
    line_most_.assign(accounts, 0);
    free_value_.assign(accounts, 0);
    rate_.assign(accounts, {});
    lock_.assign(static_cast<std::size_t>(prep.providers), -1);
    locked_by_.assign(static_cast<std::size_t>(prep.providers), 0);
    choice_.assign(p.lines.size(), -1);
    least_.assign(p.lines.size(), 0);
  }

  const Cached& solve(int account, const std::vector<std::int64_t>& counts) {
    std::string key(reinterpret_cast<const char*>(&account), sizeof account);
    key.append(reinterpret_cast<const char*>(counts.data()), counts.size() * sizeof(std::int64_t));
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    if (stats_) ++stats_->account_solves;
    const auto r = prep_.solvers[static_cast<std::size_t>(account)].solve(prep_.items(account, counts),
                                                                          AccountSolver::kAnyPlan, false);
    Cached c;
    if (r.possible()) c = {r.cost, r.unused_credits, r.unused_units, r.proven};
    if (!r.proven) all_proven_ = false;
    return memo_.emplace(std::move(key), c).first->second;
  }

  void run() {
    open_.clear();
    for (std::size_t l = 0; l < prep_.problem.lines.size(); ++l) open_.push_back(l);
    descend(0);
  }
  const Best& best() const { return best_; }

 private:
  struct Child {
    int choice = 0;
    Int sum = 0;
    Int bound = 0;
    Cached account;
  };
  struct Undo {  // what assigning a line changed
    std::size_t line = 0;
    Int old_cost = 0;
    std::pair<std::int64_t, std::int64_t> old_unused;
  };

  bool available(const Choice& c) const {
    const int provider = prep_.provider_of[static_cast<std::size_t>(c.account)];
    const int lock = lock_[static_cast<std::size_t>(provider)];
    return lock < 0 || lock == c.account;
  }

  // floor(a b / c), fast while the product fits.
  static Int floor_mul_div(Int a, Int b, Int c) {
    constexpr Int kFast = static_cast<Int>(1) << 62;
    return (a < kFast && b < kFast) ? a * b / c : mul_div_floor(a, b, c);
  }

  // The bound with the accounts as they stand: their exact costs, plus the open lines at their
  // cheapest rates less what the slack already paid for can save them. A credit's rate depends
  // on how many credits the account could still carry: a plan's price only spreads over the
  // credits of it that can be used.
  Int bound(Int sum) {
    const std::size_t accounts = cost_.size();
    const Int months = prep_.problem.months;
    most_ = load_;
    for (std::size_t line : open_) {
      for (const auto& c : prep_.choices[line]) {
        auto& m = line_most_[static_cast<std::size_t>(c.account)];
        if (available(c)) m = std::max(m, c.credit_load);
      }
      for (const auto& c : prep_.choices[line]) {
        auto& m = line_most_[static_cast<std::size_t>(c.account)];
        most_[static_cast<std::size_t>(c.account)] += m;
        m = 0;
      }
    }
    for (std::size_t a = 0; a < accounts; ++a) {
      rate_[a] = prep_.credit_rate(a, most_[a]);
      const Int free = prep_.solvers[a].terms().free_credits_per_month;
      free_value_[a] = rate_[a].den > 0 ? ceil_div(rate_[a].num * free * months, rate_[a].den) : 0;
    }
    auto worth_of = [&](const Choice& c) {
      const CreditRate& r = rate_[static_cast<std::size_t>(c.account)];
      Int best = c.other_rate;
      if (c.credit_load > 0 && r.den > 0) best = std::min(best, floor_mul_div(r.num, c.credit_load * months, r.den));
      return best;
    };
    Int open_rates = 0;
    for (std::size_t line : open_) {
      Int least = kInf;
      for (const auto& c : prep_.choices[line]) {
        if (available(c)) least = std::min(least, worth_of(c));
      }
      if (least >= kInf) return kInf;
      least_[line] = least;
      open_rates += least;
    }
    if (open_rates == 0) return sum;
    std::fill(linear_.begin(), linear_.end(), 0);
    for (std::size_t line = 0; line < choice_.size(); ++line) {
      if (choice_[line] < 0) continue;
      const Choice& c = prep_.choices[line][static_cast<std::size_t>(choice_[line])];
      linear_[static_cast<std::size_t>(c.account)] += worth_of(c);
    }
    // What the slack already paid for (an open account's cost above its linear bound, an
    // unopened one's free credits) can save the open lines: at account a a line weighs its rate
    // there and saves at most its cheapest rate anywhere; a fractional knapsack per account.
    Int saving = 0;
    for (std::size_t a = 0; a < accounts; ++a) {
      const int lock = lock_[static_cast<std::size_t>(prep_.provider_of[a])];
      Int slack = 0;
      if (lines_in_[a] > 0) slack = std::max<Int>(0, cost_[a] - (linear_[a] - free_value_[a]));
      else if (lock < 0) slack = free_value_[a];
      if (slack == 0) continue;
      items_.clear();
      for (std::size_t line : open_) {
        Int weight = kInf;
        for (const auto& c : prep_.choices[line]) {
          if (static_cast<std::size_t>(c.account) == a && available(c)) weight = std::min(weight, worth_of(c));
        }
        if (weight < kInf && least_[line] > 0) items_.push_back({least_[line], weight});
      }
      // Best value per weight first (value <= weight); the last item may fit in part.
      std::sort(items_.begin(), items_.end(), [](const auto& x, const auto& y) { return x.first * y.second > y.first * x.second; });
      Int room = slack;
      for (const auto& [value, weight] : items_) {
        if (room <= 0) break;
        if (weight <= room) {
          saving += value;
          room -= weight;
        } else {
          saving += ceil_div(value * room, weight);
          room = 0;
        }
      }
      if (saving >= open_rates) return sum;
    }
    return sum + open_rates - saving;
  }

  int open_providers() const {
    int n = 0;
    for (int lock : lock_) n += lock >= 0;
    return n;
  }

  // Whether a completion whose total is at least `bound` could still beat the best.
  bool worth(Int bound) const {
    if (!best_.found) return true;
    if (bound < best_.total) return true;
    if (bound > best_.total) return false;
    return best_.unused_credits > 0 || best_.unused_units > 0 || open_providers() < best_.providers;
  }

  Undo assign(std::size_t line, int choice, const Cached& account) {
    const Choice& c = prep_.choices[line][static_cast<std::size_t>(choice)];
    const auto a = static_cast<std::size_t>(c.account);
    Undo undo{line, cost_[a], unused_[a]};
    counts_[a][static_cast<std::size_t>(c.type)] += prep_.problem.lines[line].count;
    cost_[a] = account.cost;
    unused_[a] = {account.unused_credits, account.unused_units};
    load_[a] += c.credit_load;
    choice_[line] = choice;
    ++lines_in_[a];
    const auto provider = static_cast<std::size_t>(prep_.provider_of[a]);
    lock_[provider] = c.account;
    ++locked_by_[provider];
    open_.erase(std::find(open_.begin(), open_.end(), line));
    return undo;
  }

  void unassign(const Undo& undo) {
    const std::size_t line = undo.line;
    const Choice& c = prep_.choices[line][static_cast<std::size_t>(choice_[line])];
    const auto a = static_cast<std::size_t>(c.account);
    counts_[a][static_cast<std::size_t>(c.type)] -= prep_.problem.lines[line].count;
    cost_[a] = undo.old_cost;
    unused_[a] = undo.old_unused;
    load_[a] -= c.credit_load;
    choice_[line] = -1;
    --lines_in_[a];
    const auto provider = static_cast<std::size_t>(prep_.provider_of[a]);
    if (--locked_by_[provider] == 0) lock_[provider] = -1;
    open_.push_back(line);
  }

  // The account's cost with one more line on candidate `choice`.
  const Cached& with_line(std::size_t line, const Choice& c) {
    const auto a = static_cast<std::size_t>(c.account);
    scratch_counts_ = counts_[a];
    scratch_counts_[static_cast<std::size_t>(c.type)] += prep_.problem.lines[line].count;
    return solve(c.account, scratch_counts_);
  }

  void descend(Int sum) {
    if (stats_) ++stats_->nodes;
    if (++nodes_ > kMaxNodes) {
      throw std::length_error("too many ways to serve the lines to search exactly; name a provider or model in some "
                              "lines, or use --provider or --offer");
    }
    // Lines left with one way to go take it at once.
    std::vector<Undo> forced;
    bool dead = false;
    for (bool again = true; again && !dead;) {
      again = false;
      for (std::size_t i = 0; i < open_.size() && !dead; ++i) {
        const std::size_t line = open_[i];
        int only = -1, ways = 0;
        const auto& options = prep_.choices[line];
        for (std::size_t k = 0; k < options.size(); ++k) {
          if (available(options[k])) {
            only = static_cast<int>(k);
            ++ways;
          }
        }
        if (ways == 0) {
          dead = true;
        } else if (ways == 1) {
          const Choice& c = options[static_cast<std::size_t>(only)];
          const Cached account = with_line(line, c);
          if (account.cost >= kInf) {
            dead = true;
            break;
          }
          sum += account.cost - cost_[static_cast<std::size_t>(c.account)];
          forced.push_back(assign(line, only, account));
          again = true;
          break;
        }
      }
    }
    if (!dead) {
      if (open_.empty()) {
        record(sum);
      } else if (worth(bound(sum))) {
        branch(sum);
      }
    }
    for (auto it = forced.rbegin(); it != forced.rend(); ++it) unassign(*it);
  }

  void branch(Int sum) {
    // The open line with the fewest ways to go (then the largest): decisions that matter early.
    std::size_t line = open_.front();
    int fewest = std::numeric_limits<int>::max();
    for (std::size_t candidate : open_) {
      int ways = 0;
      for (const auto& c : prep_.choices[candidate]) ways += available(c);
      if (ways < fewest || (ways == fewest && least_[candidate] > least_[line])) {
        fewest = ways;
        line = candidate;
      }
    }
    const auto& options = prep_.choices[line];
    std::vector<Child> children;
    for (std::size_t k = 0; k < options.size(); ++k) {
      const Choice& c = options[k];
      if (!available(c)) continue;
      const auto a = static_cast<std::size_t>(c.account);
      {
        // Before solving the account: it cannot cost less than it does now (the bound rises with
        // an account's cost); if even that cannot beat the best, skip it.
        const Undo undo = assign(line, static_cast<int>(k), {cost_[a], unused_[a].first, unused_[a].second});
        const Int cheap = bound(sum);
        unassign(undo);
        if (cheap >= kInf || !worth(cheap)) continue;
      }
      const Cached account = with_line(line, c);
      if (account.cost >= kInf) continue;
      Child child{static_cast<int>(k), sum - cost_[a] + account.cost, 0, account};
      const Undo undo = assign(line, static_cast<int>(k), account);
      child.bound = bound(child.sum);
      unassign(undo);
      if (child.bound < kInf) children.push_back(child);
    }
    std::stable_sort(children.begin(), children.end(), [](const Child& x, const Child& y) { return x.bound < y.bound; });
    for (const Child& child : children) {
      if (!worth(child.bound)) continue;
      const Undo undo = assign(line, child.choice, child.account);
      descend(child.sum);
      unassign(undo);
    }
  }

  void record(Int total) {
    Best b;
    b.found = true;
    b.total = total;
    for (std::size_t a = 0; a < cost_.size(); ++a) {
      if (lines_in_[a] == 0) continue;
      b.unused_credits += unused_[a].first;
      b.unused_units += unused_[a].second;
    }
    b.providers = open_providers();
    const bool wins = !best_.found || b.total < best_.total ||
                      (b.total == best_.total &&
                       (b.unused_credits < best_.unused_credits ||
                        (b.unused_credits == best_.unused_credits &&
                         (b.unused_units < best_.unused_units ||
                          (b.unused_units == best_.unused_units && b.providers < best_.providers)))));
    if (wins) {
      b.choice = choice_;
      best_ = std::move(b);
    }
  }

 private:
  const Prepared& prep_;
  SearchStats* stats_;
  std::unordered_map<std::string, Cached> memo_;
 public:
  bool all_proven_ = true;  // every account solve of the search was exact
 private:
  std::vector<std::vector<std::int64_t>> counts_;
  std::vector<std::int64_t> scratch_counts_;
  std::vector<Int> cost_, linear_, free_value_;
  std::vector<std::int64_t> load_, most_, line_most_;  // credits a month: assigned; most possible; scratch
  std::vector<CreditRate> rate_;
  std::vector<Int> least_;                  // per line: its cheapest rate at the last bound
  std::vector<std::pair<Int, Int>> items_;  // scratch: (value, weight)
  std::vector<std::pair<std::int64_t, std::int64_t>> unused_;
  std::vector<int> lines_in_;
  std::vector<int> lock_, locked_by_;
  std::vector<int> choice_;
  std::vector<std::size_t> open_;  // lines not yet assigned
  std::int64_t nodes_ = 0;
  Best best_;
};

// The full description of an assignment (a choice per line), each account solved in detail,
// `forced` giving a plan for one account (or none).
std::optional<Solution> describe(const Prepared& prep, const std::vector<int>& choice, int forced_account = -1,
                                 int forced_plan = AccountSolver::kAnyPlan) {
  const Problem& p = prep.problem;
  const Scaled& s = prep.scale;
  std::vector<std::vector<std::int64_t>> counts(p.accounts.size());
  std::vector<std::vector<std::size_t>> lines_of(p.accounts.size());
  for (std::size_t a = 0; a < p.accounts.size(); ++a) counts[a].assign(prep.types[a].size(), 0);
  for (std::size_t l = 0; l < p.lines.size(); ++l) {
    const Choice& c = prep.choices[l][static_cast<std::size_t>(choice[l])];
    counts[static_cast<std::size_t>(c.account)][static_cast<std::size_t>(c.type)] += p.lines[l].count;
    lines_of[static_cast<std::size_t>(c.account)].push_back(l);
  }
  Solution sol;
  sol.lines.resize(p.lines.size());
  Int total = 0;
  std::vector<int> providers;
  for (std::size_t a = 0; a < p.accounts.size(); ++a) {
    if (lines_of[a].empty()) continue;
    const AccountSolver& solver = prep.solvers[a];
    const int plan = static_cast<int>(a) == forced_account ? forced_plan : AccountSolver::kAnyPlan;
    const auto r = solver.solve(prep.items(static_cast<int>(a), counts[a]), plan);
    if (!r.possible()) return std::nullopt;
    if (!r.proven) sol.proven = false;
    const Account& account = p.accounts[a];
    AccountUse use;
    use.account = static_cast<int>(a);
    use.plan = r.plan;
    const std::int64_t plan_credits = r.plan < 0 ? 0 : account.plans[static_cast<std::size_t>(r.plan)].credits_per_month;
    const std::int64_t after_free = std::max<std::int64_t>(0, r.credits - account.free_credits_per_month);
    const auto credit_detail = solver.credit_pool().detail(std::max<std::int64_t>(0, after_free - plan_credits));
    const auto unit_detail = solver.unit_pool().detail(r.units);
    use.packs = credit_detail.packs;
    use.unit_packs = unit_detail.packs;
    use.credits_used_per_month = r.credits;
    use.free_used_per_month = std::min(r.credits, account.free_credits_per_month);
    use.units_used_per_month = r.units;
    use.unused_credits = r.unused_credits;
    use.unused_units = r.unused_units;
    use.plan_cost = r.plan < 0 ? Rational(0) : account.plans[static_cast<std::size_t>(r.plan)].cost;
    use.pack_cost = 0;
    for (std::size_t k = 0; k < use.packs.size(); ++k) use.pack_cost += account.packs[k].price * use.packs[k];
    use.unit_pack_cost = 0;
    for (std::size_t k = 0; k < use.unit_packs.size(); ++k) {
      use.unit_pack_cost += account.unit_packs[k].price * use.unit_packs[k];
    }
    use.api_cost = s.back(r.api_per_month * p.months + unit_detail.pay_as_you_go_cost);
    use.total = s.back(r.cost);
    if (use.plan_cost + use.pack_cost + use.unit_pack_cost + use.api_cost != use.total) {
      throw std::logic_error("optimiser: an account's items do not add up to its total");
    }
    total += r.cost;
    sol.unused_credits += r.unused_credits;
    sol.unused_units += r.unused_units;
    if (std::find(providers.begin(), providers.end(), prep.provider_of[a]) == providers.end()) {
      providers.push_back(prep.provider_of[a]);
    }
    // Each type's split shared out over its lines in order: the app first, then units, then the API.
    for (std::size_t t = 0; t < prep.types[a].size(); ++t) {
      AccountSolver::Split left = r.splits[t];
      for (std::size_t l : lines_of[a]) {
        const Choice& c = prep.choices[l][static_cast<std::size_t>(choice[l])];
        if (static_cast<std::size_t>(c.type) != t) continue;
        std::int64_t n = p.lines[l].count;
        LineUse& lu = sol.lines[l];
        lu.candidate = c.candidate;
        const std::int64_t app = std::min(n, left.app);
        left.app -= app;
        n -= app;
        const std::int64_t units = std::min(n, left.units);
        left.units -= units;
        n -= units;
        left.api -= n;
        lu.app_clips = static_cast<int>(app);
        lu.unit_clips = static_cast<int>(units);
        lu.api_clips = static_cast<int>(n);
      }
    }
    sol.accounts.push_back(std::move(use));
  }
  sol.total = s.back(total);
  sol.providers = static_cast<int>(providers.size());
  return sol;
}

}  // namespace

bool better(const Solution& a, const Solution& b) {
  if (a.total != b.total) return a.total < b.total;
  if (a.unused_credits != b.unused_credits) return a.unused_credits < b.unused_credits;
  if (a.unused_units != b.unused_units) return a.unused_units < b.unused_units;
  return a.providers < b.providers;
}

Optimiser::Optimiser(const Problem& problem) : prepared_(std::make_unique<Prepared>(problem)) {}
Optimiser::~Optimiser() = default;

std::optional<Solution> Optimiser::best(SearchStats* stats) const {
  const Prepared& prep = *prepared_;
  for (const auto& c : prep.choices) {
    if (c.empty()) return std::nullopt;
  }
  Search search(prep, stats);
  search.run();
  if (!search.best().found) return std::nullopt;
  auto solution = describe(prep, search.best().choice);
  if (solution && !search.all_proven_) solution->proven = false;
  return solution;
}

std::vector<Solution> Optimiser::alternatives(const Solution& best, std::size_t n) const {
  const Prepared& prep = *prepared_;
  const Problem& problem = prep.problem;
  // The best's choice per line, as indices into the prepared choices.
  std::vector<int> choice(problem.lines.size(), 0);
  for (std::size_t l = 0; l < problem.lines.size(); ++l) {
    const auto& options = prep.choices[l];
    for (std::size_t k = 0; k < options.size(); ++k) {
      if (options[k].candidate == best.lines[l].candidate) choice[l] = static_cast<int>(k);
    }
  }
  std::vector<Solution> found;
  for (const AccountUse& use : best.accounts) {
    const Account& account = problem.accounts[static_cast<std::size_t>(use.account)];
    for (int plan = -1; plan < static_cast<int>(account.plans.size()); ++plan) {
      if (plan == use.plan) continue;
      if (auto s = describe(prep, choice, use.account, plan)) found.push_back(std::move(*s));
    }
  }
  std::stable_sort(found.begin(), found.end(), better);
  if (found.size() > n) found.resize(n);
  return found;
}

namespace {

Problem one_line_problem(const Account& account, const Candidate& candidate, int months) {
  Problem p;
  p.months = months;
  p.accounts.push_back(account);
  Candidate c = candidate;
  c.account = 0;
  p.lines.push_back({"", 1, {c}});
  return p;
}

}  // namespace

LineCost::LineCost(const Account& account, const Candidate& candidate, int months, int plan)
    : prepared_(std::make_unique<Prepared>(one_line_problem(account, candidate, months))), plan_(plan) {}
LineCost::~LineCost() = default;
LineCost::LineCost(LineCost&&) noexcept = default;

std::optional<LineCost::Point> LineCost::at(std::int64_t clips) const {
  const Prepared& prep = *prepared_;
  if (prep.choices[0].empty()) return std::nullopt;
  const Choice& c = prep.choices[0][0];
  std::vector<std::int64_t> counts(prep.types[0].size(), 0);
  counts[static_cast<std::size_t>(c.type)] = clips;
  const auto r = prep.solvers[0].solve(prep.items(0, counts), plan_, false);
  if (!r.possible()) return std::nullopt;
  return Point{prep.scale.back(r.cost), r.unused_credits, r.unused_units};
}

std::optional<Solution> LineCost::solution(std::int64_t clips) const {
  Prepared& prep = *prepared_;
  if (prep.choices[0].empty()) return std::nullopt;
  prep.problem.lines[0].count = static_cast<int>(clips);
  return describe(prep, {0}, 0, plan_);
}

std::optional<Solution> optimise(const Problem& problem, SearchStats* stats) { return Optimiser(problem).best(stats); }

std::vector<Solution> alternatives(const Problem& problem, const Solution& best, std::size_t n) {
  return Optimiser(problem).alternatives(best, n);
}

}  // namespace vidcost::optimiser
