#include "pricing/breakeven.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {

namespace opt = optimiser;

std::optional<Rational> BreakevenResult::monthly(std::size_t curve, std::int64_t clips) const {
  const auto& points = curves[curve].points;
  if (clips < 0 || static_cast<std::size_t>(clips) >= points.size() || !points[static_cast<std::size_t>(clips)]) {
    return std::nullopt;
  }
  return points[static_cast<std::size_t>(clips)]->total / Rational(months);
}

namespace {

// The newest model's first mode sold in the app with known credits, at its shortest length.
std::optional<Generation> default_generation(const Provider& p, const Date& as_of) {
  for (auto model = p.models.rbegin(); model != p.models.rend(); ++model) {
    for (const auto& mode : model->modes) {
      if (mode.in_app && mode.credits.known() && mode.provenance.effective.contains(as_of) && !mode.durations.empty()) {
        return Generation{&p, &*model, &mode, *std::min_element(mode.durations.begin(), mode.durations.end())};
      }
    }
  }
  return std::nullopt;
}

Generation chosen_generation(const Market& market, const Provider& provider, const BreakevenRequest& request) {
  if (!request.spec) {
    auto g = default_generation(provider, market.date);
    if (!g) throw Error::bad_input(fmt::format("{} has no generation priced in credits; name one", provider.id));
    return *g;
  }
  SpecPattern pattern = *request.spec;
  if (!pattern.provider) pattern.provider = provider.id;
  const auto gens = resolve_generations(*market.catalog, pattern, market.date, true);
  if (gens.size() != 1) {
    throw Error::bad_input(fmt::format("'{}' names {} generations; give the duration", pattern.to_string(), gens.size()));
  }
  if (gens[0].provider != &provider) {
    throw Error::bad_input(fmt::format("'{}' is not a generation of {}", pattern.to_string(), provider.id));
  }
  return gens[0];
}



bool cheaper(const opt::LineCost::Point& a, const opt::LineCost::Point& b) {
  if (a.total != b.total) return a.total < b.total;
  if (a.unused_credits != b.unused_credits) return a.unused_credits < b.unused_credits;
  return a.unused_units < b.unused_units;
}

struct CurveBuilder {
  BreakevenResult& result;
  int months;
  std::int64_t max_clips;

  void add(CostCurve::Kind kind, std::string id, std::string label, Region region, const opt::Account& account,
           const opt::Candidate& candidate, Trust trust, int plan = -2) {
    const opt::LineCost cost(account, candidate, months, plan);
    CostCurve curve{kind, std::move(id), std::move(label), region, std::move(trust), {}};
    bool serves = false;
    for (std::int64_t n = 0; n <= max_clips; ++n) {
      curve.points.push_back(cost.at(n));
      serves = serves || (n > 0 && curve.points.back());
    }
    if (serves) result.curves.push_back(std::move(curve));
  }
};

// Whole clips the largest plan's credits make, or none.
std::int64_t largest_plan_clips(const NeedProblem& b) {
  std::int64_t most = 0;
  for (const auto& c : b.problem.lines[0].candidates) {
    if (!c.credits_per_clip || *c.credits_per_clip <= 0) continue;
    for (const auto& plan : b.problem.accounts[static_cast<std::size_t>(c.account)].plans) {
      most = std::max(most, plan.credits_per_month / *c.credits_per_clip);
    }
  }
  return most;
}

}  // namespace

BreakevenResult breakeven(const Market& market, const BreakevenRequest& request) {
  const Provider& provider = provider_named(*market.catalog, request.provider);
  if (request.months < 1 || request.months > 120) throw Error::bad_input("months must be between 1 and 120");
  BreakevenResult result;
  result.generation = chosen_generation(market, provider, request);
  const Generation& g = result.generation;
  result.currency = market.display.value_or(market.region == Region::CN ? Currency::CNY : Currency::USD);
  result.months = request.months;
  result.stale_after_days = market.stale_after_days;
  result.date = market.date;

  NeedRequest need;
  need.needs = {parse_need("1x" + g.spec())};
  need.providers = {provider.id};
  need.months = request.months;
  need.free_credits = request.free_credits;
  need.offers = request.offers;
  const NeedProblem b = build_need_problem(market, need, result.currency);

  if (request.max_seconds) {
    result.max_clips = std::max<std::int64_t>(1, static_cast<std::int64_t>((*request.max_seconds / g.seconds).convert_to<double>()));
  } else {
    const std::int64_t plan = largest_plan_clips(b);
    result.max_clips = plan > 0 ? plan * 3 / 2 : 3600 / g.seconds;
  }
  if (result.max_clips > 100000) throw Error::bad_input("--max is beyond 100000 clips a month; give a smaller range");

  // The ways to pay of each market, in order: APIs, unit packs, packs, plans, the mix.
  CurveBuilder build{result, request.months, result.max_clips};
  std::vector<std::pair<const opt::Candidate*, std::size_t>> markets;
  for (const auto& c : b.problem.lines[0].candidates) markets.push_back({&c, static_cast<std::size_t>(c.account)});
  std::size_t index = 0;
  for (const auto& [candidate, a] : markets) {
    const opt::Account& base = b.problem.accounts[a];
    const AccountInfo& info = b.accounts[a];
    const CandidateInfo& ci = b.candidates[0][index++];
    auto with = [](Trust t, const Trust& more) {
      t.merge(more);
      return t;
    };
    auto of = [](const Provenance& p, const std::string& what) {
      Trust t;
      t.add(p, what);
      return t;
    };
    Trust everything = with(with(ci.app_trust, ci.api_trust), ci.unit_trust);
    for (const Plan* plan : info.plans) everything.add(plan->provenance, "plan " + plan->id);
    for (const Pack* pack : info.packs) everything.add(pack->provenance, "pack " + pack->id);
    const Region region = info.region;
    const std::string where = fmt::format("({})", region_name(region));
    opt::Account bare = base;
    bare.plans.clear();
    bare.packs.clear();
    bare.unit_packs.clear();
    bare.free_credits_per_month = 0;
    bare.unit_price.reset();
    if (request.offers.api) {
      opt::Account api = bare;
      api.unit_price = base.unit_price;
      opt::Candidate c = *candidate;
      c.credits_per_clip.reset();
      if (!api.unit_price) c.units_per_clip.reset();
      if (c.api_per_clip || (c.units_per_clip && api.unit_price)) {
        build.add(CostCurve::Kind::Api, "api " + where, "pay-as-you-go API " + where, region, api, c, ci.api_trust);
      }
    }
    for (std::size_t k = 0; k < base.unit_packs.size(); ++k) {
      opt::Account only = bare;
      only.unit_packs = {base.unit_packs[k]};
      opt::Candidate c = *candidate;
      c.credits_per_clip.reset();
      c.api_per_clip.reset();
      if (!c.units_per_clip) continue;
      build.add(CostCurve::Kind::ApiPack, fmt::format("api-pack {} {}", base.unit_packs[k].id, where),
                fmt::format("API pack {} {} alone", info.unit_packs[k]->name, where), region, only, c,
                with(ci.unit_trust, of(info.unit_packs[k]->provenance, "API pack " + base.unit_packs[k].id)));
    }
    for (std::size_t k = 0; k < base.packs.size(); ++k) {
      opt::Account only = bare;
      only.packs = {base.packs[k]};
      only.free_credits_per_month = base.free_credits_per_month;
      opt::Candidate c = *candidate;
      c.api_per_clip.reset();
      c.units_per_clip.reset();
      if (!c.credits_per_clip) continue;
      build.add(CostCurve::Kind::Pack, fmt::format("pack {} {}", base.packs[k].id, where),
                fmt::format("pack {} {} alone", info.packs[k]->name, where), region, only, c,
                with(ci.app_trust, of(info.packs[k]->provenance, "pack " + base.packs[k].id)));
    }
    for (std::size_t p = 0; p < base.plans.size(); ++p) {
      if (!candidate->credits_per_clip) break;
      build.add(CostCurve::Kind::Plan, fmt::format("plan {} {}", base.plans[p].id, where),
                fmt::format("plan {}{} {} with top-ups", info.plans[p]->name,
                            info.plans[p]->billing == Billing::Year      ? " (annual)"
                            : info.plans[p]->billing == Billing::Quarter ? " (quarterly)"
                                                                         : "",
                            where),
                region, base, *candidate, with(everything, of(info.plans[p]->provenance, "plan " + base.plans[p].id)),
                static_cast<int>(p));
    }
    opt::Account mix = base;
    mix.plans.clear();
    build.add(CostCurve::Kind::Mix, "mix " + where, "no plan: packs and pay-as-you-go " + where, region, mix, *candidate,
              everything);
  }
  if (result.curves.empty()) {
    throw Error::bad_input(fmt::format("no offer prices {}{}", g.spec(), filters_text(market, need)));
  }

  // The cheapest way at each usage; a tie goes to the way listed first.
  for (std::int64_t n = 1; n <= result.max_clips; ++n) {
    std::optional<std::size_t> winner;
    for (std::size_t k = 0; k < result.curves.size(); ++k) {
      const auto& point = result.curves[k].points[static_cast<std::size_t>(n)];
      if (point && (!winner || cheaper(*point, *result.curves[*winner].points[static_cast<std::size_t>(n)]))) winner = k;
    }
    if (!winner) continue;
    if (!result.ranges.empty() && result.ranges.back().curve == *winner && result.ranges.back().to_clips == n - 1) {
      result.ranges.back().to_clips = n;
    } else {
      result.ranges.push_back({n, n, *winner, 0, 0});
    }
  }
  for (auto& r : result.ranges) {
    r.cost_from = *result.monthly(r.curve, r.from_clips);
    r.cost_to = *result.monthly(r.curve, r.to_clips);
  }
  return result;
}

}  // namespace vidcost
