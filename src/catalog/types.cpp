#include "catalog/types.h"

#include <algorithm>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {

std::string_view confidence_name(Confidence c) {
  switch (c) {
    case Confidence::High: return "high";
    case Confidence::Medium: return "medium";
    case Confidence::Low: return "low";
  }
  return "";
}

std::string_view region_name(Region r) { return r == Region::CN ? "cn" : "intl"; }

std::optional<Region> parse_region(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (lower == "cn" || lower == "china") return Region::CN;
  if (lower == "intl" || lower == "international" || lower == "global") return Region::Intl;
  return std::nullopt;
}

std::string_view billing_name(Billing b) {
  switch (b) {
    case Billing::Month: return "month";
    case Billing::Quarter: return "quarter";
    case Billing::Year: return "year";
  }
  return "";
}

std::string_view price_basis_name(PriceBasis b) {
  switch (b) {
    case PriceBasis::List: return "list";
    case PriceBasis::AutoRenew: return "auto-renew";
    case PriceBasis::FirstPeriod: return "first-period";
    case PriceBasis::FirstYear: return "first-year";
  }
  return "";
}

const FreeCredits* free_credits_on(const Provider& p, const Date& date) {
  for (const auto& f : p.free) {
    if (f.provenance.effective.contains(date)) return &f;
  }
  return nullptr;
}

bool Effective::overlaps(const Effective& other) const {
  // [a, b) and [c, d) overlap when a < d and c < b, with open ends unbounded.
  const bool starts_before_other_ends = !from || !other.to || *from < *other.to;
  const bool other_starts_before_end = !other.from || !to || *other.from < *to;
  return starts_before_other_ends && other_starts_before_end;
}

bool names(const std::string& id, const std::vector<std::string>& aliases, std::string_view key) {
  return id == key || std::find(aliases.begin(), aliases.end(), key) != aliases.end();
}

namespace {

template <typename T>
const T* find_effective(const std::vector<T>& items, std::string_view id, const Date& as_of) {
  for (const auto& item : items) {
    if (item.id == id && item.provenance.effective.contains(as_of)) return &item;
  }
  return nullptr;
}

}  // namespace

const Provider* Catalog::find_provider(std::string_view key) const {
  const std::string lower = ascii_lower(key);
  for (const auto& p : providers) {
    if (names(p.id, p.aliases, lower) || names(p.id, p.aliases, key)) return &p;
  }
  return nullptr;
}

const Provider& provider_named(const Catalog& catalog, std::string_view key) {
  if (const Provider* p = catalog.find_provider(key)) return *p;
  throw Error::unknown("provider", std::string(key), catalog.provider_ids());
}

std::vector<std::string> Catalog::provider_ids() const {
  std::vector<std::string> ids;
  for (const auto& p : providers) ids.push_back(p.id);
  return ids;
}

const Model* find_model(const Provider& p, std::string_view key) {
  for (const auto& m : p.models) {
    if (names(m.id, m.aliases, key)) return &m;
  }
  return nullptr;
}

const Mode* find_mode(const Model& m, std::string_view key, const Date& as_of) {
  for (const auto& mode : m.modes) {
    if (names(mode.id, mode.aliases, key) && mode.provenance.effective.contains(as_of)) return &mode;
  }
  return nullptr;
}

const Plan* find_plan(const Provider& p, std::string_view key, const Date& as_of) {
  for (const auto& plan : p.plans) {
    if (names(plan.id, plan.aliases, key) && plan.provenance.effective.contains(as_of)) return &plan;
  }
  return nullptr;
}

const Pack* find_pack(const Provider& p, std::string_view id, const Date& as_of) {
  return find_effective(p.packs, id, as_of);
}

const ApiPack* find_api_pack(const Provider& p, std::string_view id, const Date& as_of) {
  return find_effective(p.api_packs, id, as_of);
}

const ApiOffer* find_api(const Provider& p, std::string_view id, const Date& as_of) {
  return find_effective(p.apis, id, as_of);
}

std::optional<Rational> clip_tokens(const Mode& mode, int seconds) {
  if (!mode.width || !mode.height || !mode.fps) return std::nullopt;
  const Rational frames = Rational(*mode.fps) * seconds + 1;
  return Rational(*mode.width) * *mode.height * frames / 1024;
}

}  // namespace vidcost
