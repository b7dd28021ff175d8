#include "pricing/recommend.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

namespace opt = optimiser;

std::string plural(std::int64_t n, const char* one, const char* many) { return n == 1 ? one : many; }

// The option's account lines in words: "kling (intl): plan pro, 2 x topup-100, 12 API clips a month".
std::string summary(const NeedProblem& b, const opt::Problem& problem, const opt::Solution& s) {
  std::vector<std::string> parts;
  for (const auto& use : s.accounts) {
    const opt::Account& a = problem.accounts[static_cast<std::size_t>(use.account)];
    std::vector<std::string> items;
    if (use.plan >= 0) items.push_back("plan " + a.plans[static_cast<std::size_t>(use.plan)].id);
    for (std::size_t k = 0; k < use.packs.size(); ++k) {
      if (use.packs[k] > 0) items.push_back(fmt::format("{} x {}", use.packs[k], a.packs[k].id));
    }
    for (std::size_t k = 0; k < use.unit_packs.size(); ++k) {
      if (use.unit_packs[k] > 0) items.push_back(fmt::format("{} x API pack {}", use.unit_packs[k], a.unit_packs[k].id));
    }
    if (use.free_used_per_month > 0) items.push_back("free credits");
    int api = 0;
    for (std::size_t l = 0; l < s.lines.size(); ++l) {
      const auto& c = problem.lines[l].candidates[static_cast<std::size_t>(s.lines[l].candidate)];
      if (c.account == use.account) api += s.lines[l].api_clips + (a.unit_price ? s.lines[l].unit_clips : 0);
    }
    if (api > 0) items.push_back(fmt::format("{} API clip{} a month", api, plural(api, "", "s")));
    parts.push_back(fmt::format("{}: {}", a.label, fmt::join(items, ", ")));
  }
  (void)b;
  return fmt::format("{}", fmt::join(parts, "; "));
}

RecommendedOption describe(const NeedProblem& b, const opt::Solution& s, std::string label, std::int64_t seconds) {
  const opt::Problem& problem = b.problem;
  RecommendedOption o;
  o.label = std::move(label);
  o.total = s.total;
  o.per_second = s.total / Rational(seconds);
  o.unused_credits = s.unused_credits;
  o.providers = s.providers;
  o.proven = s.proven;
  o.summary = summary(b, problem, s);
  auto inferred = [&](const std::vector<std::string>& names) {
    for (const auto& n : names) {
      if (std::find(o.inferred.begin(), o.inferred.end(), n) == o.inferred.end()) o.inferred.push_back(n);
    }
  };
  for (const auto& use : s.accounts) {
    const auto ai = static_cast<std::size_t>(use.account);
    const opt::Account& a = problem.accounts[ai];
    const AccountInfo& info = b.accounts[ai];
    o.unused_units += Rational(use.unused_units) / info.unit_scale;
    if (use.plan >= 0) {
      const auto pi = static_cast<std::size_t>(use.plan);
      const Plan& plan = *info.plans[pi];
      RecommendedItem item{RecommendedItem::Kind::Plan, a.label, plan.id, plan.name, info.plan_periods[pi],
                           std::string(billing_name(plan.billing)), use.plan_cost,
                           Rational(a.plans[pi].credits_per_month), "credits a month", {}};
      item.trust.add(plan.provenance, fmt::format("plan {} of {}", plan.id, a.label));
      if (plan.provenance.inferred) inferred({fmt::format("plan {} of {}", plan.id, a.label)});
      o.items.push_back(std::move(item));
    }
    for (std::size_t k = 0; k < use.packs.size(); ++k) {
      if (use.packs[k] == 0) continue;
      const Pack& pack = *info.packs[k];
      RecommendedItem item{RecommendedItem::Kind::Pack, a.label, pack.id, pack.name, use.packs[k], "pack",
                           a.packs[k].price * use.packs[k], Rational(a.packs[k].amount), "credits", {}};
      item.trust.add(pack.provenance, fmt::format("pack {} of {}", pack.id, a.label));
      if (pack.provenance.inferred) inferred({fmt::format("pack {} of {}", pack.id, a.label)});
      o.items.push_back(std::move(item));
    }
    for (std::size_t k = 0; k < use.unit_packs.size(); ++k) {
      if (use.unit_packs[k] == 0) continue;
      const ApiPack& pack = *info.unit_packs[k];
      RecommendedItem item{RecommendedItem::Kind::ApiPack, a.label, pack.id, pack.name, use.unit_packs[k], "pack",
                           a.unit_packs[k].price * use.unit_packs[k], pack.units, "units", {}};
      item.trust.add(pack.provenance, fmt::format("API pack {} of {}", pack.id, a.label));
      if (pack.provenance.inferred) inferred({fmt::format("API pack {} of {}", pack.id, a.label)});
      o.items.push_back(std::move(item));
    }
    if (use.free_used_per_month > 0 && info.free) {
      RecommendedItem item{RecommendedItem::Kind::Free, a.label, "daily", "free daily credits", use.free_used_per_month,
                           "credit a month", Rational(0), std::nullopt, "", {}};
      item.trust.add(info.free->provenance, fmt::format("free credits of {}", a.label));
      if (info.free->provenance.inferred) inferred({fmt::format("free credits of {}", a.label)});
      o.items.push_back(std::move(item));
    }
    if (use.api_cost > 0) {
      std::int64_t clips = 0;
      Trust trust;
      for (std::size_t l = 0; l < s.lines.size(); ++l) {
        const auto& c = problem.lines[l].candidates[static_cast<std::size_t>(s.lines[l].candidate)];
        if (c.account != use.account) continue;
        const std::int64_t n = s.lines[l].api_clips + (a.unit_price ? s.lines[l].unit_clips : 0);
        clips += n;
        if (n > 0) {
          trust.merge(b.candidates[l][static_cast<std::size_t>(s.lines[l].candidate)].api_trust);
        }
      }
      o.items.push_back({RecommendedItem::Kind::Api, a.label, "", "pay-as-you-go API", clips, "clip a month",
                         use.api_cost, std::nullopt, "", trust});
    }
  }
  for (std::size_t l = 0; l < s.lines.size(); ++l) {
    const auto& line = problem.lines[l];
    const auto& lu = s.lines[l];
    const auto& c = line.candidates[static_cast<std::size_t>(lu.candidate)];
    const CandidateInfo& ci = b.candidates[l][static_cast<std::size_t>(lu.candidate)];
    ServedLine served{line.text, c.generation, problem.accounts[static_cast<std::size_t>(c.account)].label, line.count,
                      lu.app_clips, lu.unit_clips, lu.api_clips, c.credits_per_clip, ci.units_per_clip, c.api_per_clip,
                      problem.accounts[static_cast<std::size_t>(c.account)].unit_price.has_value(), {}};
    auto merge = [&](const Trust& t) { served.trust.merge(t); };
    if (lu.app_clips > 0) {
      merge(ci.app_trust);
      inferred(ci.app_inferred);
    }
    if (lu.api_clips > 0 || (lu.unit_clips > 0 && problem.accounts[static_cast<std::size_t>(c.account)].unit_price)) {
      merge(ci.api_trust);
      inferred(ci.api_inferred);
    }
    if (lu.unit_clips > 0) {
      merge(ci.unit_trust);
      inferred(ci.unit_inferred);
    }
    o.lines.push_back(std::move(served));
  }
  // The option is as trustworthy as its weakest figure.
  for (const auto& item : o.items) o.trust.merge(item.trust);
  for (const auto& line : o.lines) o.trust.merge(line.trust);
  return o;
}

// The need restricted to one provider's accounts; empty when a line cannot be served there.
std::optional<NeedProblem> only_provider(const NeedProblem& b, const std::string& provider) {
  NeedProblem q = b;
  for (std::size_t l = 0; l < q.problem.lines.size(); ++l) {
    std::vector<opt::Candidate> kept;
    std::vector<CandidateInfo> infos;
    const auto& line = b.problem.lines[l];
    for (std::size_t c = 0; c < line.candidates.size(); ++c) {
      if (b.problem.accounts[static_cast<std::size_t>(line.candidates[c].account)].provider == provider) {
        kept.push_back(line.candidates[c]);
        infos.push_back(b.candidates[l][c]);
      }
    }
    if (kept.empty()) return std::nullopt;
    q.problem.lines[l].candidates = std::move(kept);
    q.candidates[l] = std::move(infos);
  }
  return q;
}


}  // namespace

RecommendResult recommend(const Market& market, const RecommendRequest& request) {
  if (request.needs.empty()) throw Error::bad_input("recommend needs at least one NEED, such as 40xkling/2.1/pro@10s");
  if (request.months < 1 || request.months > 120) throw Error::bad_input("months must be between 1 and 120");
  RecommendResult result;
  result.currency = market.display.value_or(market.region == Region::CN ? Currency::CNY : Currency::USD);
  result.months = request.months;
  result.free_credits = request.free_credits;
  result.offers = request.offers;
  for (const auto& need : request.needs) result.seconds_a_month += static_cast<std::int64_t>(need.count) * need.seconds;
  const NeedProblem b = build_need_problem(market, request, result.currency);
  const std::int64_t seconds = result.seconds_a_month * request.months;

  const auto optimiser = narrowed([&] { return std::make_unique<opt::Optimiser>(b.problem); });
  const auto best = narrowed([&] { return optimiser->best(); });
  if (!best) {
    throw Error::bad_input("no combination of the offers meets the whole need (a line may be sold only where "
                           "another cannot be; try a provider or region filter)");
  }
  result.best = describe(b, *best, "best", seconds);

  // Each provider alone, when that says something the best choice does not: the best uses
  // several providers, or several could serve the whole need.
  std::set<std::string> providers;
  for (const auto& a : b.problem.accounts) providers.insert(a.provider);
  std::vector<RecommendedOption> alone;
  for (const auto& provider : providers) {
    const auto only = only_provider(b, provider);
    if (!only) continue;
    if (auto s = narrowed([&] { return opt::optimise(only->problem); })) {
      alone.push_back(describe(*only, *s, "alone: " + provider, seconds));
    }
  }
  if (best->providers > 1 || alone.size() > 1) result.alone = std::move(alone);

  // Alternatives that pay for a plan whose credits go unspent are not worth listing.
  for (const auto& alt : narrowed([&] { return optimiser->alternatives(*best, 20); })) {
    const bool idle_plan = std::any_of(alt.accounts.begin(), alt.accounts.end(), [](const opt::AccountUse& u) {
      return u.plan >= 0 && u.credits_used_per_month <= u.free_used_per_month;
    });
    if (idle_plan) continue;
    result.alternatives.push_back(
        describe(b, alt, fmt::format("alternative {}", result.alternatives.size() + 1), seconds));
    if (result.alternatives.size() == 3) break;
  }
  return result;
}

}  // namespace vidcost
