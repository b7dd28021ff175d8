#include "catalog/update.h"

#include <algorithm>

#include <fmt/format.h>

namespace vidcost {
namespace {

std::string at(const Location& where) { return fmt::format("{}:{}", where.file, where.line); }

// Adds `incoming` beside the entries `same` matches. One of them still in force ends on the
// day `incoming` starts; an update that starts no later than it, or gives no start, conflicts.
template <typename T, typename Same>
void supersede(std::vector<T>& existing, const T& incoming, Same same, const std::string& what, Diagnostics& problems) {
  bool ok = true;
  const auto& from = incoming.provenance.effective.from;
  for (auto& old : existing) {
    if (!same(old) || old.provenance.effective.to) continue;
    const auto& old_from = old.provenance.effective.from;
    if (!from) {
      problems.emplace_back(incoming.provenance.where,
                            fmt::format("{} is already in the catalog ({}); an update that changes it needs "
                                        "'effective_from', the day the change takes effect",
                                        what, at(old.provenance.where)));
      ok = false;
    } else if (old_from && !(*old_from < *from)) {
      problems.emplace_back(incoming.provenance.where,
                            fmt::format("{}: effective_from {} is not after {}, the effective_from of the entry in "
                                        "force it would replace ({})",
                                        what, from->to_string(), old_from->to_string(), at(old.provenance.where)));
      ok = false;
    } else {
      old.provenance.effective.to = from;
    }
  }
  if (ok) existing.push_back(incoming);
}

template <typename T>
auto same_id(const T& entry) {
  return [id = entry.id](const T& other) { return other.id == id; };
}

void merge_sources(Provider& into, const Provider& update, Diagnostics& problems) {
  for (const auto& [key, source] : update.sources) {
    auto found = into.sources.find(key);
    if (found == into.sources.end()) {
      into.sources[key] = source;
    } else if (found->second.title != source.title || found->second.url != source.url) {
      problems.emplace_back(source.where, fmt::format("[sources.{}] differs from the source of that key in {}; "
                                                      "give the new source its own key",
                                                      key, at(found->second.where)));
    }
  }
}

void merge_apis(Provider& into, std::vector<ApiOffer> offers, Diagnostics& problems) {
  for (auto& offer : offers) {
    auto current = std::find_if(into.apis.begin(), into.apis.end(), [&](const ApiOffer& o) {
      return o.id == offer.id && !o.provenance.effective.to;
    });
    if (current == into.apis.end() || offer.provenance.effective.from) {
      supersede(into.apis, offer, same_id(offer), fmt::format("[[api]] '{}'", offer.id), problems);
      continue;
    }
    // Rates added to the price list in force: the list itself must be the same.
    if (offer.region != current->region || offer.currency != current->currency ||
        offer.unit_price.has_value() != current->unit_price.has_value() ||
        (offer.unit_price && !(offer.unit_price->value == current->unit_price->value))) {
      problems.emplace_back(offer.provenance.where,
                            fmt::format("[[api]] '{}' differs from the price list in force ({}) in region, currency "
                                        "or unit_price; to change the list from a date, give 'effective_from'",
                                        offer.id, at(current->provenance.where)));
      continue;
    }
    for (auto& rate : offer.rates) {
      const std::string what = fmt::format("[[api.rate]] {}/{} of '{}'", rate.model, rate.mode, offer.id);
      auto same = [model = rate.model, mode = rate.mode](const ApiRate& r) { return r.model == model && r.mode == mode; };
      supersede(current->rates, rate, same, what, problems);
    }
  }
}

template <typename T>
Provenance* open_entry(std::vector<T>& items, const std::string& id) {
  for (auto& item : items) {
    if (item.id == id && !item.provenance.effective.to) return &item.provenance;
  }
  return nullptr;
}

Provenance* find_retired(Provider& p, const Retirement& r) {
  if (r.kind == "plan") return open_entry(p.plans, r.id);
  if (r.kind == "pack") return open_entry(p.packs, r.id);
  if (r.kind == "api") return open_entry(p.apis, r.id);
  if (r.kind == "api_pack") return open_entry(p.api_packs, r.id);
  if (r.kind == "mode") {
    for (auto& model : p.models) {
      if (model.id == r.model) return open_entry(model.modes, r.id);
    }
    return nullptr;
  }
  if (r.kind == "rate") {
    for (auto& offer : p.apis) {
      if (offer.id != r.api || offer.provenance.effective.to) continue;
      for (auto& rate : offer.rates) {
        if (rate.model == r.model && rate.mode == r.id && !rate.provenance.effective.to) return &rate.provenance;
      }
    }
  }
  return nullptr;
}

void retire(Provider& p, const Retirement& r, Diagnostics& problems) {
  const std::string name = r.kind == "mode"   ? fmt::format("mode {}/{}", r.model, r.id)
                           : r.kind == "rate" ? fmt::format("rate {}/{} of API '{}'", r.model, r.id, r.api)
                                              : fmt::format("{} '{}'", r.kind, r.id);
  Provenance* entry = find_retired(p, r);
  if (!entry) {
    problems.emplace_back(r.provenance.where, fmt::format("[[retire]]: {} has no entry in force in {} to end", name, p.id));
    return;
  }
  if (entry->effective.from && !(*entry->effective.from < r.to)) {
    problems.emplace_back(r.provenance.where,
                          fmt::format("[[retire]]: effective_to {} is not after {}, the day {} took effect",
                                      r.to.to_string(), entry->effective.from->to_string(), name));
    return;
  }
  entry->effective.to = r.to;
}

}  // namespace

void merge_update(Catalog& catalog, Provider update, const std::vector<Retirement>& retirements,
                  Diagnostics& problems) {
  auto found = std::find_if(catalog.providers.begin(), catalog.providers.end(),
                            [&](const Provider& p) { return p.id == update.id; });
  if (found == catalog.providers.end()) {
    catalog.providers.push_back(std::move(update));
    found = catalog.providers.end() - 1;
  } else {
    Provider& into = *found;
    merge_sources(into, update, problems);
    for (auto& plan : update.plans) {
      supersede(into.plans, plan, same_id(plan), fmt::format("[[plan]] '{}'", plan.id), problems);
    }
    for (auto& pack : update.packs) {
      supersede(into.packs, pack, same_id(pack), fmt::format("[[pack]] '{}'", pack.id), problems);
    }
    for (auto& model : update.models) {
      auto existing = std::find_if(into.models.begin(), into.models.end(),
                                   [&](const Model& m) { return m.id == model.id; });
      if (existing == into.models.end()) {
        into.models.push_back(std::move(model));
        continue;
      }
      for (auto& mode : model.modes) {
        const std::string what = fmt::format("mode {}/{}", model.id, mode.id);
        supersede(existing->modes, mode, same_id(mode), what, problems);
      }
    }
    merge_apis(into, std::move(update.apis), problems);
    for (auto& pack : update.api_packs) {
      supersede(into.api_packs, pack, same_id(pack), fmt::format("[[api_pack]] '{}'", pack.id), problems);
    }
    for (const auto& f : update.free) {
      // A new allowance from a date ends the one in force.
      for (auto& old : into.free) {
        if (!old.provenance.effective.to && f.provenance.effective.from) old.provenance.effective.to = f.provenance.effective.from;
      }
      into.free.push_back(f);
    }
  }
  for (const auto& r : retirements) retire(*found, r, problems);
}

}  // namespace vidcost
