// A monthly need turned into the optimiser's problem: which accounts (a provider in a market)
// and which of their offers are eligible, each need line's candidate generations with their
// prices per channel, and how far each figure can be trusted. `recommend` and `breakeven` build
// their problems here, so they follow the same eligibility rules.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.h"
#include "pricing/market.h"
#include "pricing/need.h"
#include "pricing/optimise.h"
#include "pricing/quote.h"

namespace vidcost {

// Which kinds of offer may be bought: `--offer api|app|plan|pack|api-pack`.
struct OfferFilter {
  bool plans = true, packs = true, api = true, api_packs = true;

  // From the names given (none: everything). Error::bad_input naming an unknown kind.
  static OfferFilter parse(const std::vector<std::string>& names);
  bool everything() const { return plans && packs && api && api_packs; }
  bool app() const { return plans || packs; }
  std::string describe() const;  // "plan,pack", or "" for everything
};

struct NeedRequest {
  std::vector<Need> needs;             // at least one
  std::vector<std::string> providers;  // ids or aliases; none: every provider
  int months = 1;                      // 1 to 120; annual plans need 12 or more
  bool free_credits = false;           // count free daily credits (30 days a month)
  OfferFilter offers;
};

struct AccountInfo {
  const Provider* provider = nullptr;
  Region region = Region::Intl;
  std::vector<const Plan*> plans;
  std::vector<std::int64_t> plan_periods;  // billing periods bought over the need
  std::vector<const Pack*> packs;
  std::vector<const ApiPack*> unit_packs;
  Rational unit_scale = 1;  // optimiser units per API unit
  const FreeCredits* free = nullptr;
};

struct CandidateInfo {
  std::optional<Rational> units_per_clip;  // in API units
  Trust app_trust, api_trust, unit_trust;
  std::vector<std::string> app_inferred, api_inferred, unit_inferred;
};

struct NeedProblem {
  optimiser::Problem problem;
  std::vector<AccountInfo> accounts;
  std::vector<std::vector<CandidateInfo>> candidates;  // aligned with problem.lines[l].candidates
};


// The problem of `request` in `currency` (amounts converted at the market's dated rates). Throws
// Error: a need nothing matches, or that no eligible offer prices (naming the line and the
// filters), a provider the filters leave out.
NeedProblem build_need_problem(const Market& market, const NeedRequest& request, Currency currency);

// `r` as an optimiser count: a whole number from 0 to `max`; nullopt otherwise.
std::optional<std::int64_t> as_count(const Rational& r, std::int64_t max = 1'000'000'000);

// Runs an optimiser call; its length errors (a need too large to optimise exactly, with how to
// narrow it) become bad input.
template <typename F>
auto narrowed(F&& f) {
  try {
    return f();
  } catch (const std::length_error& e) {
    throw Error::bad_input(e.what());
  }
}

// Filters that shaped a problem, for messages: " with --offer api, --region cn".
std::string filters_text(const Market& market, const NeedRequest& request);

}  // namespace vidcost
