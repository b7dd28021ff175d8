#include "pricing/history.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {
namespace {

void add_range(std::set<Date>& dates, const Provenance& p) {
  if (p.effective.from) dates.insert(*p.effective.from);
  if (p.effective.to) dates.insert(*p.effective.to);
}

// Quotes in the order quote_all gives them (plans, packs, API, API packs), keyed by "kind:id".
struct OfferQuotes {
  std::vector<std::pair<std::string, Quote>> items;
  const Quote* find(const std::string& key) const {
    for (const auto& [k, q] : items) {
      if (k == key) return &q;
    }
    return nullptr;
  }
};

OfferQuotes quotes_at(const Provider& p, const Model& model, const std::string& mode_id, int seconds,
                      QuoteOptions options, const Date& d) {
  OfferQuotes out;
  const Mode* mode = find_mode(model, mode_id, d);
  if (!mode || std::find(mode->durations.begin(), mode->durations.end(), seconds) == mode->durations.end()) {
    return out;
  }
  options.as_of = d;
  for (auto& q : quote_all(Generation{&p, &model, mode, seconds}, options)) {
    out.items.emplace_back(fmt::format("{}:{}", offer_kind_name(q.kind), q.offer_id), std::move(q));
  }
  return out;
}

bool same_price(const Quote& a, const Quote& b) {
  if (a.priced() != b.priced()) return false;
  return !a.priced() || a.price->per_second == b.price->per_second;
}

}  // namespace

std::string_view history_event_name(HistoryEvent e) {
  switch (e) {
    case HistoryEvent::InForce: return "in force";
    case HistoryEvent::Introduced: return "introduced";
    case HistoryEvent::Replaces: return "replaces";
    case HistoryEvent::Changed: return "changed";
    case HistoryEvent::Withdrawn: return "withdrawn";
  }
  return "";
}

std::vector<Date> change_dates(const Provider& p) {
  std::set<Date> dates;
  for (const auto& x : p.plans) add_range(dates, x.provenance);
  for (const auto& x : p.packs) add_range(dates, x.provenance);
  for (const auto& x : p.api_packs) add_range(dates, x.provenance);
  for (const auto& m : p.models) {
    for (const auto& x : m.modes) add_range(dates, x.provenance);
  }
  for (const auto& a : p.apis) {
    add_range(dates, a.provenance);
    for (const auto& r : a.rates) add_range(dates, r.provenance);
  }
  for (const auto& f : p.free) add_range(dates, f.provenance);
  return {dates.begin(), dates.end()};
}

std::vector<HistoryTarget> history_targets(const Catalog& catalog, const SpecPattern& pattern) {
  std::vector<const Provider*> providers;
  if (pattern.provider) {
    providers.push_back(&provider_named(catalog, *pattern.provider));
  } else {
    for (const auto& p : catalog.providers) providers.push_back(&p);
  }
  std::vector<HistoryTarget> out;
  for (const Provider* p : providers) {
    std::vector<const Model*> models;
    if (pattern.model) {
      if (const Model* m = find_model(*p, *pattern.model)) {
        models.push_back(m);
      } else if (pattern.provider) {
        std::vector<std::string> ids;
        for (const auto& x : p->models) ids.push_back(x.id);
        throw Error::unknown("model", *pattern.model, std::move(ids), "of " + p->id);
      }
    } else {
      for (const auto& m : p->models) models.push_back(&m);
    }
    for (const Model* model : models) {
      // A mode id may have several dated entries: the durations of all of them, in order.
      std::vector<std::string> mode_ids;
      std::map<std::string, std::set<int>> durations;
      for (const auto& m : model->modes) {
        if (pattern.mode && !names(m.id, m.aliases, *pattern.mode)) continue;
        if (!durations.count(m.id)) mode_ids.push_back(m.id);
        durations[m.id].insert(m.durations.begin(), m.durations.end());
      }
      if (pattern.mode && mode_ids.empty() && pattern.provider && pattern.model) {
        std::vector<std::string> ids;
        for (const auto& x : model->modes) ids.push_back(x.id);
        throw Error::unknown("mode", *pattern.mode, std::move(ids), fmt::format("of {}/{}", p->id, model->id));
      }
      for (const auto& id : mode_ids) {
        for (int s : durations[id]) {
          if (!pattern.seconds || *pattern.seconds == s) out.push_back({p, model, id, s});
        }
      }
    }
  }
  if (out.empty()) {
    throw Error::bad_input(fmt::format("no generation in the catalog, at any date, matches {}", pattern.to_string()));
  }
  return out;
}

std::vector<HistoryRow> price_history(const Provider& p, const Model& model, const std::string& mode_id,
                                      int seconds, QuoteOptions options, const Date& until) {
  std::vector<HistoryRow> rows;
  const std::string spec = fmt::format("{}/{}/{}@{}s", p.id, model.id, mode_id, seconds);
  // Before the first recorded change: a day that precedes every date in the catalog.
  const Date dawn{1900, 1, 1};
  OfferQuotes previous = quotes_at(p, model, mode_id, seconds, options, dawn);
  const Mode* previous_mode = find_mode(model, mode_id, dawn);
  for (auto& [key, q] : previous.items) rows.push_back({spec, std::nullopt, HistoryEvent::InForce, "", std::nullopt, q});

  for (const Date& d : change_dates(p)) {
    if (until < d) break;
    OfferQuotes current = quotes_at(p, model, mode_id, seconds, options, d);
    const Mode* mode = find_mode(model, mode_id, d);
    // A generation that appears as the successor of another is compared with that one.
    OfferQuotes predecessor;
    std::string replaces;
    if (mode && !previous_mode && !mode->succeeds.empty()) {
      const auto slash = mode->succeeds.find('/');
      if (const Model* before = find_model(p, mode->succeeds.substr(0, slash))) {
        predecessor = quotes_at(p, *before, mode->succeeds.substr(slash + 1), seconds, options, d.plus_days(-1));
        replaces = fmt::format("{}/{}@{}s", p.id, mode->succeeds, seconds);
      }
    }
    // An offer that starts selling a successor after its launch (the offer's window opens later
    // than the model's) is compared with the predecessor on the same offer that day.
    OfferQuotes same_day;
    std::string same_day_replaces;
    if (mode && previous_mode && !mode->succeeds.empty()) {
      const auto slash = mode->succeeds.find('/');
      if (const Model* before = find_model(p, mode->succeeds.substr(0, slash))) {
        same_day = quotes_at(p, *before, mode->succeeds.substr(slash + 1), seconds, options, d);
        same_day_replaces = fmt::format("{}/{}@{}s", p.id, mode->succeeds, seconds);
      }
    }
    for (auto& [key, q] : current.items) {
      if (const Quote* old = predecessor.find(key)) {
        rows.push_back({spec, d, HistoryEvent::Replaces, replaces, *old, q});
      } else if (const Quote* prev = previous.find(key); !prev) {
        if (const Quote* sibling = same_day.find(key)) {
          rows.push_back({spec, d, HistoryEvent::Replaces, same_day_replaces, *sibling, q});
        } else {
          rows.push_back({spec, d, HistoryEvent::Introduced, "", std::nullopt, q});
        }
      } else if (!same_price(*prev, q)) {
        rows.push_back({spec, d, HistoryEvent::Changed, "", *prev, q});
      }
    }
    for (auto& [key, q] : previous.items) {
      if (!current.find(key)) rows.push_back({spec, d, HistoryEvent::Withdrawn, "", q, std::nullopt});
    }
    previous = std::move(current);
    previous_mode = mode;
  }
  return rows;
}

bool known_ahead(const HistoryRow& row, const Date& on) {
  return row.after && !(on < row.after->trust.newest);
}

std::vector<HistoryRow> scheduled_changes(const Provider& provider, const Model& model, const std::string& mode_id,
                                          int seconds, QuoteOptions options, const Date& after) {
  std::vector<HistoryRow> out;
  // Most of the time nothing is dated after the market day: no history to walk.
  const std::vector<Date> dates = change_dates(provider);
  if (dates.empty() || !(after < dates.back())) return out;
  for (auto& row : price_history(provider, model, mode_id, seconds, options, after.plus_days(3650))) {
    if (row.date && after < *row.date && known_ahead(row, after)) out.push_back(std::move(row));
  }
  return out;
}

}  // namespace vidcost
