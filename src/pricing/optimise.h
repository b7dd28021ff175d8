// The plan optimiser behind `vidcost recommend`: given a monthly need (lines of clips) and the
// offers of each account (a provider in one market), the exact cheapest way to pay for it.
//
// Rules (docs/recommendation.md):
// - An account is a provider in one region; a solution uses at most one account per provider,
//   and on each account at most one plan, any number of each credit pack, its free credits and
//   its pay-as-you-go API.
// - Every month's need is the same and is served the same way: plan and free credits expire at
//   the end of each month; packs are bought for the whole horizon and pooled over it.
// - A line is made with one of its candidate generations; its clips may be split between in-app
//   credits and the API of that account.
// - The objective is the lowest total over the horizon; ties go to fewer unused bought credits,
//   then to fewer providers.
// All money is exact: amounts are scaled to integers by the common denominator of the inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "money/decimal.h"

namespace vidcost::optimiser {

struct PlanOption {
  std::string id;
  Rational cost;                   // over the whole horizon, in the result currency
  std::int64_t credits_per_month;  // in-app credits each month
};

struct PackOption {
  std::string id;
  Rational price;  // per pack, in the result currency
  std::int64_t credits;
};

struct Account {
  std::string provider;  // at most one account of a provider is used
  std::string label;     // "kling (intl)"
  std::vector<PlanOption> plans;
  std::vector<PackOption> packs;
  std::int64_t free_credits_per_month = 0;
};

struct Candidate {
  int account = 0;
  std::string generation;                         // "kling/2.1/pro@10s"
  std::optional<std::int64_t> credits_per_clip;   // none: not sold in the app
  std::optional<Rational> api_per_clip;           // none: no pay-as-you-go price
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
  int plan = -1;                    // index into plans, -1: none
  std::vector<std::int64_t> packs;  // how many of each pack, over the horizon
  std::int64_t credits_used_per_month = 0;
  std::int64_t free_used_per_month = 0;
  std::int64_t unused_credits = 0;  // bought (plan and packs) but not spent, over the horizon
  Rational plan_cost, pack_cost, api_cost, total;  // over the horizon
};

struct LineUse {
  int candidate = 0;
  int app_clips = 0;  // a month
  int api_clips = 0;
};

struct Solution {
  Rational total;
  std::int64_t unused_credits = 0;
  int providers = 0;
  std::vector<AccountUse> accounts;  // the accounts that serve a line
  std::vector<LineUse> lines;
};

// Better: cheaper, then fewer unused credits, then fewer providers.
bool better(const Solution& a, const Solution& b);

// The optimum, or nullopt when no choice meets the need. Throws std::length_error when the
// need has too many lines with several candidates to search (the message says why).
std::optional<Solution> optimise(const Problem& problem);

// Other good solutions: the optimum with one account's plan changed, best first, at most `n`.
std::vector<Solution> alternatives(const Problem& problem, const Solution& best, std::size_t n);

}  // namespace vidcost::optimiser
