#include "catalog/loader.h"

#include <algorithm>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "catalog/cache.h"
#include "catalog/layout.h"
#include "catalog/patch.h"
#include "catalog/toml_reader.h"
#include "catalog/update.h"
#include "core/error.h"
#include "core/files.h"
#include "core/text.h"

namespace vidcost {
namespace {

std::string quoted(const std::optional<std::string>& id) { return id ? "'" + *id + "'" : "(no id)"; }

std::optional<Amount> amount_of(TableReader& r, std::string_view key, std::optional<Currency> currency) {
  auto value = r.number(key, Sign::Positive);
  if (!value || !currency) return std::nullopt;
  return Amount(*value, *currency);
}

std::optional<Plan> read_plan(TableReader& r) {
  Plan plan;
  auto id = r.id("id");
  r.set_label("[[plan]] " + quoted(id));
  auto name = r.text("name");
  auto region = r.region("region");
  auto currency = r.currency("currency");
  auto billing = r.text("billing");
  if (billing && *billing != "month" && *billing != "quarter" && *billing != "year") {
    r.error("billing", fmt::format("must be \"month\", \"quarter\" or \"year\", got \"{}\"", *billing));
    billing.reset();
  }
  if (auto basis = r.text("price_basis")) {
    if (*basis == "list") plan.price_basis = PriceBasis::List;
    else if (*basis == "auto-renew") plan.price_basis = PriceBasis::AutoRenew;
    else if (*basis == "first-period") plan.price_basis = PriceBasis::FirstPeriod;
    else if (*basis == "first-year") plan.price_basis = PriceBasis::FirstYear;
    else r.error("price_basis", fmt::format("must be list, auto-renew, first-period or first-year, got \"{}\"", *basis));
  }
  auto price = r.number_or_unknown("price", Sign::Positive, false);
  auto credits = r.number_or_unknown("credits_per_month", Sign::Positive, true);
  plan.list_price = amount_of(r, "list_price", currency);
  plan.first_month_price = amount_of(r, "first_month_price", currency);
  plan.renewal_price = amount_of(r, "renewal_price", currency);
  plan.name_local = r.text("name_local").value_or("");
  plan.aliases = r.text_list("aliases");
  plan.credits_roll_over = r.boolean("credits_roll_over").value_or(false);
  auto provenance = r.provenance();
  r.finish();
  if (!id || !name || !region || !currency || !billing || !price || !credits || !provenance) return std::nullopt;
  plan.id = *id;
  plan.name = *name;
  plan.region = *region;
  plan.currency = *currency;
  plan.billing = *billing == "year" ? Billing::Year : *billing == "quarter" ? Billing::Quarter : Billing::Month;
  plan.price = price->known() ? Known<Amount>{Amount(*price->value, *currency), ""}
                              : Known<Amount>{std::nullopt, price->reason};
  plan.credits_per_month = *credits;
  plan.provenance = *provenance;
  return plan;
}

std::optional<Pack> read_pack(TableReader& r) {
  Pack pack;
  auto id = r.id("id");
  r.set_label("[[pack]] " + quoted(id));
  auto region = r.region("region");
  auto currency = r.currency("currency");
  auto price = amount_of(r, "price", currency);
  auto credits = r.number_or_unknown("credits", Sign::Positive, true);
  pack.name = r.text("name").value_or(id.value_or(""));
  pack.bonus_credits = r.whole_number("bonus_credits", Sign::NonNegative).value_or(0);
  pack.validity_days = r.positive_int("validity_days");
  pack.max_per_account = r.positive_int("max_per_account");
  auto provenance = r.provenance();
  r.finish();
  if (!id || !region || !currency || !price || !credits || !provenance) return std::nullopt;
  pack.id = *id;
  pack.region = *region;
  pack.currency = *currency;
  pack.price = *price;
  pack.credits = *credits;
  pack.provenance = *provenance;
  return pack;
}

std::optional<Mode> read_mode(TableReader& r, const std::string& model_label) {
  Mode mode;
  auto id = r.id("id");
  r.set_label(model_label + " mode " + quoted(id));
  auto resolution = r.text("resolution");
  mode.durations = r.duration_list("durations");
  std::optional<Known<std::map<int, Rational>>> credits;
  if (r.is_unknown("credits")) {
    if (auto reason = r.text("unknown_reason")) {
      credits = Known<std::map<int, Rational>>{std::nullopt, *reason};
    } else {
      r.error("credits", "is \"unknown\" but the entry has no 'unknown_reason' saying why");
    }
  } else if (auto map = r.duration_map("credits", Sign::Positive, true)) {
    credits = Known<std::map<int, Rational>>{*map, ""};
    for (const auto& [seconds, value] : *map) {
      if (!mode.durations.empty() &&
          std::find(mode.durations.begin(), mode.durations.end(), seconds) == mode.durations.end()) {
        r.error("credits", fmt::format("gives credits for {} s, a duration the mode does not offer "
                                       "(durations: {})",
                                       seconds, fmt::join(mode.durations, ", ")));
        credits.reset();
        break;
      }
    }
    if (credits) {
      for (int seconds : mode.durations) {
        if (!map->count(seconds)) {
          r.error("credits", fmt::format("has no credits for {} s, which 'durations' offers", seconds));
          credits.reset();
          break;
        }
      }
    }
  }
  mode.name = r.text("name").value_or("");
  mode.name_local = r.text("name_local").value_or("");
  mode.aliases = r.text_list("aliases");
  mode.audio = r.boolean("audio").value_or(false);
  mode.in_app = r.boolean("in_app").value_or(true);
  mode.width = r.positive_int("width");
  mode.height = r.positive_int("height");
  mode.fps = r.positive_int("fps");
  mode.succeeds = r.text("succeeds").value_or("");
  mode.succeeds_where = r.where("succeeds");
  auto provenance = r.provenance();
  r.finish();
  // A mode with other problems is still kept (the load fails anyway) so that references to it
  // do not cascade into more errors.
  if (!id) return std::nullopt;
  mode.id = *id;
  mode.resolution = resolution.value_or("");
  mode.credits = credits.value_or(Known<std::map<int, Rational>>{std::nullopt, "invalid"});
  if (provenance) mode.provenance = *provenance;
  return mode;
}

std::optional<Model> read_model(TableReader& r, const FileContext& file) {
  Model model;
  auto id = r.id("id");
  r.set_label("[[model]] " + quoted(id));
  auto name = r.text("name");
  model.aliases = r.text_list("aliases");
  model.where = r.where();
  if (const toml::array* modes = r.table_array("mode")) {
    for (const auto& node : *modes) {
      TableReader mr(*node.as_table(), table_schema("[[model.mode]]"), file, r.label() + " mode");
      if (auto mode = read_mode(mr, r.label())) model.modes.push_back(std::move(*mode));
    }
  }
  r.finish();
  if (!id || !name) return std::nullopt;
  model.id = *id;
  model.name = *name;
  return model;
}

std::optional<ApiRate> read_rate(TableReader& r, const ApiOffer& offer, std::optional<Currency> currency) {
  ApiRate rate;
  auto model = r.id("model");
  auto mode = r.id("mode");
  r.set_label(fmt::format("[[api.rate]] of '{}' for {}/{}", offer.id, model.value_or("?"), mode.value_or("?")));
  rate.model_where = r.where("model");
  rate.mode_where = r.where("mode");
  rate.per_clip_where = r.where("per_clip");
  rate.units_where = r.where("units");
  rate.per_second = amount_of(r, "per_second", currency);
  rate.per_million_tokens = amount_of(r, "per_million_tokens", currency);
  bool ok = (!r.has("per_second") || rate.per_second) && (!r.has("per_million_tokens") || rate.per_million_tokens);
  if (r.has("per_clip")) {
    if (auto map = r.duration_map("per_clip", Sign::Positive, false); map && currency) {
      for (const auto& [seconds, value] : *map) rate.per_clip[seconds] = Amount(value, *currency);
    } else {
      ok = false;
    }
  }
  if (r.has("units")) {
    if (auto map = r.duration_map("units", Sign::Positive, false)) {
      rate.units = *map;
    } else {
      ok = false;
    }
  }
  auto provenance = r.provenance(&offer.provenance);
  r.finish();
  if (!model || !mode || !provenance || !ok) return std::nullopt;
  if (!rate.per_second && !rate.per_million_tokens && rate.per_clip.empty() &&
      (rate.units.empty() || !offer.unit_price)) {
    r.error_here(offer.unit_price || rate.units.empty()
                     ? "needs a price: 'per_second', 'per_clip', 'per_million_tokens', or 'units' with the offer's "
                       "'unit_price'"
                     : "gives 'units' (credits) but the offer has no 'unit_price' saying what one is worth");
    return std::nullopt;
  }
  rate.model = *model;
  rate.mode = *mode;
  rate.provenance = *provenance;
  return rate;
}

std::optional<ApiOffer> read_api(TableReader& r, const FileContext& file) {
  ApiOffer offer;
  auto id = r.id("id");
  r.set_label("[[api]] " + quoted(id));
  auto region = r.region("region");
  auto currency = r.currency("currency");
  offer.unit_price = amount_of(r, "unit_price", currency);
  offer.name = r.text("name").value_or(id.value_or(""));
  auto provenance = r.provenance();
  offer.id = id.value_or("?");
  if (provenance) offer.provenance = *provenance;
  if (const toml::array* rates = r.table_array("rate"); rates && provenance) {
    for (const auto& node : *rates) {
      TableReader rr(*node.as_table(), table_schema("[[api.rate]]"), file, "[[api.rate]]");
      if (auto rate = read_rate(rr, offer, currency)) offer.rates.push_back(std::move(*rate));
    }
  }
  r.finish();
  if (!id) return std::nullopt;
  offer.region = region.value_or(Region::Intl);
  offer.currency = currency.value_or(Currency::USD);
  return offer;
}

std::optional<ApiPack> read_api_pack(TableReader& r) {
  ApiPack pack;
  auto id = r.id("id");
  r.set_label("[[api_pack]] " + quoted(id));
  auto api = r.id("api");
  pack.api_where = r.where("api");
  auto region = r.region("region");
  auto currency = r.currency("currency");
  auto price = amount_of(r, "price", currency);
  auto units = r.number("units", Sign::Positive);
  pack.name = r.text("name").value_or(id.value_or(""));
  pack.validity_days = r.positive_int("validity_days");
  pack.max_per_account = r.positive_int("max_per_account");
  auto provenance = r.provenance();
  r.finish();
  if (!id || !api || !region || !currency || !price || !units || !provenance) return std::nullopt;
  pack.id = *id;
  pack.api = *api;
  pack.region = *region;
  pack.currency = *currency;
  pack.price = *price;
  pack.units = *units;
  pack.provenance = *provenance;
  return pack;
}


std::optional<Retirement> read_retirement(TableReader& r) {
  static const std::vector<std::string> kKinds = {"plan", "pack", "mode", "api", "rate", "api_pack"};
  Retirement out;
  auto kind = r.text("kind");
  auto id = r.id("id");
  r.set_label(fmt::format("[[retire]] {} {}", kind.value_or("?"), quoted(id)));
  if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end()) {
    r.error("kind", fmt::format("must be one of plan, pack, mode, api, rate, api_pack; got \"{}\"{}", *kind,
                                did_you_mean(*kind, kKinds)));
    kind.reset();
  }
  auto model = r.id("model");
  auto api = r.id("api");
  auto to = r.date("effective_to");
  bool named = true;
  if (kind && (*kind == "mode" || *kind == "rate") && !model) {
    r.error("model", "is required to retire a " + *kind);
    named = false;
  }
  if (kind && *kind == "rate" && !api) {
    r.error("api", "is required to retire a rate");
    named = false;
  }
  auto provenance = r.provenance();
  r.finish();
  if (!kind || !id || !to || !provenance || !named) return std::nullopt;
  out.kind = *kind;
  out.id = *id;
  out.model = model.value_or("");
  out.api = api.value_or("");
  out.to = *to;
  out.provenance = *provenance;
  return out;
}

void read_provider_file(const toml::table& root, const FileContext& file, Catalog& catalog, bool is_update) {
  static const std::vector<std::string> kTopLevel = {"provider", "sources", "plan", "pack", "model", "api",
                                                     "api_pack", "free", "retire"};
  for (const auto& [k, v] : root) {
    if (std::find(kTopLevel.begin(), kTopLevel.end(), k.str()) == kTopLevel.end()) {
      file.report(k.source(), fmt::format("unknown top-level key '{}'{}", k.str(), did_you_mean(k.str(), kTopLevel)));
    } else if (k.str() == "retire" && !is_update) {
      file.report(k.source(), "[[retire]] belongs in an update file (updates/*.toml); in a provider file, give "
                              "the entry an effective_to");
    }
  }
  Provider provider;
  provider.file = file.path;
  const toml::table* head = root.get_as<toml::table>("provider");
  if (!head) {
    file.problems->emplace_back(file.path, 1, 1, "missing [provider] table (every provider file starts with one)");
    return;
  }
  {
    TableReader r(*head, table_schema("[provider]"), file, "[provider]");
    auto id = r.id("id");
    auto name = r.text("name");
    provider.name_local = r.text("name_local").value_or("");
    provider.company = r.text("company").value_or("");
    provider.aliases = r.text_list("aliases");
    provider.notes = r.text("notes").value_or("");
    provider.home_region = r.region("region");
    r.finish();
    if (!id || !name) return;
    provider.id = *id;
    provider.name = *name;
  }
  if (const toml::node* sources = root.get("sources")) {
    if (!sources->is_table()) {
      file.report(sources->source(), "'sources' must be a table of [sources.KEY] tables");
    } else {
      for (const auto& [k, v] : *sources->as_table()) {
        if (!v.is_table()) {
          file.report(v.source(), fmt::format("[sources.{}] must be a table", k.str()));
          continue;
        }
        TableReader r(*v.as_table(), table_schema("[sources.KEY]"), file, fmt::format("[sources.{}]", k.str()));
        Source s;
        s.key = std::string(k.str());
        auto title = r.text("title");
        s.url = r.text("url").value_or("");
        s.as_of = r.date("as_of");
        s.max_confidence = r.confidence("max_confidence");
        s.where = r.where();
        r.finish();
        if (title) {
          s.title = *title;
          provider.sources[s.key] = s;
        }
      }
    }
  }
  read_array(root, "plan", "[[plan]]", file, provider.plans, read_plan);
  read_array(root, "pack", "[[pack]]", file, provider.packs, read_pack);
  read_array(root, "model", "[[model]]", file, provider.models,
             [&](TableReader& r) { return read_model(r, file); });
  read_array(root, "api", "[[api]]", file, provider.apis, [&](TableReader& r) { return read_api(r, file); });
  read_array(root, "api_pack", "[[api_pack]]", file, provider.api_packs, read_api_pack);
  // Free credits: one [free] table, or [[free]] tables for the periods they changed in.
  auto read_free = [&](const toml::table& t) {
    TableReader r(t, table_schema("[free]"), file, "[free]");
    auto daily = r.whole_number("daily_credits", Sign::Positive);
    auto provenance = r.provenance();
    r.finish();
    if (daily && provenance) provider.free.push_back(FreeCredits{*daily, *provenance});
  };
  if (const toml::table* free = root.get_as<toml::table>("free")) {
    read_free(*free);
  } else if (const toml::array* frees = root.get_as<toml::array>("free")) {
    for (const auto& node : *frees) {
      if (const toml::table* t = node.as_table()) {
        read_free(*t);
      } else {
        file.report(node.source(), "[[free]] entries must be tables");
      }
    }
  }
  if (is_update) {
    std::vector<Retirement> retirements;
    read_array(root, "retire", "[[retire]]", file, retirements, read_retirement);
    merge_update(catalog, std::move(provider), retirements, *file.problems);
    return;
  }
  catalog.providers.push_back(std::move(provider));
}

void read_fx_file(const toml::table& root, const FileContext& file, Catalog& catalog) {
  for (const auto& [k, v] : root) {
    if (k.str() != "rate") {
      file.report(k.source(), fmt::format("unknown top-level key '{}' in an exchange-rate file (expected [[rate]])",
                                          k.str()));
    }
  }
  std::vector<FxRate> rates;
  read_array(root, "rate", "[[rate]]", file, rates, [&catalog](TableReader& r) -> std::optional<FxRate> {
    auto base = r.currency("base");
    auto quote = r.currency("quote");
    auto rate = r.number("rate", Sign::Positive);
    auto date = r.date("date");
    auto provenance = r.provenance();
    r.finish();
    if (!base || !quote || !rate || !date || !provenance) return std::nullopt;
    if (*base == *quote) {
      r.error("quote", "must differ from 'base'");
      return std::nullopt;
    }
    // One rate per pair and day: a second one would silently lose to the first.
    for (const auto& known : catalog.fx.rates()) {
      const bool same_pair = (known.base == *base && known.quote == *quote) ||
                             (known.base == *quote && known.quote == *base);
      if (same_pair && known.date == *date) {
        r.error("date", fmt::format("has a rate for {}/{} on {} already (from {})", currency_code(*base),
                                    currency_code(*quote), date->to_string(), known.source));
        return std::nullopt;
      }
    }
    FxRate out{*base, *quote, *rate, *date, provenance->source};
    catalog.fx.add(out);
    return out;
  });
}

// Reads one parsed file into the catalog: rates, a provider, or an update of either.
void read_file(const TomlFile& toml, Catalog& catalog, Diagnostics& problems, bool is_update) {
  FileContext file(toml, problems);
  catalog.files.push_back(toml.path);
  // An update may carry exchange rates only ([[rate]] tables, as in fx.toml).
  const bool fx_update = is_update && toml.root.contains("rate") && !toml.root.contains("provider");
  if (catalog_file_kind(toml.path) == CatalogFileKind::Fx || fx_update) {
    read_fx_file(toml.root, file, catalog);
  } else {
    read_provider_file(toml.root, file, catalog, is_update);
  }
}

}  // namespace

namespace {

// The file name an update is known by in `updates/` (and in a [revert]).
std::string update_name(const TomlFile& file) { return std::filesystem::path(file.path).filename().string(); }

// A [revert] file: the name of the update it undoes, or nullopt (reported) when malformed.
std::optional<std::string> reverted_update(const TomlFile& toml, Diagnostics& problems) {
  FileContext file(toml, problems);
  for (const auto& [k, v] : toml.root) {
    if (k.str() != "revert") {
      file.report(k.source(), fmt::format("a revert file holds only its [revert] table; '{}' does not belong in it",
                                          k.str()));
    }
  }
  const toml::table* t = toml.root.get_as<toml::table>("revert");
  if (!t) {
    file.report(toml.root["revert"].node()->source(), "[revert] must be a table");
    return std::nullopt;
  }
  TableReader r(*t, table_schema("[revert]"), file, "[revert]");
  auto target = r.text("update");
  r.text("reason");
  r.finish();
  return target;
}

// Reads the provider and rate files, then the updates in order: each update patches the entries
// it changes (see patch.h); updates that a later [revert] undoes are skipped, and a revert names
// an update read before it.
void load_files(std::vector<TomlFile>& files, std::vector<TomlFile>& updates, LoadResult& result) {
  PatchBases bases;
  for (auto& toml : files) {
    read_file(toml, result.catalog, result.problems, false);
    // The bases copy every entry's table: only an update needs them.
    if (!updates.empty()) bases.remember(toml);
  }
  // Latest first: a revert that is itself reverted undoes nothing.
  std::vector<bool> skipped(updates.size(), false);
  for (std::size_t i = updates.size(); i-- > 0;) {
    if (skipped[i] || !updates[i].root.contains("revert")) continue;
    skipped[i] = true;  // a revert is read as such, never as an update of the catalog
    const auto target = reverted_update(updates[i], result.problems);
    if (!target) continue;
    bool found = false;
    for (std::size_t j = 0; j < i; ++j) {
      if (update_name(updates[j]) == *target) {
        skipped[j] = true;
        found = true;
      }
    }
    if (!found) {
      FileContext file(updates[i], result.problems);
      const toml::node* at = updates[i].root.at_path("revert.update").node();
      file.report(at ? at->source() : updates[i].root.source(),
                  fmt::format("[revert]: field 'update' names '{}', which is not an update read before this one",
                              *target));
    }
  }
  for (std::size_t i = 0; i < updates.size(); ++i) {
    if (skipped[i]) {
      result.catalog.files.push_back(updates[i].path);
      continue;
    }
    bases.patch(updates[i], result.problems);
    read_file(updates[i], result.catalog, result.problems, true);
    bases.remember(updates[i]);
  }
  check_catalog(result.catalog, result.problems);
}

}  // namespace

namespace {

// Reads texts already in memory: one at a time when nothing patches them, so a large catalog
// never holds more than one parse tree (the trees take several times the memory of the text).
void load_texts(const std::vector<NamedText>& files, const std::vector<NamedText>& updates, LoadResult& result) {
  if (updates.empty()) {
    for (const auto& file : files) {
      if (auto toml = parse_toml(file.name, file.text, result.problems)) {
        read_file(*toml, result.catalog, result.problems, false);
      }
    }
    check_catalog(result.catalog, result.problems);
    return;
  }
  std::vector<TomlFile> parsed, parsed_updates;
  for (const auto& file : files) {
    if (auto toml = parse_toml(file.name, file.text, result.problems)) parsed.push_back(std::move(*toml));
  }
  for (const auto& update : updates) {
    if (auto toml = parse_toml(update.name, update.text, result.problems)) parsed_updates.push_back(std::move(*toml));
  }
  load_files(parsed, parsed_updates, result);
}

// Every file's text, or nullopt when one cannot be read (the uncached path then reports it).
std::optional<std::vector<NamedText>> read_texts(const std::vector<std::filesystem::path>& paths) {
  std::vector<NamedText> texts;
  texts.reserve(paths.size());
  try {
    for (const auto& path : paths) texts.push_back({path.string(), read_input_file(path)});
  } catch (const Error&) {
    return std::nullopt;
  }
  return texts;
}

}  // namespace

LoadResult load_catalog(const std::vector<std::filesystem::path>& paths, const std::vector<NamedText>& more_updates,
                        const CatalogCache* cache) {
  LoadResult result;
  std::vector<std::filesystem::path> files, updates;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      CatalogFiles found = list_catalog_files(path, result.problems);
      if (found.catalog.empty()) {
        result.problems.emplace_back(path.string(), 0, 0, "no catalog files (*.toml) in this directory");
      }
      files.insert(files.end(), found.catalog.begin(), found.catalog.end());
      updates.insert(updates.end(), found.updates.begin(), found.updates.end());
    } else {
      files.push_back(path);  // open_toml reports a missing or unreadable file
    }
  }
  if (cache != nullptr && more_updates.empty() && result.problems.empty()) {
    auto file_texts = read_texts(files);
    auto update_texts = file_texts ? read_texts(updates) : std::nullopt;
    if (file_texts && update_texts) {
      const CatalogCache::Key key = CatalogCache::key(*file_texts, *update_texts);
      if (auto cached = cache->find(key)) {
        result.catalog = std::move(*cached);
        return result;
      }
      load_texts(*file_texts, *update_texts, result);
      if (result.problems.empty()) cache->store(key, result.catalog);
      return result;
    }
  }
  if (updates.empty() && more_updates.empty()) {
    // Nothing patches the files: each parse tree is dropped once read (see load_texts).
    for (const auto& file : files) {
      if (auto toml = open_toml(file, result.problems)) read_file(*toml, result.catalog, result.problems, false);
    }
    check_catalog(result.catalog, result.problems);
    return result;
  }
  std::vector<TomlFile> parsed, parsed_updates;
  for (const auto& file : files) {
    if (auto toml = open_toml(file, result.problems)) parsed.push_back(std::move(*toml));
  }
  for (const auto& file : updates) {
    if (auto toml = open_toml(file, result.problems)) parsed_updates.push_back(std::move(*toml));
  }
  for (const auto& update : more_updates) {
    if (auto toml = parse_toml(update.name, update.text, result.problems)) parsed_updates.push_back(std::move(*toml));
  }
  load_files(parsed, parsed_updates, result);
  return result;
}

LoadResult load_catalog_texts(const std::vector<NamedText>& files, const std::vector<NamedText>& updates) {
  LoadResult result;
  load_texts(files, updates, result);
  return result;
}

}  // namespace vidcost
