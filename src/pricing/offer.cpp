#include "pricing/offer.h"

#include <fmt/format.h>

#include "core/error.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

template <typename T>
void collect_in_force(const std::vector<T>& items, OfferKind kind, const Date& date, std::vector<OfferRef>& out) {
  for (const auto& item : items) {
    if (item.provenance.effective.contains(date)) out.push_back(OfferRef{kind, &item});
  }
}

const std::vector<std::string> kNoAliases;

template <typename T>
const std::vector<std::string>& aliases_of(const T& entry) {
  if constexpr (requires { entry.aliases; }) {
    return entry.aliases;
  } else {
    return kNoAliases;
  }
}

template <typename T>
const std::string& shown_name(const T& entry) {
  if constexpr (requires { entry.name_local; }) {
    if (!entry.name_local.empty()) return entry.name_local;
  }
  return entry.name;
}

}  // namespace

const std::string& OfferRef::id() const {
  return std::visit([](const auto* e) -> const std::string& { return e->id; }, entry);
}
const std::string& OfferRef::name() const {
  return std::visit([](const auto* e) -> const std::string& { return shown_name(*e); }, entry);
}
const std::vector<std::string>& OfferRef::aliases() const {
  return std::visit([](const auto* e) -> const std::vector<std::string>& { return aliases_of(*e); }, entry);
}
Region OfferRef::region() const {
  return std::visit([](const auto* e) { return e->region; }, entry);
}
Currency OfferRef::currency() const {
  return std::visit([](const auto* e) { return e->currency; }, entry);
}
const Provenance& OfferRef::provenance() const {
  return std::visit([](const auto* e) -> const Provenance& { return e->provenance; }, entry);
}

const std::vector<OfferKindInfo>& offer_kinds() {
  static const std::vector<OfferKindInfo> kKinds = {
      {OfferKind::Plan, "plan", "plan", "plan", "plans", true, true,
       [](const Provider& p, const Date& d, std::vector<OfferRef>& out) { collect_in_force(p.plans, OfferKind::Plan, d, out); },
       &quote_plan},
      {OfferKind::Pack, "pack", "pack", "pack", "packs", true, true,
       [](const Provider& p, const Date& d, std::vector<OfferRef>& out) { collect_in_force(p.packs, OfferKind::Pack, d, out); },
       &quote_pack},
      {OfferKind::Api, "api", "api", "API offer", "API offers", false, false,
       [](const Provider& p, const Date& d, std::vector<OfferRef>& out) { collect_in_force(p.apis, OfferKind::Api, d, out); },
       &quote_api},
      {OfferKind::ApiPack, "api-pack", "api_pack", "API pack", "API packs", false, true,
       [](const Provider& p, const Date& d, std::vector<OfferRef>& out) {
         collect_in_force(p.api_packs, OfferKind::ApiPack, d, out);
       },
       &quote_api_pack},
  };
  return kKinds;
}

const OfferKindInfo& offer_kind(OfferKind kind) { return offer_kinds()[static_cast<std::size_t>(kind)]; }

std::string_view offer_kind_name(OfferKind kind) { return offer_kind(kind).name; }

std::optional<OfferKind> parse_offer_kind(std::string_view name) {
  for (const auto& info : offer_kinds()) {
    if (info.name == name) return info.kind;
  }
  return std::nullopt;
}

std::vector<std::string> offer_kind_names() {
  std::vector<std::string> names;
  for (const auto& info : offer_kinds()) names.emplace_back(info.name);
  return names;
}

std::vector<OfferRef> offers_of(const Provider& provider, const Date& date, std::optional<OfferKind> kind,
                                std::optional<Region> region) {
  std::vector<OfferRef> out;
  for (const auto& info : offer_kinds()) {
    if (!kind || *kind == info.kind) info.collect(provider, date, out);
  }
  if (region) std::erase_if(out, [&](const OfferRef& o) { return o.region() != *region; });
  return out;
}

OfferRef find_offer(const Provider& provider, OfferKind kind, std::string_view key, const Date& date) {
  const auto offers = offers_of(provider, date, kind);
  for (const auto& o : offers) {
    if (names(o.id(), o.aliases(), key)) return o;
  }
  std::vector<std::string> ids;
  for (const auto& o : offers) ids.push_back(o.id());
  throw Error::unknown(std::string(offer_kind(kind).noun), std::string(key), std::move(ids),
                       fmt::format("of {} on {}", provider.id, date.to_string()));
}

std::vector<OfferRef> chosen_offers(const Provider& provider, const OfferChoice& choice, const Date& date,
                                    std::optional<Region> region) {
  if (choice.kind && !choice.id.empty()) {
    const OfferRef offer = find_offer(provider, *choice.kind, choice.id, date);
    if (region && offer.region() != *region) {
      throw Error::bad_input(fmt::format("{} '{}' of {} is sold in the {} market, not in {}", offer_kind(offer.kind).noun,
                                         offer.id(), provider.id, region_name(offer.region()), region_name(*region)));
    }
    return {offer};
  }
  return offers_of(provider, date, choice.kind, region);
}

}  // namespace vidcost
