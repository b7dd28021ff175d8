// Offer kinds as one table. Each kind (plan, pack, api, api-pack) has one description: its
// names, how its offers are found in a provider, and how one of them prices a clip. Lookups,
// quoting, the catalog diff and display all read the table; a new kind is a new row and its
// pricing rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/types.h"

namespace vidcost {

enum class OfferKind { Plan, Pack, Api, ApiPack };

// One offer of a provider, whatever its kind.
struct OfferRef {
  OfferKind kind = OfferKind::Plan;
  std::variant<const Plan*, const Pack*, const ApiOffer*, const ApiPack*> entry;

  const std::string& id() const;
  // The name shown: the local name where the catalog has one.
  const std::string& name() const;
  const std::vector<std::string>& aliases() const;
  Region region() const;
  Currency currency() const;
  const Provenance& provenance() const;
};

struct Generation;
struct Quote;
struct QuoteOptions;

struct OfferKindInfo {
  OfferKind kind;
  std::string_view name;         // as typed (--offer) and shown (offer_kind): "api-pack"
  std::string_view catalog_key;  // the catalog's table and [[retire]] kind: "api_pack"
  std::string_view noun;         // in messages: "API pack"
  std::string_view plural;       // "API packs"
  bool credits_in_app;           // buys in-app credits, so only modes sold in the app
  bool utilization_applies;      // prepaid: the buyer's credit utilization divides its price
  // Adds the offers of this kind the provider has in force on `date`.
  void (*collect)(const Provider& provider, const Date& date, std::vector<OfferRef>& out);
  // The price of one generation on one offer of this kind, made in a fresh `q`; false when the
  // offer does not sell it.
  bool (*quote)(Quote& q, const Generation& g, const OfferRef& offer, const QuoteOptions& options);
};

const std::vector<OfferKindInfo>& offer_kinds();
const OfferKindInfo& offer_kind(OfferKind kind);
std::string_view offer_kind_name(OfferKind kind);
std::optional<OfferKind> parse_offer_kind(std::string_view name);
std::vector<std::string> offer_kind_names();

// The offers of a provider in force on `date`, in table order (plans, packs, APIs, API packs),
// optionally of one kind and one region.
std::vector<OfferRef> offers_of(const Provider& provider, const Date& date, std::optional<OfferKind> kind = {},
                                std::optional<Region> region = {});

// Which offers a request means: one offer (a kind and an id), every offer of a kind, or all.
struct OfferChoice {
  std::optional<OfferKind> kind;
  std::string id;  // empty: every offer of `kind`
};

// The offers `choice` means among the provider's offers in force on `date` (and in `region`).
// Error::unknown when it names an offer that does not exist.
std::vector<OfferRef> chosen_offers(const Provider& provider, const OfferChoice& choice, const Date& date,
                                    std::optional<Region> region);

// The offer of `kind` whose id or alias is `key`, in force on `date`. Error::unknown naming the
// kind, the provider and the offers of that kind in force, when there is none.
OfferRef find_offer(const Provider& provider, OfferKind kind, std::string_view key, const Date& date);

}  // namespace vidcost
