// Checks that need more than one entry: unique ids, effective ranges, references, sources.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "catalog/loader.h"
#include "core/text.h"

namespace vidcost {
namespace {

void report(Diagnostics& problems, const Location& where, std::string message) {
  problems.emplace_back(where, std::move(message));
}

// Entries sharing an id must have disjoint effective ranges.
template <typename T>
void check_unique(const std::vector<T>& items, std::string_view kind, Diagnostics& problems) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (items[i].id != items[j].id) continue;
      const auto& a = items[i].provenance;
      const auto& b = items[j].provenance;
      const bool dated = a.effective.from || a.effective.to || b.effective.from || b.effective.to;
      if (!dated) {
        report(problems, a.where,
               fmt::format("duplicate id '{}' in {} (first defined at line {})", items[i].id, kind, b.where.line));
      } else if (a.effective.overlaps(b.effective)) {
        report(problems, a.where,
               fmt::format("{} '{}' has an effective range that overlaps the entry at line {}", kind, items[i].id,
                           b.where.line));
      }
      break;
    }
  }
}

template <typename T>
const Location& where_of(const T& item) {
  if constexpr (requires(const T& t) { t.provenance; }) {
    return item.provenance.where;
  } else {
    return item.where;
  }
}

bool is_reference(const std::string& source) {
  return source.find("://") != std::string::npos || source.find('/') != std::string::npos;
}

// An entry's window must be plausible for its source: not before 2020 (no product of this kind
// was sold earlier), not more than a year after the source that announces it.
void check_window(const Provenance& prov, Diagnostics& problems) {
  const auto& from = prov.effective.from;
  if (!from) return;
  if (*from < Date{2020, 1, 1}) {
    report(problems, prov.from_where, fmt::format("field 'effective_from' {} is before 2020: no source shows the entry then",
                                             from->to_string()));
  } else if (prov.as_of.days_since_epoch() + 366 < from->days_since_epoch()) {
    report(problems, prov.from_where,
           fmt::format("field 'effective_from' {} is more than a year after its source ({}): a source cannot show it",
                       from->to_string(), prov.as_of.to_string()));
  }
}

void check_source(const Provider& p, const Provenance& prov, Diagnostics& problems) {
  check_window(prov, problems);
  if (auto s = p.sources.find(prov.source); s != p.sources.end() && s->second.max_confidence &&
                                           prov.confidence < *s->second.max_confidence) {
    report(problems, prov.confidence_where,
           fmt::format("field 'confidence' '{}' is above what source {} allows ('{}')", confidence_name(prov.confidence),
                       prov.source, confidence_name(*s->second.max_confidence)));
  }
  if (prov.source.empty() || is_reference(prov.source) || p.sources.count(prov.source)) return;
  std::vector<std::string> keys;
  for (const auto& [k, v] : p.sources) keys.push_back(k);
  report(problems, prov.source_where,
         fmt::format("field 'source' names '{}', which is neither a URL, a path, nor a key of [sources]{}",
                     prov.source, did_you_mean(prov.source, keys)));
}

std::vector<std::string> model_ids(const Provider& p) {
  std::vector<std::string> ids;
  for (const auto& m : p.models) ids.push_back(m.id);
  return ids;
}

void check_rate(const Provider& p, const ApiOffer& offer, const ApiRate& rate, Diagnostics& problems) {
  const Model* model = find_model(p, rate.model);
  if (!model) {
    report(problems, rate.model_where,
           fmt::format("[[api.rate]] of '{}': field 'model' names unknown model '{}' of {}{}", offer.id, rate.model,
                       p.id, did_you_mean(rate.model, model_ids(p))));
    return;
  }
  std::vector<const Mode*> modes;
  std::vector<std::string> mode_ids;
  for (const auto& m : model->modes) {
    mode_ids.push_back(m.id);
    if (m.id == rate.mode) modes.push_back(&m);
  }
  if (modes.empty()) {
    report(problems, rate.mode_where,
           fmt::format("[[api.rate]] of '{}': field 'mode' names unknown mode '{}' of {}/{}{}", offer.id, rate.mode,
                       p.id, model->id, did_you_mean(rate.mode, mode_ids)));
    return;
  }
  auto offered = [&](int seconds) {
    return std::any_of(modes.begin(), modes.end(), [&](const Mode* m) {
      return std::find(m->durations.begin(), m->durations.end(), seconds) != m->durations.end();
    });
  };
  auto check_durations = [&](std::string_view field, const auto& map, const Location& at) {
    for (const auto& [seconds, value] : map) {
      if (!offered(seconds)) {
        report(problems, at,
               fmt::format("[[api.rate]] of '{}': field '{}' prices {} s, a duration {}/{}/{} does not offer",
                           offer.id, field, seconds, p.id, model->id, rate.mode));
      }
    }
  };
  if (rate.per_million_tokens) {
    for (const Mode* m : modes) {
      if (!m->width || !m->height || !m->fps) {
        report(problems, rate.mode_where,
               fmt::format("[[api.rate]] of '{}': field 'per_million_tokens' needs the mode {}/{}/{} to give "
                           "'width', 'height' and 'fps' (tokens = width x height x (fps x seconds + 1) / 1024)",
                           offer.id, p.id, model->id, rate.mode));
        break;
      }
    }
  }
  check_durations("per_clip", rate.per_clip, rate.per_clip_where);
  check_durations("units", rate.units, rate.units_where);
  // A price cannot be in force before the mode it prices is released, nor start after it is
  // withdrawn: the mode's entries (one per period) must cover the rate's window without a gap.
  std::vector<Effective> lives;
  for (const Mode* m : modes) lives.push_back(m->provenance.effective);
  // By start, the open start first.
  std::sort(lives.begin(), lives.end(), [](const Effective& a, const Effective& b) {
    if (!a.from || !b.from) return !a.from && b.from;
    return *a.from < *b.from;
  });
  const Effective& r = rate.provenance.effective;
  std::optional<Date> cursor = r.from;  // covered up to here; none: nothing yet, since ever
  bool covered = false, gap = false, reached = false;
  for (const Effective& life : lives) {
    const bool no_gap = !life.from || (cursor && *life.from <= *cursor);
    if (!no_gap) {
      gap = true;
      break;
    }
    if (!life.to) {
      covered = true;
      break;
    }
    if (cursor && *life.to <= *cursor) continue;
    cursor = life.to;
    reached = true;
    if (r.to && *r.to <= *cursor) {
      covered = true;
      break;
    }
  }
  // The mode's withdrawal ends its rates: a rate that runs on past the mode's last day prices
  // nothing after it (as a retired mode's rates do), so only a start outside the life is wrong.
  if (!covered && !gap && reached) covered = true;
  if (!covered) {
    const Effective& first = lives.front();
    const Effective& last = lives.back();
    report(problems, rate.provenance.where,
           fmt::format("[[api.rate]] {}/{} of '{}' is in force {}, outside its mode's life ({} to {}); the rate "
                       "(or its price list) needs an effective_from within it",
                       rate.model, rate.mode, offer.id,
                       r.from ? "from " + r.from->to_string() : std::string("with no effective_from (since ever)"),
                       first.from ? first.from->to_string() : "ever", last.to ? last.to->to_string() : "now"));
  }
}

// Rates of one price list for the same model and mode must not be in force on the same day.
void check_rate_ranges(const ApiOffer& offer, Diagnostics& problems) {
  for (std::size_t i = 0; i < offer.rates.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const ApiRate& a = offer.rates[i];
      const ApiRate& b = offer.rates[j];
      if (a.model == b.model && a.mode == b.mode && a.provenance.effective.overlaps(b.provenance.effective)) {
        report(problems, a.provenance.where,
               fmt::format("[[api.rate]] {}/{} of '{}' is in force on the same days as the rate at {}:{}", a.model,
                           a.mode, offer.id, b.provenance.where.file, b.provenance.where.line));
        break;
      }
    }
  }
}

void check_succeeds(const Provider& p, const Model& model, const Mode& mode, Diagnostics& problems) {
  if (mode.succeeds.empty()) return;
  const auto slash = mode.succeeds.find('/');
  const Model* before = slash == std::string::npos ? nullptr : find_model(p, mode.succeeds.substr(0, slash));
  const bool found = before && std::any_of(before->modes.begin(), before->modes.end(), [&](const Mode& m) {
                       return m.id == mode.succeeds.substr(slash + 1);
                     });
  if (!found) {
    report(problems, mode.succeeds_where,
           fmt::format("mode {}/{}: field 'succeeds' names '{}', which is not a MODEL/MODE of {}", model.id, mode.id,
                       mode.succeeds, p.id));
    return;
  }
  // What a mode succeeds came out before it.
  std::optional<Date> first;
  bool since_ever = false;
  for (const auto& m : before->modes) {
    if (m.id != mode.succeeds.substr(slash + 1)) continue;
    if (!m.provenance.effective.from) since_ever = true;
    else if (!first || *m.provenance.effective.from < *first) first = m.provenance.effective.from;
  }
  const auto& from = mode.provenance.effective.from;
  if (!since_ever && first && (!from || !(*first < *from))) {
    report(problems, mode.succeeds_where,
           fmt::format("mode {}/{}: field 'succeeds' names '{}', which came out on {}, not before this mode ({})",
                       model.id, mode.id, mode.succeeds, first->to_string(),
                       from ? from->to_string() : std::string("no effective_from")));
  }
}

// An alias is another name for one entry: it may not be the id or an alias of another entry of
// the same kind, or a lookup by it would silently pick one of them.
template <typename T>
void check_aliases(const std::vector<T>& items, std::string_view kind, Diagnostics& problems) {
  if constexpr (requires(const T& t) { t.aliases; }) {
    for (const auto& item : items) {
      for (const auto& alias : item.aliases) {
        for (const auto& other : items) {
          if (other.id == item.id) continue;
          const bool clash = other.id == alias ||
                             std::find(other.aliases.begin(), other.aliases.end(), alias) != other.aliases.end();
          if (clash) {
            report(problems, where_of(item),
                   fmt::format("{} '{}': alias '{}' also names {} '{}' (line {}); an alias must name one entry", kind,
                               item.id, alias, kind, other.id, where_of(other).line));
            break;
          }
        }
      }
    }
  }
}

void check_provider(const Provider& p, Diagnostics& problems) {
  check_aliases(p.plans, "[[plan]]", problems);
  check_aliases(p.packs, "[[pack]]", problems);
  check_aliases(p.models, "[[model]]", problems);
  for (const auto& model : p.models) check_aliases(model.modes, "mode", problems);
  check_unique(p.plans, "[[plan]]", problems);
  check_unique(p.packs, "[[pack]]", problems);
  check_unique(p.apis, "[[api]]", problems);
  check_unique(p.api_packs, "[[api_pack]]", problems);
  for (std::size_t i = 0; i < p.models.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (p.models[i].id == p.models[j].id) {
        report(problems, p.models[i].where,
               fmt::format("duplicate id '{}' in [[model]] (first defined at line {})", p.models[i].id,
                           p.models[j].where.line));
      }
    }
    check_unique(p.models[i].modes, fmt::format("mode of model '{}'", p.models[i].id), problems);
  }
  for (const auto& plan : p.plans) check_source(p, plan.provenance, problems);
  for (const auto& pack : p.packs) check_source(p, pack.provenance, problems);
  for (const auto& model : p.models) {
    for (const auto& mode : model.modes) {
      check_source(p, mode.provenance, problems);
      check_succeeds(p, model, mode, problems);
    }
  }
  for (const auto& offer : p.apis) {
    check_source(p, offer.provenance, problems);
    check_rate_ranges(offer, problems);
    for (const auto& rate : offer.rates) {
      if (rate.provenance.source != offer.provenance.source) check_source(p, rate.provenance, problems);
      check_rate(p, offer, rate, problems);
    }
  }
  for (const auto& pack : p.api_packs) {
    check_source(p, pack.provenance, problems);
    if (std::none_of(p.apis.begin(), p.apis.end(), [&](const ApiOffer& o) { return o.id == pack.api; })) {
      std::vector<std::string> ids;
      for (const auto& o : p.apis) ids.push_back(o.id);
      report(problems, pack.api_where,
             fmt::format("[[api_pack]] '{}': field 'api' names unknown API offer '{}'{}", pack.id, pack.api,
                         did_you_mean(pack.api, ids)));
    }
  }
  for (const auto& f : p.free) check_source(p, f.provenance, problems);
  for (std::size_t i = 0; i < p.free.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (p.free[i].provenance.effective.overlaps(p.free[j].provenance.effective)) {
        report(problems, p.free[i].provenance.where,
               fmt::format("[free] is in force on the same days as the entry at line {}", p.free[j].provenance.where.line));
      }
    }
  }
}

}  // namespace

void check_catalog(const Catalog& catalog, Diagnostics& problems) {
  for (std::size_t i = 0; i < catalog.providers.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (catalog.providers[i].id == catalog.providers[j].id) {
        report(problems, Location{catalog.providers[i].file, 1, 1},
               fmt::format("duplicate provider id '{}' (also in {})", catalog.providers[i].id,
                           catalog.providers[j].file));
      }
    }
    check_provider(catalog.providers[i], problems);
  }
  // A catalog that prices in both currencies converts between them: it needs a rate.
  bool cny = false, usd = false;
  Location first_cny, first_usd;
  auto seen = [&](Currency c, const Location& where) {
    if (c == Currency::CNY && !cny) {
      cny = true;
      first_cny = where;
    } else if (c == Currency::USD && !usd) {
      usd = true;
      first_usd = where;
    }
  };
  for (const auto& p : catalog.providers) {
    for (const auto& x : p.plans) seen(x.currency, x.provenance.where);
    for (const auto& x : p.packs) seen(x.price.currency, x.provenance.where);
    for (const auto& x : p.apis) seen(x.currency, x.provenance.where);
  }
  if (cny && usd && catalog.fx.rates().empty()) {
    report(problems, first_cny,
           fmt::format("the catalog prices in CNY (here) and USD ({}:{}) but has no exchange rate between them; "
                       "add [[rate]] tables (fx.toml)",
                       std::filesystem::path(first_usd.file).filename().string(), first_usd.line));
  }
}

}  // namespace vidcost
