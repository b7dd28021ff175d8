#include "catalog/patch.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "catalog/toml_reader.h"

namespace vidcost {
namespace {

// The provenance of a figure belongs to the entry that states it: never carried over.
constexpr std::array<std::string_view, 9> kOwnKeys = {"source", "as_of", "confidence", "inferred", "note",
                                                      "effective_from", "effective_to", "effective_from_basis",
                                                      "checked_on"};
constexpr std::array<std::string_view, 4> kSections = {"plan", "pack", "api_pack", "api"};

std::string key_of(std::string_view provider, std::string_view section, std::string_view id) {
  return fmt::format("{}\x1f{}\x1f{}", provider, section, id);
}

std::string text_at(const toml::table& t, std::string_view key) {
  const auto* v = t.get_as<std::string>(key);
  return v ? v->get() : std::string();
}

std::string rate_key(const toml::table& rate) { return text_at(rate, "model") + "/" + text_at(rate, "mode"); }

// Floats become the decimal text they were written as, so that a patched entry read in another
// file keeps the exact figure (the readers take a decimal string wherever they take a float).
std::string float_text(const toml::node& v, const FileContext& file) {
  const std::string literal = file.literal(v.source());
  return literal.empty() ? fmt::format("{}", v.as_floating_point()->get()) : literal;
}

void floats_to_text(toml::node& node, const FileContext& file) {
  if (toml::table* t = node.as_table()) {
    for (auto&& [k, v] : *t) {
      if (v.is_floating_point()) {
        t->insert_or_assign(k, float_text(v, file));
      } else {
        floats_to_text(v, file);
      }
    }
  } else if (toml::array* a = node.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      toml::node& v = *a->get(i);
      if (v.is_floating_point()) {
        a->replace(a->cbegin() + static_cast<std::ptrdiff_t>(i), float_text(v, file));
      } else {
        floats_to_text(v, file);
      }
    }
  }
}

// The names listed in `key` (an array of strings); reports anything else.
std::vector<std::pair<std::string, toml::source_region>> name_list(const toml::table& t, std::string_view key,
                                                                   const FileContext& file, const std::string& label) {
  std::vector<std::pair<std::string, toml::source_region>> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  const toml::array* a = node->as_array();
  if (!a) {
    file.report(node->source(), fmt::format("{}: field '{}' must be an array of field names", label, key));
    return out;
  }
  for (const auto& v : *a) {
    if (const auto* s = v.as_string()) {
      out.emplace_back(s->get(), v.source());
    } else {
      file.report(v.source(), fmt::format("{}: field '{}' must hold strings", label, key));
    }
  }
  return out;
}

// `entry` changes `base`: keep what it names, carry over the rest, drop what it removes.
void patch_entry(toml::table& entry, const toml::table& base, const FileContext& file, const std::string& label,
                 bool carry_rates) {
  const auto removed = name_list(entry, "remove", file, label);
  const auto removed_rates = name_list(entry, "remove_rates", file, label);
  std::vector<std::string> given;
  for (const auto& [k, v] : entry) given.emplace_back(k.str());
  for (const auto& [k, v] : base) {
    const std::string_view key = k.str();
    if (std::find(kOwnKeys.begin(), kOwnKeys.end(), key) != kOwnKeys.end()) continue;
    if (key == "rate" || key == "mode" || entry.contains(key)) continue;
    entry.insert(k, v);
  }
  for (const auto& [name, where] : removed) {
    if (std::find(kOwnKeys.begin(), kOwnKeys.end(), name) != kOwnKeys.end()) {
      file.report(where, fmt::format("{}: '{}' is the entry's own provenance and is never carried over; there is "
                                     "nothing to remove",
                                     label, name));
    } else if (!base.contains(name)) {
      file.report(where, fmt::format("{}: remove names '{}', which the entry it changes does not have", label, name));
    } else if (std::find(given.begin(), given.end(), name) != given.end()) {
      file.report(where, fmt::format("{}: '{}' is both given and removed", label, name));
    } else {
      entry.erase(name);
    }
  }
  entry.erase("remove");
  if (!carry_rates) {
    for (const auto& [name, where] : removed_rates) {
      file.report(where, fmt::format("{}: remove_rates applies to a price list that changes from a date "
                                     "(with effective_from); to end one rate, use [[retire]] kind = \"rate\"",
                                     label));
    }
    entry.erase("remove_rates");
    return;
  }
  // A price list from a date: the rates it does not restate or remove carry over.
  std::vector<std::string> restated;
  toml::array* rates = entry.get_as<toml::array>("rate");
  if (rates) {
    for (const auto& r : *rates) {
      if (const auto* t = r.as_table()) restated.push_back(rate_key(*t));
    }
  }
  std::vector<std::string> dropped;
  for (const auto& [name, where] : removed_rates) {
    bool found = false;
    if (const auto* base_rates = base.get_as<toml::array>("rate")) {
      for (const auto& r : *base_rates) {
        if (const auto* t = r.as_table(); t && rate_key(*t) == name) found = true;
      }
    }
    if (!found) {
      file.report(where, fmt::format("{}: remove_rates names '{}', which the price list it changes does not have",
                                     label, name));
    }
    dropped.push_back(name);
  }
  entry.erase("remove_rates");
  if (const auto* base_rates = base.get_as<toml::array>("rate")) {
    if (!rates) {
      entry.insert("rate", toml::array{});
      rates = entry.get_as<toml::array>("rate");
    }
    for (const auto& r : *base_rates) {
      const auto* t = r.as_table();
      if (!t) continue;
      const std::string k = rate_key(*t);
      if (std::find(restated.begin(), restated.end(), k) != restated.end()) continue;
      if (std::find(dropped.begin(), dropped.end(), k) != dropped.end()) continue;
      toml::table copy = *t;
      for (std::string_view own : kOwnKeys) copy.erase(own);
      rates->push_back(std::move(copy));
    }
  }
}

void reject_remove_on_new(toml::table& entry, const FileContext& file, const std::string& label) {
  for (std::string_view key : {"remove", "remove_rates"}) {
    if (const toml::node* n = entry.get(key)) {
      file.report(n->source(), fmt::format("{}: '{}' applies to an entry that changes one already in the catalog, "
                                           "and this id is new",
                                           label, key));
      entry.erase(key);
    }
  }
}

std::string provider_id(const toml::table& root) {
  const toml::table* head = root.get_as<toml::table>("provider");
  return head ? text_at(*head, "id") : std::string();
}

template <typename F>
void each_table(toml::table& root, std::string_view section, F f) {
  if (toml::array* a = root.get_as<toml::array>(section)) {
    for (auto& node : *a) {
      if (toml::table* t = node.as_table()) f(*t);
    }
  }
}

}  // namespace

void PatchBases::patch(TomlFile& update, Diagnostics& problems) const {
  const std::string provider = provider_id(update.root);
  if (provider.empty()) return;
  const FileContext file(update, problems);
  for (std::string_view section : kSections) {
    each_table(update.root, section, [&](toml::table& entry) {
      const std::string id = text_at(entry, "id");
      const std::string label = fmt::format("[[{}]] '{}'", section, id);
      const auto base = entries_.find(key_of(provider, section, id));
      if (id.empty() || base == entries_.end()) {
        reject_remove_on_new(entry, file, label);
        return;
      }
      const bool new_list = section == "api" && entry.contains("effective_from");
      patch_entry(entry, base->second, file, label, new_list);
    });
  }
  each_table(update.root, "model", [&](toml::table& model) {
    const std::string id = text_at(model, "id");
    const auto base = entries_.find(key_of(provider, "model", id));
    if (id.empty() || base == entries_.end()) {
      reject_remove_on_new(model, file, fmt::format("[[model]] '{}'", id));
      each_table(model, "mode", [&](toml::table& mode) {
        reject_remove_on_new(mode, file, fmt::format("[[model.mode]] '{}'", text_at(mode, "id")));
      });
      return;
    }
    patch_entry(model, base->second, file, fmt::format("[[model]] '{}'", id), false);
    each_table(model, "mode", [&](toml::table& mode) {
      const std::string mode_id = text_at(mode, "id");
      const std::string label = fmt::format("[[model.mode]] '{}/{}'", id, mode_id);
      const auto base_mode = entries_.find(key_of(provider, "mode", id + "/" + mode_id));
      if (mode_id.empty() || base_mode == entries_.end()) {
        reject_remove_on_new(mode, file, label);
        return;
      }
      patch_entry(mode, base_mode->second, file, label, false);
    });
  });
}

void PatchBases::remember(const TomlFile& file) {
  const std::string provider = provider_id(file.root);
  if (provider.empty()) return;
  Diagnostics unused;
  const FileContext context(file, unused);
  auto keep = [&](const std::string& key, const toml::table& entry) {
    toml::table copy = entry;
    floats_to_text(copy, context);
    entries_[key] = std::move(copy);
  };
  for (std::string_view section : kSections) {
    const toml::array* a = file.root.get_as<toml::array>(section);
    if (!a) continue;
    for (const auto& node : *a) {
      const toml::table* t = node.as_table();
      if (!t || text_at(*t, "id").empty()) continue;
      const std::string key = key_of(provider, section, text_at(*t, "id"));
      const auto found = entries_.find(key);
      if (section == "api" && !t->contains("effective_from") && found != entries_.end()) {
        // Rates added to the list in force: the list as it now stands.
        toml::table merged = found->second;
        toml::table added = *t;
        floats_to_text(added, context);
        toml::array* rates = merged.get_as<toml::array>("rate");
        if (!rates) {
          merged.insert("rate", toml::array{});
          rates = merged.get_as<toml::array>("rate");
        }
        if (const auto* more = added.get_as<toml::array>("rate")) {
          for (const auto& r : *more) {
            const auto* rt = r.as_table();
            if (!rt) continue;
            const std::string k = rate_key(*rt);
            for (std::size_t i = rates->size(); i-- > 0;) {
              if (const auto* old = rates->get_as<toml::table>(i); old && rate_key(*old) == k) {
                rates->erase(rates->cbegin() + static_cast<std::ptrdiff_t>(i));
              }
            }
            rates->push_back(*rt);
          }
        }
        entries_[key] = std::move(merged);
      } else {
        keep(key, *t);
      }
    }
  }
  if (const toml::array* models = file.root.get_as<toml::array>("model")) {
    for (const auto& node : *models) {
      const toml::table* model = node.as_table();
      if (!model) continue;
      const std::string id = text_at(*model, "id");
      if (id.empty()) continue;
      toml::table head = *model;
      head.erase("mode");
      keep(key_of(provider, "model", id), head);
      if (const toml::array* modes = model->get_as<toml::array>("mode")) {
        for (const auto& m : *modes) {
          const toml::table* mode = m.as_table();
          if (mode && !text_at(*mode, "id").empty()) keep(key_of(provider, "mode", id + "/" + text_at(*mode, "id")), *mode);
        }
      }
    }
  }
}

}  // namespace vidcost
