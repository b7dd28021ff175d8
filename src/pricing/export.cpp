#include "pricing/export.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace vidcost {
namespace {

bool is_url(std::string_view s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

std::string url_of(const Provider& p, const Trust& trust) {
  for (const auto& s : trust.sources) {
    if (is_url(s)) return std::string(s);
    if (auto found = p.sources.find(std::string(s)); found != p.sources.end() && is_url(found->second.url)) return found->second.url;
  }
  return "";
}

}  // namespace

bool LitellmEntry::uniform() const {
  return std::all_of(usd_per_second.begin(), usd_per_second.end(),
                     [&](const auto& kv) { return kv.second == headline(); });
}

std::vector<LitellmEntry> litellm_entries(const Market& market, const std::vector<SpecPattern>& patterns) {
  Market native = market;
  native.display.reset();
  CompareRequest request;
  request.kind = OfferKind::Api;
  request.patterns = patterns;
  const CompareResult result = compare(native, request);
  std::vector<LitellmEntry> entries;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::size_t> index;
  for (const Quote* quote : result.priced) {
    const Quote& q = *quote;
    const Generation& g = q.generation;
    const auto key = std::make_tuple(g.provider->id, q.offer_id, g.model->id, g.mode->id);
    auto [it, added] = index.emplace(key, entries.size());
    if (added) {
      LitellmEntry e;
      e.provider = g.provider->id;
      e.model = g.model->id;
      e.mode = g.mode->id;
      e.api_id = q.offer_id;
      e.resolution = g.mode->resolution;
      if (g.mode->width && g.mode->height) e.size = fmt::format("{}x{}", *g.mode->width, *g.mode->height);
      e.audio = g.mode->audio;
      const auto apis = offers_of(*g.provider, market.date, OfferKind::Api);
      e.key = fmt::format("{}/{}-{}{}", e.provider, e.model, e.mode, apis.size() > 1 ? "-" + std::string(q.offer_id) : "");
      entries.push_back(std::move(e));
    }
    LitellmEntry& e = entries[it->second];
    const Conversion usd = market.convert(q.price->per_second, Currency::USD);
    e.usd_per_second[g.seconds] = usd.amount.value;
    e.native_per_second[g.seconds] = q.price->per_second;
    if (usd.rate) e.fx = usd.rate;
    e.durations.push_back(g.seconds);
    e.trust.merge(q.trust);
    if (e.source_url.empty()) e.source_url = url_of(*g.provider, q.trust);
  }
  for (auto& e : entries) {
    std::sort(e.durations.begin(), e.durations.end());
    e.durations.erase(std::unique(e.durations.begin(), e.durations.end()), e.durations.end());
  }
  std::stable_sort(entries.begin(), entries.end(), [](const LitellmEntry& a, const LitellmEntry& b) {
    return std::tie(a.provider, a.api_id, a.model, a.mode) < std::tie(b.provider, b.api_id, b.model, b.mode);
  });
  return entries;
}

}  // namespace vidcost
