// `recommend`: the cheapest way to pay for a monthly need, exactly, over plans, credit packs,
// free credits and pay-as-you-go APIs (the optimiser's rules are in pricing/optimise.h and
// docs/recommendation.md). This unit decides which offers are eligible and describes the
// optimiser's answer in the catalog's terms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/market.h"
#include "pricing/need.h"
#include "pricing/optimise.h"

namespace vidcost {

struct RecommendRequest {
  std::vector<Need> needs;             // at least one
  std::vector<std::string> providers;  // ids or aliases; none: every provider
  int months = 1;                      // 1 to 120; annual plans need 12 or more
  bool free_credits = true;            // count free daily credits (30 days a month)
};

// One thing bought (or used) on an account.
struct RecommendedItem {
  enum class Kind { Plan, Pack, Free, Api } kind = Kind::Plan;
  std::string account;  // "kling (intl)"
  std::string id, name;
  std::int64_t quantity = 0;  // plan: billing periods; pack: packs; free: credits a month
  std::string quantity_unit;  // "month", "year", "pack", "credits a month"
  std::optional<Rational> amount;  // over the whole period
  std::int64_t credits = 0;   // plan: credits a month; pack: credits each
};

// How one need line is served.
struct ServedLine {
  std::string need;        // as written
  std::string generation;  // "kling/2.1/pro@10s"
  std::string account;
  int count = 0;
  int app_clips = 0, api_clips = 0;  // a month
  std::optional<std::int64_t> credits_per_clip;
  std::optional<Rational> api_per_clip;
};

struct RecommendedOption {
  std::string label;  // "best", "alone: kling", "alternative 1"
  std::vector<RecommendedItem> items;
  std::vector<ServedLine> lines;
  Rational total;       // over the whole period
  Rational per_second;  // total / seconds over the period
  std::int64_t unused_credits = 0;
  int providers = 0;
  std::string summary;  // "kling (intl): plan pro, 2 x topup-100, 12 API clips a month"
};

struct RecommendResult {
  Currency currency = Currency::USD;
  int months = 1;
  std::int64_t seconds_a_month = 0;
  RecommendedOption best;
  std::vector<RecommendedOption> alone;         // each provider on its own, when that says something
  std::vector<RecommendedOption> alternatives;  // the best with another plan, at most three
};

// Throws Error: a need nothing matches or no offer prices, a provider the filters leave out,
// a need too large to optimise exactly, no combination meeting the need.
RecommendResult recommend(const Market& market, const RecommendRequest& request);

}  // namespace vidcost
