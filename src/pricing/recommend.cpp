#include "pricing/recommend.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

namespace opt = optimiser;

// The optimiser's problem in the result currency, and what each index of it stands for.
struct Built {
  opt::Problem problem;
  std::vector<std::vector<std::string>> plan_names, pack_names;
  std::vector<std::vector<Billing>> plan_billing;
  std::vector<std::vector<std::int64_t>> plan_periods;
};

std::optional<std::int64_t> whole(const Rational& r) {
  if (denominator(r) != 1 || r < 0 || r > Rational(1'000'000'000)) return std::nullopt;
  return static_cast<std::int64_t>(numerator(r));
}

// Accounts: each provider in each market, with the plans and packs a need of `months` may use.
void add_accounts(Built& b, const Market& market, const RecommendRequest& request, Currency currency,
                  const std::vector<const Provider*>& providers,
                  std::map<std::pair<const Provider*, Region>, int>& account_index) {
  auto in = [&](const Amount& a) { return market.value_in(a, currency); };
  for (const Provider* p : providers) {
    for (Region r : {Region::CN, Region::Intl}) {
      if (market.region && *market.region != r) continue;
      opt::Account a{p->id, fmt::format("{} ({})", p->id, region_name(r)), {}, {}, 0};
      std::vector<std::string> plan_names, pack_names;
      std::vector<Billing> billing;
      std::vector<std::int64_t> periods;
      for (const auto& plan : p->plans) {
        if (plan.region != r || !plan.provenance.effective.contains(market.date) || !plan.price.known() ||
            !plan.credits_per_month.known()) {
          continue;
        }
        if (plan.billing == Billing::Year && request.months < 12) continue;  // the commitment outlasts the need
        const auto credits = whole(*plan.credits_per_month.value);
        if (!credits) continue;
        const int n = plan.billing == Billing::Year ? (request.months + 11) / 12 : request.months;
        a.plans.push_back({plan.id, in(*plan.price.value) * n, *credits});
        plan_names.push_back(plan.name);
        billing.push_back(plan.billing);
        periods.push_back(n);
      }
      for (const auto& pack : p->packs) {
        if (pack.region != r || !pack.provenance.effective.contains(market.date) || !pack.credits.known()) continue;
        if (pack.validity_days && *pack.validity_days < 30 * request.months) continue;  // must last the period
        const auto credits = whole(*pack.credits.value + pack.bonus_credits);
        if (!credits || *credits == 0) continue;
        a.packs.push_back({pack.id, in(pack.price), *credits});
        pack_names.push_back(pack.name);
      }
      if (request.free_credits && p->free && p->free->provenance.effective.contains(market.date)) {
        a.free_credits_per_month = whole(p->free->daily_credits * 30).value_or(0);
      }
      account_index[{p, r}] = static_cast<int>(b.problem.accounts.size());
      b.problem.accounts.push_back(std::move(a));
      b.plan_names.push_back(std::move(plan_names));
      b.pack_names.push_back(std::move(pack_names));
      b.plan_billing.push_back(std::move(billing));
      b.plan_periods.push_back(std::move(periods));
    }
  }
}

// The generations a need may be made with.
std::vector<Generation> candidates_of(const Market& market, const Need& need) {
  const Catalog& catalog = *market.catalog;
  std::vector<Generation> gens;
  if (need.spec) {
    gens = resolve_generations(catalog, *need.spec, market.date, false);
    if (gens.empty()) resolve_generations(catalog, *need.spec, market.date, true);  // names what is unknown
    return gens;
  }
  for (const auto& g : resolve_generations(catalog, SpecPattern{std::nullopt, std::nullopt, std::nullopt, need.seconds},
                                           market.date, false)) {
    if (need.resolution.empty() || ascii_lower(g.mode->resolution) == need.resolution) gens.push_back(g);
  }
  return gens;
}

Built build(const Market& market, const RecommendRequest& request, Currency currency) {
  const Catalog& catalog = *market.catalog;
  Built b;
  b.problem.months = request.months;
  std::vector<const Provider*> providers;
  for (const auto& name : request.providers) providers.push_back(&provider_named(catalog, name));
  const bool filtered = !providers.empty();
  if (!filtered) {
    for (const auto& p : catalog.providers) providers.push_back(&p);
  }
  std::map<std::pair<const Provider*, Region>, int> account_index;
  add_accounts(b, market, request, currency, providers, account_index);

  const QuoteOptions api_only{market.date, 1, std::nullopt, OfferKind::Api};
  for (const Need& need : request.needs) {
    if (need.spec && need.spec->provider && filtered &&
        std::find(providers.begin(), providers.end(), &provider_named(catalog, *need.spec->provider)) ==
            providers.end()) {
      throw Error::bad_input(fmt::format("need '{}' names a provider that the provider filter leaves out", need.text));
    }
    const auto gens = candidates_of(market, need);
    opt::Line line{need.text, need.count, {}};
    std::set<std::string> seen;  // an account and its two prices: identical candidates add nothing
    for (const auto& g : gens) {
      for (Region r : {Region::CN, Region::Intl}) {
        auto it = account_index.find({g.provider, r});
        if (it == account_index.end()) continue;
        opt::Candidate c{it->second, g.spec(), std::nullopt, std::nullopt, g.seconds};
        if (g.mode->in_app && g.mode->credits.known()) {
          auto found = g.mode->credits.value->find(g.seconds);
          if (found != g.mode->credits.value->end()) c.credits_per_clip = whole(found->second);
        }
        for (const OfferRef& offer : offers_of(*g.provider, market.date, OfferKind::Api, r)) {
          auto q = quote_offer(g, offer, api_only);
          if (!q || !q->priced()) continue;
          const Rational price = market.value_in(q->price->clip, currency);
          if (!c.api_per_clip || price < *c.api_per_clip) c.api_per_clip = price;
        }
        if (!c.credits_per_clip && !c.api_per_clip) continue;
        const std::string key = fmt::format("{}|{}|{}", c.account, c.credits_per_clip.value_or(-1),
                                            c.api_per_clip ? format_exact(*c.api_per_clip) : "-");
        if (seen.insert(key).second) line.candidates.push_back(std::move(c));
      }
    }
    if (line.candidates.empty()) {
      const std::string what =
          need.spec ? need.spec->to_string()
                    : fmt::format("@{}s{}", need.seconds, need.resolution.empty() ? "" : ":" + need.resolution);
      throw Error::bad_input(fmt::format(
          "need '{}': {}", need.text,
          gens.empty() ? fmt::format("no generation in the catalog matches {}", what)
                       : fmt::format("no offer{} prices {} (credits or API price unknown)",
                                     market.region ? " in region " + std::string(region_name(*market.region)) : "",
                                     what)));
    }
    b.problem.lines.push_back(std::move(line));
  }
  return b;
}

// `problem` is the one `s` solves (the whole need, or one provider's part of it): candidate
// indices refer to its lines.
std::string summary(const opt::Problem& problem, const opt::Solution& s) {
  std::vector<std::string> parts;
  for (const auto& use : s.accounts) {
    const opt::Account& a = problem.accounts[static_cast<std::size_t>(use.account)];
    std::vector<std::string> items;
    if (use.plan >= 0) items.push_back("plan " + a.plans[static_cast<std::size_t>(use.plan)].id);
    for (std::size_t k = 0; k < use.packs.size(); ++k) {
      if (use.packs[k] > 0) items.push_back(fmt::format("{} x {}", use.packs[k], a.packs[k].id));
    }
    if (use.free_used_per_month > 0) items.push_back("free credits");
    int api = 0;
    for (std::size_t l = 0; l < s.lines.size(); ++l) {
      const auto& line = problem.lines[l];
      if (line.candidates[static_cast<std::size_t>(s.lines[l].candidate)].account == use.account) {
        api += s.lines[l].api_clips;
      }
    }
    if (api > 0) items.push_back(fmt::format("{} API clip{} a month", api, api == 1 ? "" : "s"));
    parts.push_back(fmt::format("{}: {}", a.label, fmt::join(items, ", ")));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

RecommendedOption describe(const Built& b, const opt::Problem& problem, const opt::Solution& s, std::string label,
                           std::int64_t seconds) {
  RecommendedOption o;
  o.label = std::move(label);
  o.total = s.total;
  o.per_second = s.total / Rational(seconds);
  o.unused_credits = s.unused_credits;
  o.providers = s.providers;
  o.summary = summary(problem, s);
  for (const auto& use : s.accounts) {
    const auto ai = static_cast<std::size_t>(use.account);
    const opt::Account& a = b.problem.accounts[ai];
    if (use.plan >= 0) {
      const auto pi = static_cast<std::size_t>(use.plan);
      o.items.push_back({RecommendedItem::Kind::Plan, a.label, a.plans[pi].id, b.plan_names[ai][pi],
                         b.plan_periods[ai][pi], b.plan_billing[ai][pi] == Billing::Year ? "year" : "month",
                         use.plan_cost, a.plans[pi].credits_per_month});
    }
    for (std::size_t k = 0; k < use.packs.size(); ++k) {
      if (use.packs[k] == 0) continue;
      o.items.push_back({RecommendedItem::Kind::Pack, a.label, a.packs[k].id, b.pack_names[ai][k], use.packs[k], "pack",
                         a.packs[k].price * use.packs[k], a.packs[k].credits});
    }
    if (use.free_used_per_month > 0) {
      o.items.push_back({RecommendedItem::Kind::Free, a.label, "daily", "free daily credits", use.free_used_per_month,
                         "credits a month", Rational(0), 0});
    }
    if (use.api_cost > 0) {
      o.items.push_back({RecommendedItem::Kind::Api, a.label, "", "pay-as-you-go API", 0, "", use.api_cost, 0});
    }
  }
  for (std::size_t l = 0; l < s.lines.size(); ++l) {
    const auto& line = problem.lines[l];
    const auto& c = line.candidates[static_cast<std::size_t>(s.lines[l].candidate)];
    o.lines.push_back({line.text, c.generation, problem.accounts[static_cast<std::size_t>(c.account)].label,
                       line.count, s.lines[l].app_clips, s.lines[l].api_clips, c.credits_per_clip, c.api_per_clip});
  }
  return o;
}

// The problem restricted to one provider's accounts; empty when a line cannot be served there.
opt::Problem only_provider(const opt::Problem& p, const std::string& provider) {
  opt::Problem q = p;
  for (auto& line : q.lines) {
    std::vector<opt::Candidate> kept;
    for (const auto& c : line.candidates) {
      if (p.accounts[static_cast<std::size_t>(c.account)].provider == provider) kept.push_back(c);
    }
    line.candidates = std::move(kept);
    if (line.candidates.empty()) return {};
  }
  return q;
}

std::optional<opt::Solution> solve(const opt::Problem& p) {
  try {
    return opt::optimise(p);
  } catch (const std::length_error& e) {
    throw Error::bad_input(e.what());
  }
}

}  // namespace

RecommendResult recommend(const Market& market, const RecommendRequest& request) {
  if (request.needs.empty()) throw Error::bad_input("recommend needs at least one NEED, such as 40xkling/2.1/pro@10s");
  if (request.months < 1 || request.months > 120) throw Error::bad_input("months must be between 1 and 120");
  RecommendResult result;
  result.currency = market.display.value_or(market.region == Region::CN ? Currency::CNY : Currency::USD);
  result.months = request.months;
  for (const auto& need : request.needs) result.seconds_a_month += static_cast<std::int64_t>(need.count) * need.seconds;
  const Built b = build(market, request, result.currency);
  const std::int64_t seconds = result.seconds_a_month * request.months;

  const auto best = solve(b.problem);
  if (!best) {
    throw Error::bad_input("no combination of the offers meets the whole need (a line may be sold only where "
                           "another cannot be; try a provider or region filter)");
  }
  result.best = describe(b, b.problem, *best, "best", seconds);

  // Each provider alone, when that says something the best choice does not: the best uses
  // several providers, or several could serve the whole need.
  std::set<std::string> providers;
  for (const auto& a : b.problem.accounts) providers.insert(a.provider);
  std::vector<RecommendedOption> alone;
  for (const auto& provider : providers) {
    const opt::Problem only = only_provider(b.problem, provider);
    if (only.lines.empty()) continue;
    if (auto s = solve(only)) alone.push_back(describe(b, only, *s, "alone: " + provider, seconds));
  }
  if (best->providers > 1 || alone.size() > 1) result.alone = std::move(alone);

  // Alternatives that pay for a plan whose credits go unspent are not worth listing.
  for (const auto& alt : opt::alternatives(b.problem, *best, 20)) {
    const bool idle_plan = std::any_of(alt.accounts.begin(), alt.accounts.end(), [](const opt::AccountUse& u) {
      return u.plan >= 0 && u.credits_used_per_month <= u.free_used_per_month;
    });
    if (idle_plan) continue;
    result.alternatives.push_back(
        describe(b, b.problem, alt, fmt::format("alternative {}", result.alternatives.size() + 1), seconds));
    if (result.alternatives.size() == 3) break;
  }
  return result;
}

}  // namespace vidcost
