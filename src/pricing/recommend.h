// `recommend`: the cheapest way to pay for a monthly need, exactly, over plans, credit packs,
// API unit packs, free credits and pay-as-you-go APIs (the optimiser's rules are in
// pricing/optimise.h and docs/recommendation.md). This unit decides which offers are eligible
// and describes the optimiser's answer in the catalog's terms, with how far to trust it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/need_problem.h"

namespace vidcost {

using RecommendRequest = NeedRequest;

// One thing bought (or used) on an account.
struct RecommendedItem {
  enum class Kind { Plan, Pack, Free, Api, ApiPack } kind = Kind::Plan;
  std::string account;  // "kling (intl)"
  std::string id, name;
  std::int64_t quantity = 0;  // in `unit`s over the period (free credits, API clips: a month)
  std::string unit;           // "month", "year", "pack", "credit a month", "clip a month"
  std::optional<Rational> amount;  // over the whole period, in the result currency
  std::optional<Rational> size;    // plan: credits a month; pack: credits each; API pack: units each
  std::string size_unit;           // "credits a month", "credits", "units"
  Trust trust;
};

// How one need line is served.
struct ServedLine {
  std::string need;        // as written
  std::string generation;  // "kling/2.1/pro@10s"
  std::string account;
  int count = 0;
  int app_clips = 0, unit_clips = 0, api_clips = 0;  // a month
  std::optional<std::int64_t> credits_per_clip;
  std::optional<Rational> units_per_clip;
  std::optional<Rational> api_per_clip;
  // The API bills this generation in units, its unit packs and pay-as-you-go drawing on one
  // balance: unit clips are API clips whose units the packs prepaid where they could.
  bool unit_balance = false;
  Trust trust;
};

struct RecommendedOption {
  std::string label;  // "best", "alone: kling", "alternative 1"
  std::vector<RecommendedItem> items;
  std::vector<ServedLine> lines;
  Rational total;       // over the whole period
  Rational per_second;  // total / seconds over the period
  std::int64_t unused_credits = 0;
  Rational unused_units = 0;
  int providers = 0;
  std::string summary;  // "kling (intl): plan pro, 2 x topup-100, 12 API clips a month"
  Trust trust;          // the weakest figure the option rests on
  std::vector<std::string> inferred;  // figures it rests on that are inferred, not read in a source
  bool proven = true;   // false: an account too large to combine credits and unit packs exactly
};

struct RecommendResult {
  Currency currency = Currency::USD;
  int months = 1;
  std::int64_t seconds_a_month = 0;
  bool free_credits = false;
  OfferFilter offers;
  RecommendedOption best;
  std::vector<RecommendedOption> alone;         // each provider on its own, when that says something
  std::vector<RecommendedOption> alternatives;  // the best with another plan, at most three
};

// Throws Error: a need nothing matches or no offer prices under the filters, a provider the
// filters leave out, a need too large to optimise exactly (with how to narrow it), no
// combination meeting the need.
RecommendResult recommend(const Market& market, const RecommendRequest& request);

}  // namespace vidcost
