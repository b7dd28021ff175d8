// The catalog as typed data: providers with plans, packs, models x modes, API offers and their
// provenance. Loading and validation live in loader.h; nothing here reads files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "money/amount.h"
#include "money/fx.h"

namespace vidcost {

enum class Confidence { High, Medium, Low };
enum class Region { CN, Intl };

std::string_view confidence_name(Confidence c);
std::string_view region_name(Region r);
std::optional<Region> parse_region(std::string_view text);

// [from, to): an entry is in force on dates d with from <= d < to. Open ends are unbounded.
struct Effective {
  std::optional<Date> from;
  std::optional<Date> to;
  bool contains(const Date& d) const { return (!from || *from <= d) && (!to || d < *to); }
  bool overlaps(const Effective& other) const;
};

// Where a figure comes from and how far to trust it.
struct Provenance {
  std::string source;  // a key of [sources], a URL, a repository path or seeds/...
  Date as_of;
  Confidence confidence = Confidence::Medium;
  bool inferred = false;  // derived by a stated rule rather than read in a source
  std::string note;
  Effective effective;
  // What effective_from is: "launch" (the product's release), "first-source" (the first source
  // seen to show it, when the launch is unknown) or "change" (a dated change of an earlier entry).
  std::string effective_from_basis;
  Location where;         // the table the figure is written in
  Location source_where;  // its `source` value
  Location from_where;        // its `effective_from` value (the table when absent)
  Location confidence_where;  // its `confidence` value
};

// A number that may be unknown; `reason` says why it is missing.
template <typename T>
struct Known {
  std::optional<T> value;
  std::string reason;
  bool known() const { return value.has_value(); }
};

enum class Billing { Month, Quarter, Year };
std::string_view billing_name(Billing b);  // "month", "quarter", "year"

// What a plan's `price` is: the list price, the auto-renewal price, a first period's promotional
// price, or the first year of an annual plan (its renewal in `renewal_price`).
enum class PriceBasis { List, AutoRenew, FirstPeriod, FirstYear };
std::string_view price_basis_name(PriceBasis b);  // "list", "auto-renew", "first-period", "first-year"

struct Plan {
  std::string id;
  std::string name;
  std::string name_local;
  std::vector<std::string> aliases;
  Region region = Region::Intl;
  Currency currency = Currency::USD;
  Billing billing = Billing::Month;
  Known<Amount> price;  // per billing period, as `price_basis` says
  PriceBasis price_basis = PriceBasis::List;
  std::optional<Amount> list_price;
  std::optional<Amount> first_month_price;
  std::optional<Amount> renewal_price;
  Known<Rational> credits_per_month;
  bool credits_roll_over = false;
  Provenance provenance;

  int months() const { return billing == Billing::Year ? 12 : billing == Billing::Quarter ? 3 : 1; }
};

struct Pack {
  std::string id;
  std::string name;
  Region region = Region::Intl;
  Currency currency = Currency::USD;
  Amount price;
  Known<Rational> credits;
  Rational bonus_credits = 0;
  std::optional<int> validity_days;
  std::optional<int> max_per_account;  // purchases allowed per account (a trial pack: 1)
  Provenance provenance;
};

struct Mode {
  std::string id;
  std::string name;
  std::string name_local;
  std::vector<std::string> aliases;
  std::string resolution;  // "720p", "1080p", ...
  bool audio = false;
  bool in_app = true;  // false: only sold through the API
  std::vector<int> durations;
  Known<std::map<int, Rational>> credits;  // in-app credits per clip, by duration in seconds
  // Coded frame size and frame rate, for APIs billed by output tokens.
  std::optional<int> width, height, fps;
  std::string succeeds;  // "model/mode" of the same provider this mode replaced, for `history`
  Location succeeds_where;
  Provenance provenance;
};

// Output tokens of a clip for token-billed APIs: width x height x frames / 1024, with
// frames = fps x seconds + 1 (BytePlus's sample: 1920 x 1088 x 121 / 1024 = 246 840 for
// 5 s of 1080p). nullopt when the mode lacks the frame size or rate.
std::optional<Rational> clip_tokens(const Mode& mode, int seconds);

struct Model {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<Mode> modes;  // a mode id may repeat with disjoint effective ranges
  Location where;
};

struct ApiRate {
  std::string model;
  std::string mode;
  std::optional<Amount> per_second;
  std::map<int, Amount> per_clip;
  std::map<int, Rational> units;  // billing units per clip, priced by unit_price or by API packs
  std::optional<Amount> per_million_tokens;  // token billing: tokens per clip from the mode
  Provenance provenance;
  Location model_where, mode_where, per_clip_where, units_where;
};

struct ApiOffer {
  std::string id;
  std::string name;
  Region region = Region::Intl;
  Currency currency = Currency::USD;
  std::optional<Amount> unit_price;
  std::vector<ApiRate> rates;
  Provenance provenance;
};

struct ApiPack {
  std::string id;
  std::string name;
  std::string api;  // the ApiOffer whose units it buys
  Location api_where;
  Region region = Region::Intl;
  Currency currency = Currency::USD;
  Amount price;
  Rational units;
  std::optional<int> validity_days;
  std::optional<int> max_per_account;  // purchases allowed per account (a trial pack: 1)
  Provenance provenance;
};

struct FreeCredits {
  Rational daily_credits;
  Provenance provenance;
};

struct Source {
  std::string key;
  std::string title;
  std::string url;
  std::optional<Date> as_of;
  // The highest confidence a figure resting on this source may claim (a news article: medium).
  std::optional<Confidence> max_confidence;
  Location where;
};

struct Provider {
  std::string id;
  std::string name;
  std::string name_local;
  std::string company;
  std::vector<std::string> aliases;
  std::optional<Region> home_region;  // where a provider without priced offers sells
  std::string file;
  std::map<std::string, Source> sources;
  std::vector<Plan> plans;
  std::vector<Pack> packs;
  std::vector<Model> models;
  std::vector<ApiOffer> apis;
  std::vector<ApiPack> api_packs;
  std::vector<FreeCredits> free;  // free daily credits, one entry per period in force
  std::string notes;
};

// The free credits in force on `date`, or none.
const FreeCredits* free_credits_on(const Provider& p, const Date& date);

struct Catalog {
  std::vector<Provider> providers;
  FxTable fx;
  std::vector<std::string> files;

  const Provider* find_provider(std::string_view id_or_alias) const;
  std::vector<std::string> provider_ids() const;
};

// The provider named `id_or_alias`; Error::unknown (with every provider id) when there is none.
const Provider& provider_named(const Catalog& catalog, std::string_view id_or_alias);

// Whether `key` is the id or one of the aliases.
bool names(const std::string& id, const std::vector<std::string>& aliases, std::string_view key);

// Lookups by id or alias that honour effective dates.
const Model* find_model(const Provider& p, std::string_view id_or_alias);
const Mode* find_mode(const Model& m, std::string_view id_or_alias, const Date& as_of);
const Plan* find_plan(const Provider& p, std::string_view id_or_alias, const Date& as_of);
const Pack* find_pack(const Provider& p, std::string_view id, const Date& as_of);
const ApiPack* find_api_pack(const Provider& p, std::string_view id, const Date& as_of);
const ApiOffer* find_api(const Provider& p, std::string_view id, const Date& as_of);

}  // namespace vidcost
