#include "pricing/trend.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"

namespace vidcost {
namespace {

void add_window(std::set<Date>& dates, const Provenance& p) {
  if (p.effective.from) dates.insert(*p.effective.from);
  if (p.effective.to) dates.insert(*p.effective.to);
}

// Every day an entry of the provider starts or ends.
void change_dates(const Provider& p, std::set<Date>& dates) {
  for (const auto& e : p.plans) add_window(dates, e.provenance);
  for (const auto& e : p.packs) add_window(dates, e.provenance);
  for (const auto& e : p.api_packs) add_window(dates, e.provenance);
  for (const auto& api : p.apis) {
    add_window(dates, api.provenance);
    for (const auto& r : api.rates) add_window(dates, r.provenance);
  }
  for (const auto& m : p.models) {
    for (const auto& mode : m.modes) add_window(dates, mode.provenance);
  }
}

}  // namespace

Trends cheapest_over_time(const Market& market, const CompareRequest& request, Currency currency) {
  Trends out;
  out.currency = currency;
  std::set<Date> dates;
  std::vector<const Provider*> providers;
  for (const auto& p : market.catalog->providers) {
    if (!request.providers.empty() &&
        std::none_of(request.providers.begin(), request.providers.end(),
                     [&](const std::string& name) { return &provider_named(*market.catalog, name) == &p; })) {
      continue;
    }
    providers.push_back(&p);
    change_dates(p, dates);
  }
  std::map<std::string, std::size_t> index;
  for (const Provider* p : providers) {
    index[p->id] = out.providers.size();
    out.providers.push_back({p->id, {}});
  }
  for (const Date& date : dates) {
    if (market.date < date) break;
    Market on = market;
    on.date = date;
    std::map<std::string, Rational> cheapest;
    try {
      const CompareResult r = compare(on, request);
      for (const Quote* q : r.priced) {
        const Rational v = on.value_in(q->price->per_second, currency);
        auto [it, added] = cheapest.emplace(q->generation.provider->id, v);
        if (!added && v < it->second) it->second = v;
      }
    } catch (const Error&) {
      // Nothing matches on that day (a model not launched yet): no price then.
    }
    if (cheapest.empty() && out.dates.empty()) continue;  // before anything matching was priced
    out.dates.push_back(date);
    for (auto& trend : out.providers) {
      const auto found = cheapest.find(trend.provider);
      const std::optional<Rational> v = found == cheapest.end() ? std::nullopt : std::optional<Rational>(found->second);
      if (trend.steps.empty() ? v.has_value() : trend.steps.back().second != v) trend.steps.emplace_back(date, v);
    }
  }
  std::erase_if(out.providers, [](const ProviderTrend& t) { return t.steps.empty(); });
  return out;
}

}  // namespace vidcost
