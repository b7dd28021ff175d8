#include "pricing/need_problem.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {

namespace opt = optimiser;

namespace {


// A pack's validity in whole months of the need: 0 when it outlasts the period; nullopt when it
// lasts less than a month (a steady monthly use cannot rely on it).
std::optional<int> window_of(const std::optional<int>& validity_days, int months) {
  if (!validity_days) return 0;
  const int whole_months = *validity_days / 30;
  if (whole_months < 1) return std::nullopt;
  return whole_months >= months ? 0 : whole_months;
}

void note_inferred(std::vector<std::string>& out, const Provenance& p, std::string what) {
  if (p.inferred) out.push_back(std::move(what));
}

// The API offer whose units the account's unit packs buy (the first one that has packs).
const ApiOffer* unit_api(const Provider& p, Region r, const Date& date) {
  for (const auto& pack : p.api_packs) {
    if (pack.region != r || !pack.provenance.effective.contains(date)) continue;
    if (const ApiOffer* api = find_api(p, pack.api, date)) return api;
  }
  return nullptr;
}

void add_accounts(NeedProblem& b, const Market& market, const NeedRequest& request, Currency currency,
                  const std::vector<const Provider*>& providers,
                  std::map<std::pair<const Provider*, Region>, int>& account_index) {
  auto in = [&](const Amount& a) { return market.value_in(a, currency); };
  const OfferFilter& f = request.offers;
  for (const Provider* p : providers) {
    for (Region r : {Region::CN, Region::Intl}) {
      if (market.region && *market.region != r) continue;
      opt::Account a;
      a.provider = p->id;
      a.label = fmt::format("{} ({})", p->id, region_name(r));
      AccountInfo info{p, r, {}, {}, {}, {}, 1, nullptr};
      for (const auto& plan : p->plans) {
        const auto price = plan_price(plan, market.price_basis);
        if (!f.plans || plan.region != r || !plan.provenance.effective.contains(market.date) || !price ||
            !plan.credits_per_month.known()) {
          continue;
        }
        if (plan.months() > request.months) continue;  // the commitment outlasts the need
        const auto credits = as_count(*plan.credits_per_month.value);
        if (!credits) continue;
        const int n = (request.months + plan.months() - 1) / plan.months();  // periods started
        a.plans.push_back({plan.id, in(price->amount) * n, *credits});
        info.plans.push_back(&plan);
        info.plan_periods.push_back(n);
      }
      for (const auto& pack : p->packs) {
        if (!f.packs || pack.region != r || !pack.provenance.effective.contains(market.date) || !pack.credits.known()) {
          continue;
        }
        const auto window = window_of(pack.validity_days, request.months);
        const auto credits = as_count(*pack.credits.value + pack.bonus_credits);
        if (!window || !credits || *credits == 0) continue;
        a.packs.push_back({pack.id, in(pack.price), *credits, *window, pack.max_per_account.value_or(0)});
        info.packs.push_back(&pack);
      }
      if (const FreeCredits* free = free_credits_on(*p, market.date); request.free_credits && f.app() && free) {
        a.free_credits_per_month = as_count(free->daily_credits * 30).value_or(0);
        info.free = free;
      }
      if (f.api_packs) {
        if (const ApiOffer* api = unit_api(*p, r, market.date)) {
          // Units are made whole by the common denominator of the offer's units and its packs'.
          boost::multiprecision::cpp_int scale = 1;
          for (const auto& rate : api->rates) {
            for (const auto& [_, u] : rate.units) scale = boost::multiprecision::lcm(scale, denominator(u));
          }
          std::vector<const ApiPack*> packs;
          for (const auto& pack : p->api_packs) {
            if (pack.region != r || pack.api != api->id || !pack.provenance.effective.contains(market.date)) continue;
            packs.push_back(&pack);
            scale = boost::multiprecision::lcm(scale, denominator(pack.units));
          }
          info.unit_scale = Rational(scale);
          for (const ApiPack* pack : packs) {
            const auto window = window_of(pack->validity_days, request.months);
            const auto units = as_count(pack->units * info.unit_scale);
            if (!window || !units || *units == 0) continue;
            a.unit_packs.push_back({pack->id, in(pack->price), *units, *window, pack->max_per_account.value_or(0)});
            info.unit_packs.push_back(pack);
          }
          if (f.api && api->unit_price && !a.unit_packs.empty()) a.unit_price = in(*api->unit_price) / info.unit_scale;
        }
      }
      account_index[{p, r}] = static_cast<int>(b.problem.accounts.size());
      b.problem.accounts.push_back(std::move(a));
      b.accounts.push_back(std::move(info));
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

// One line's candidates: each generation on each account that can price it.
void add_candidates(NeedProblem& b, const Market& market, const NeedRequest& request, Currency currency,
                    const Need& need, const std::vector<Generation>& gens,
                    const std::map<std::pair<const Provider*, Region>, int>& account_index) {
  const OfferFilter& f = request.offers;
  const QuoteOptions api_only{market.date, 1, std::nullopt, OfferKind::Api};
  opt::Line line{need.text, need.count, {}};
  std::vector<CandidateInfo> infos;
  std::set<std::string> seen;  // identical candidates on one account add nothing
  for (const auto& g : gens) {
    for (Region r : {Region::CN, Region::Intl}) {
      auto it = account_index.find({g.provider, r});
      if (it == account_index.end()) continue;
      const AccountInfo& account = b.accounts[static_cast<std::size_t>(it->second)];
      opt::Candidate c{it->second, g.spec(), std::nullopt, std::nullopt, std::nullopt, g.seconds};
      CandidateInfo info;
      if ((f.app() || account.free) && g.mode->in_app && g.mode->credits.known()) {
        auto found = g.mode->credits.value->find(g.seconds);
        if (found != g.mode->credits.value->end()) {
          c.credits_per_clip = as_count(found->second);
          info.app_trust.add(g.mode->provenance, fmt::format("credits per clip of {}", g.spec()));
          note_inferred(info.app_inferred, g.mode->provenance, fmt::format("credits per clip of {}", g.spec()));
        }
      }
      if (f.api) {
        for (const OfferRef& offer : offers_of(*g.provider, market.date, OfferKind::Api, r)) {
          auto q = quote_offer(g, offer, api_only);
          if (!q || !q->priced()) continue;
          const Rational price = market.value_in(q->price->clip, currency);
          if (!c.api_per_clip || price < *c.api_per_clip) {
            c.api_per_clip = price;
            info.api_trust = q->trust;
            info.api_inferred.clear();
            if (q->trust.inferred) info.api_inferred.push_back(fmt::format("API price of {} ({})", g.spec(), offer.id()));
          }
        }
      }
      if (!account.unit_packs.empty()) {
        const ApiOffer* api = find_api(*g.provider, account.unit_packs.front()->api, market.date);
        static const std::vector<ApiRate> kNoRates;  // an lvalue: the offer's own rates are not copied
        for (const auto& rate : api ? api->rates : kNoRates) {
          if (rate.model != g.model->id || rate.mode != g.mode->id || !rate.provenance.effective.contains(market.date)) {
            continue;
          }
          auto units = rate.units.find(g.seconds);
          if (units == rate.units.end()) continue;
          c.units_per_clip = as_count(units->second * account.unit_scale);
          info.units_per_clip = units->second;
          info.unit_trust.add(rate.provenance, fmt::format("API units of {}", g.spec()));
          note_inferred(info.unit_inferred, rate.provenance, fmt::format("API units of {}", g.spec()));
        }
      }
      if (!c.credits_per_clip && !c.api_per_clip && !c.units_per_clip) continue;
      const std::string key =
          fmt::format("{}|{}|{}|{}", c.account, c.credits_per_clip.value_or(-1),
                      c.api_per_clip ? format_exact(*c.api_per_clip) : "-", c.units_per_clip.value_or(-1));
      if (!seen.insert(key).second) continue;
      line.candidates.push_back(std::move(c));
      infos.push_back(std::move(info));
    }
  }
  // A generation that costs at least as much as another of the same account through every
  // channel (credits, pay-as-you-go, units; none counting as dearest) never helps: drop it.
  auto no_more = [](const auto& a, const auto& b) { return a ? (b && *a <= *b) : !b; };
  auto dominates = [&](const opt::Candidate& x, const opt::Candidate& y) {
    return x.account == y.account && no_more(x.credits_per_clip, y.credits_per_clip) &&
           no_more(x.api_per_clip, y.api_per_clip) && no_more(x.units_per_clip, y.units_per_clip);
  };
  std::vector<bool> dropped(line.candidates.size(), false);
  for (std::size_t i = 0; i < line.candidates.size(); ++i) {
    for (std::size_t j = 0; j < line.candidates.size() && !dropped[i]; ++j) {
      // The earlier of two equal candidates stays.
      if (i != j && !dropped[j] && dominates(line.candidates[j], line.candidates[i]) &&
          (j < i || !dominates(line.candidates[i], line.candidates[j]))) {
        dropped[i] = true;
      }
    }
  }
  for (std::size_t i = line.candidates.size(); i-- > 0;) {
    if (!dropped[i]) continue;
    line.candidates.erase(line.candidates.begin() + static_cast<std::ptrdiff_t>(i));
    infos.erase(infos.begin() + static_cast<std::ptrdiff_t>(i));
  }
  if (line.candidates.empty()) {
    const std::string what =
        need.spec ? need.spec->to_string()
                  : fmt::format("{}-second clips{}", need.seconds, need.resolution.empty() ? "" : " at " + need.resolution);
    throw Error::bad_input(fmt::format(
        "need '{}': {}", need.text,
        gens.empty() ? fmt::format("no generation in the catalog makes {}", what)
                     : fmt::format("no offer prices {}{} (credits or API price unknown, or left out)", what,
                                   filters_text(market, request))));
  }
  b.problem.lines.push_back(std::move(line));
  b.candidates.push_back(std::move(infos));
}

}  // namespace

std::optional<std::int64_t> as_count(const Rational& r, std::int64_t max) {
  if (denominator(r) != 1 || r < 0 || r > Rational(max)) return std::nullopt;
  return static_cast<std::int64_t>(numerator(r));
}

std::string filters_text(const Market& market, const NeedRequest& request) {
  std::vector<std::string> parts;
  if (!request.offers.everything()) parts.push_back("--offer " + request.offers.describe());
  if (market.region) parts.push_back(fmt::format("--region {}", region_name(*market.region)));
  if (!request.providers.empty()) parts.push_back(fmt::format("--provider {}", fmt::join(request.providers, ",")));
  return parts.empty() ? "" : fmt::format(" with {}", fmt::join(parts, ", "));
}

NeedProblem build_need_problem(const Market& market, const NeedRequest& request, Currency currency) {
  const Catalog& catalog = *market.catalog;
  NeedProblem b;
  b.problem.months = request.months;
  std::vector<const Provider*> providers;
  for (const auto& name : request.providers) {
    const Provider* p = &provider_named(catalog, name);
    if (std::find(providers.begin(), providers.end(), p) == providers.end()) providers.push_back(p);
  }
  const bool filtered = !providers.empty();
  // Only providers some need can use: the others would be accounts nothing draws on.
  std::vector<std::vector<Generation>> gens;
  std::set<const Provider*> useful;
  for (const Need& need : request.needs) {
    if (need.spec && need.spec->provider && filtered &&
        std::find(providers.begin(), providers.end(), &provider_named(catalog, *need.spec->provider)) ==
            providers.end()) {
      throw Error::bad_input(fmt::format("need '{}' names a provider that the provider filter leaves out", need.text));
    }
    gens.push_back(candidates_of(market, need));
    for (const auto& g : gens.back()) useful.insert(g.provider);
  }
  if (!filtered) {
    for (const auto& p : catalog.providers) providers.push_back(&p);
  }
  std::erase_if(providers, [&](const Provider* p) { return !useful.count(p); });
  std::map<std::pair<const Provider*, Region>, int> account_index;
  add_accounts(b, market, request, currency, providers, account_index);
  for (std::size_t i = 0; i < request.needs.size(); ++i) {
    add_candidates(b, market, request, currency, request.needs[i], gens[i], account_index);
  }
  return b;
}


OfferFilter OfferFilter::parse(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  OfferFilter f{false, false, false, false};
  for (const auto& raw : names) {
    const std::string name = ascii_lower(raw);
    if (name == "api") f.api = true;
    else if (name == "api-pack" || name == "api-packs") f.api_packs = true;
    else if (name == "app") f.plans = f.packs = true;
    else if (name == "plan" || name == "plans") f.plans = true;
    else if (name == "pack" || name == "packs") f.packs = true;
    else {
      throw Error::bad_input(fmt::format("--offer '{}' is not a kind of offer; use api, app, plan, pack or api-pack{}",
                                         raw, did_you_mean(name, {"api", "app", "plan", "pack", "api-pack"})));
    }
  }
  return f;
}

std::string OfferFilter::describe() const {
  if (everything()) return "";
  std::vector<std::string> parts;
  if (plans) parts.push_back("plan");
  if (packs) parts.push_back("pack");
  if (api) parts.push_back("api");
  if (api_packs) parts.push_back("api-pack");
  return fmt::format("{}", fmt::join(parts, ","));
}


}  // namespace vidcost
