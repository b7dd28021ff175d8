// The plan optimiser behind `vidcost recommend` and `breakeven`: given a monthly need (lines of
// clips) and the offers of each account (a provider in one market), the exact cheapest way to pay
// for it.
//
// Rules (docs/recommendation.md):
// - An account is a provider in one region; a solution uses at most one account per provider,
//   and on each account at most one plan, any number of each credit pack and API unit pack (a
//   pack limited per account at most that many times), its free credits and its pay-as-you-go API.
// - Every month's need is the same and is served the same way. Plan and free credits expire at
//   the end of each month. Packs last their validity (at most the period): a pack class is bought
//   at the start of each window of its validity (see prepaid_pool.h).
// - A line is made with one of its candidate generations; its clips may be split between
//   in-app credits, API unit packs and the pay-as-you-go API of that account.
// - The objective is the lowest total over the period; ties go to fewer unused bought credits,
//   then fewer unused API units, then fewer providers.
// All money is exact: amounts are scaled to integers by the common denominator of the inputs.
//
// The search is a depth-first branch and bound over the lines' candidates, each account solved
// exactly (pricing/account_solver.h) and memoised; the bound is the accounts' exact costs so far
// plus, for the lines still open, the cheapest per-clip rate any candidate could reach, less the
// slack already paid for (plan credits bought but unused, free credits).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "money/decimal.h"

namespace vidcost::optimiser {

struct PlanOption {
  std::string id;
  Rational cost;                   // over the whole period, in the result currency
  std::int64_t credits_per_month;  // in-app credits each month
};

struct PackOption {
  std::string id;
  Rational price;  // per pack, in the result currency
  std::int64_t amount = 0;  // credits or API units (in the account's unit scale)
  int window = 0;           // months a pack lasts (its validity); 0: the whole period
  int limit = 0;            // purchases per account; 0: any number
};

struct Account {
  std::string provider;  // at most one account of a provider is used
  std::string label;     // "kling (intl)"
  std::vector<PlanOption> plans;
  std::vector<PackOption> packs;  // in-app credit packs
  std::int64_t free_credits_per_month = 0;
  std::vector<PackOption> unit_packs;  // API unit packs
  // The API's price of one unit (in the account's unit scale), when every clip it bills in units
  // costs units x this as you go: the unit packs and pay-as-you-go then share one balance.
  std::optional<Rational> unit_price;
};

struct Candidate {
  int account = 0;
  std::string generation;                        // "kling/2.1/pro@10s"
  std::optional<std::int64_t> credits_per_clip;  // none: not sold in the app (or the app is left out)
  std::optional<Rational> api_per_clip;          // pay-as-you-go; none: no such price
  std::optional<std::int64_t> units_per_clip;    // API units, when the account's unit packs pay it
  int seconds = 0;
};

struct Line {
  std::string text;  // as the user wrote it
  int count = 0;     // clips a month
  std::vector<Candidate> candidates;
};

struct Problem {
  std::vector<Account> accounts;
  std::vector<Line> lines;
  int months = 1;
};

struct AccountUse {
  int account = 0;
  int plan = -1;                         // index into plans, -1: none
  std::vector<std::int64_t> packs;       // how many of each credit pack, over the period
  std::vector<std::int64_t> unit_packs;  // how many of each unit pack, over the period
  std::int64_t credits_used_per_month = 0;
  std::int64_t free_used_per_month = 0;
  std::int64_t units_used_per_month = 0;  // API units, from packs or paid as used
  std::int64_t unused_credits = 0;        // bought (plan and packs) but not spent, over the period
  std::int64_t unused_units = 0;          // API units bought but not spent
  Rational plan_cost, pack_cost, unit_pack_cost, api_cost, total;  // over the period
};

struct LineUse {
  int candidate = 0;
  int app_clips = 0;   // a month
  int unit_clips = 0;  // from API unit packs (or, with a unit price, their balance)
  int api_clips = 0;   // paid as you go
};

struct Solution {
  Rational total;
  std::int64_t unused_credits = 0;
  std::int64_t unused_units = 0;
  int providers = 0;
  std::vector<AccountUse> accounts;  // the accounts that serve a line
  std::vector<LineUse> lines;
  // False when an account was too large to combine its plan credits with its API unit packs
  // exactly (see AccountSolver::Result::proven): a valid way to buy, not proven the cheapest.
  bool proven = true;
};

// Better: cheaper, then fewer unused credits, then fewer unused units, then fewer providers.
bool better(const Solution& a, const Solution& b);

struct SearchStats {
  std::int64_t nodes = 0;          // branch-and-bound nodes visited
  std::int64_t account_solves = 0; // exact account solves (memo misses)
};

// One problem, prepared once (exact integer terms, each account's pack tables) and asked for its
// optimum and alternatives.
class Optimiser {
 public:
  // Throws std::length_error when the problem's amounts or packs are too large to optimise.
  explicit Optimiser(const Problem& problem);
  ~Optimiser();
  Optimiser(const Optimiser&) = delete;
  Optimiser& operator=(const Optimiser&) = delete;

  // The optimum, or nullopt when no choice meets the need. Throws std::length_error when the
  // need is too large to optimise exactly (the message says why and how to narrow it).
  std::optional<Solution> best(SearchStats* stats = nullptr) const;
  // Other good solutions: the optimum with one account's plan changed, best first, at most `n`.
  std::vector<Solution> alternatives(const Solution& best, std::size_t n) const;

 private:
  std::unique_ptr<struct Prepared> prepared_;
};

// One account serving one line, for any number of clips a month: the search's own account
// solver, prepared once (breakeven's cost curves).
class LineCost {
 public:
  // `plan` forces one of the account's plans (-1: none); by default the best is chosen.
  LineCost(const Account& account, const Candidate& candidate, int months, int plan = -2);
  ~LineCost();
  LineCost(const LineCost&) = delete;
  LineCost& operator=(const LineCost&) = delete;
  LineCost(LineCost&&) noexcept;

  struct Point {
    Rational total;  // over the period
    std::int64_t unused_credits = 0, unused_units = 0;
  };
  // nullopt when the account cannot serve that many clips a month.
  std::optional<Point> at(std::int64_t clips) const;
  // The full solution at that many clips (for display and tests).
  std::optional<Solution> solution(std::int64_t clips) const;

 private:
  std::unique_ptr<struct Prepared> prepared_;
  int plan_ = -2;
};

// Shorthands for one question.
std::optional<Solution> optimise(const Problem& problem, SearchStats* stats = nullptr);
std::vector<Solution> alternatives(const Problem& problem, const Solution& best, std::size_t n);

}  // namespace vidcost::optimiser
