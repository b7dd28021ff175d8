// `vidcost catalog validate|show|schema`: checking, listing and describing the catalog.
#include <algorithm>

#include <fmt/format.h>

#include "catalog/layout.h"
#include "catalog/loader.h"
#include "catalog/schema.h"
#include "cli/catalog_show_more.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "compute/loader.h"
#include "core/text.h"
#include "pricing/offer.h"

namespace vidcost {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
};

struct ShowOptions {
  std::string provider;
  bool all = false;  // every entry, whatever its dates (default: those in force on --as-of)
};

bool is_compute_file(const std::filesystem::path& p) { return catalog_file_kind(p) == CatalogFileKind::Compute; }

int run_validate(Context& ctx, const ValidateOptions& o) {
  std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  if (paths.empty()) paths.push_back(ctx.catalog_dir());
  // Provider and exchange-rate files go through the catalog loader, compute*.toml through the
  // compute loader; a directory through both.
  std::vector<std::filesystem::path> catalog_paths, compute_paths;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      catalog_paths.push_back(p);
      Diagnostics ignored;  // the catalog loader reports the directory's problems
      if (!compute_files(p, ignored).empty()) compute_paths.push_back(p);
    } else if (is_compute_file(p)) {
      compute_paths.push_back(p);
    } else {
      catalog_paths.push_back(p);
    }
  }
  LoadResult result = catalog_paths.empty() ? LoadResult{} : load_catalog(catalog_paths);
  std::size_t compute_files = 0, archs = 0, gpus = 0, measurements = 0, profiles = 0, anchors = 0;
  for (const auto& p : compute_paths) {
    ComputeLoad compute = load_compute(p);
    result.problems.insert(result.problems.end(), compute.problems.begin(), compute.problems.end());
    ++compute_files;
    archs += compute.catalog.archs.size();
    gpus += compute.catalog.gpus.size();
    measurements += compute.catalog.measurements.size();
    profiles += compute.catalog.profiles.size();
    anchors += compute.catalog.anchors.size();
  }
  for (const auto& problem : result.problems) ctx.err << visible(problem.to_string()) << '\n';
  if (!result.ok()) {
    const std::size_t files = result.catalog.files.size() + compute_files;
    ctx.err << fmt::format("{} problem{} in {} file{}\n", result.problems.size(),
                           result.problems.size() == 1 ? "" : "s", files, files == 1 ? "" : "s");
    return kExitInvalidCatalog;
  }
  std::size_t plans = 0, packs = 0, modes = 0, rates = 0, api_packs = 0;
  for (const auto& p : result.catalog.providers) {
    plans += p.plans.size();
    packs += p.packs.size();
    for (const auto& m : p.models) modes += m.modes.size();
    for (const auto& a : p.apis) rates += a.rates.size();
    api_packs += p.api_packs.size();
  }
  ctx.out << fmt::format("ok: {} files, {} providers, {} plans, {} packs, {} modes, {} API prices, {} API packs, "
                         "{} exchange rates",
                         result.catalog.files.size() + compute_files, result.catalog.providers.size(), plans, packs,
                         modes, rates, api_packs, result.catalog.fx.rates().size());
  if (compute_files > 0) {
    ctx.out << fmt::format(", {} GPUs, {} architectures, {} measurements, {} serving profiles, {} evidence anchors", gpus,
                           archs, measurements, profiles, anchors);
  }
  ctx.out << '\n';
  return kExitOk;
}


std::string duration_map_text(const std::map<int, Rational>& map, int places = -1) {
  std::string out;
  for (const auto& [seconds, value] : map) {
    out += fmt::format("{}{}s: {}", out.empty() ? "" : ", ", seconds,
                       places < 0 ? format_plain(value) : format_fixed(value, places));
  }
  return out;
}

std::string duration_map_text(const std::map<int, Amount>& map) {
  std::map<int, Rational> values;
  for (const auto& [seconds, amount] : map) values[seconds] = amount.value;
  return duration_map_text(values, 2);
}

struct Row {
  std::string provider, kind, id, name, region, currency, price, quantity, detail;
  const Provenance* provenance;
};

Cell date_cell(const std::optional<Date>& d) { return d ? Cell::of(d->to_string()) : Cell::null(); }

void add(Table& t, const Row& r) {
  const Provenance& p = *r.provenance;
  t.add_row({Cell::of(r.provider), Cell::of(r.kind), Cell::of(r.id), Cell::of(r.name), Cell::of(r.region),
             Cell::of(r.currency), Cell::of(r.price), Cell::of(r.quantity), Cell::of(r.detail),
             Cell::of(std::string(confidence_name(p.confidence))), Cell::of(p.inferred), Cell::of(p.as_of.to_string()),
             date_cell(p.effective.from), date_cell(p.effective.to),
             p.effective_from_basis.empty() ? Cell::null() : Cell::of(p.effective_from_basis), Cell::of(p.source),
             Cell::of(p.note)});
}

std::string known_amount(const Known<Amount>& a, int places) {
  return a.known() ? format_fixed(a.value->value, places) : "unknown";
}

// Every entry of the catalog as a row (of one provider, in one region, when asked).
std::vector<Row> catalog_rows(const Catalog& catalog, const std::optional<Region>& region, const Provider* only) {
  std::vector<Row> rows;
  auto add = [&](Table&, Row r) { rows.push_back(std::move(r)); };
  Table t;
  for (const auto& p : catalog.providers) {
    if (only && only != &p) continue;
    auto shown = [&](Region r) { return !region || *region == r; };
    for (const auto& plan : p.plans) {
      if (!shown(plan.region)) continue;
      std::string detail = fmt::format("per {}, price is {}", billing_name(plan.billing), price_basis_name(plan.price_basis));
      if (plan.list_price) detail += ", list " + format_fixed(plan.list_price->value, 2);
      if (plan.first_month_price) detail += ", first month " + format_fixed(plan.first_month_price->value, 2);
      if (plan.renewal_price) detail += ", renewal " + format_fixed(plan.renewal_price->value, 2);
      detail += plan.credits_roll_over ? ", credits roll over" : ", credits expire monthly";
      add(t, {p.id, std::string(offer_kind_name(OfferKind::Plan)), plan.id, plan.name_local.empty() ? plan.name : plan.name_local,
              std::string(region_name(plan.region)), std::string(currency_code(plan.currency)),
              known_amount(plan.price, 2),
              plan.credits_per_month.known() ? format_plain(*plan.credits_per_month.value) + " cr/month" : "unknown",
              detail, &plan.provenance});
    }
    for (const auto& pack : p.packs) {
      if (!shown(pack.region)) continue;
      std::string quantity = pack.credits.known() ? format_plain(*pack.credits.value) + " cr" : "unknown";
      if (pack.bonus_credits > 0) quantity += " + " + format_plain(pack.bonus_credits) + " bonus";
      add(t, {p.id, std::string(offer_kind_name(OfferKind::Pack)), pack.id, pack.name, std::string(region_name(pack.region)),
              std::string(currency_code(pack.currency)), format_fixed(pack.price.value, 2), quantity,
              pack.validity_days ? fmt::format("valid {} days", *pack.validity_days) : "", &pack.provenance});
    }
    for (const auto& model : p.models) {
      for (const auto& mode : model.modes) {
        std::string detail = fmt::format("{}, {} s{}{}", mode.resolution, fmt::join(mode.durations, "/"),
                                         mode.audio ? ", audio" : "", mode.in_app ? "" : ", API only");
        add(t, {p.id, "mode", model.id + "/" + mode.id, mode.name_local.empty() ? mode.name : mode.name_local, "", "",
                "", mode.credits.known() ? duration_map_text(*mode.credits.value) + " cr" : "unknown", detail,
                &mode.provenance});
      }
    }
    for (const auto& offer : p.apis) {
      if (!shown(offer.region)) continue;
      for (const auto& rate : offer.rates) {
        std::string price;
        if (rate.per_second) price = format_fixed(rate.per_second->value, 4) + "/s";
        if (!rate.per_clip.empty()) price = duration_map_text(rate.per_clip);
        if (price.empty() && offer.unit_price) {
          std::map<int, Amount> clips;
          for (const auto& [s, u] : rate.units) clips[s] = *offer.unit_price * u;
          price = duration_map_text(clips);
        }
        add(t, {p.id, std::string(offer_kind_name(OfferKind::Api)), offer.id + ":" + rate.model + "/" + rate.mode, offer.name,
                std::string(region_name(offer.region)), std::string(currency_code(offer.currency)), price,
                rate.units.empty() ? "" : duration_map_text(rate.units) + " units", "", &rate.provenance});
      }
    }
    for (const auto& pack : p.api_packs) {
      if (!shown(pack.region)) continue;
      add(t, {p.id, std::string(offer_kind_name(OfferKind::ApiPack)), pack.id, pack.name, std::string(region_name(pack.region)),
              std::string(currency_code(pack.currency)), format_fixed(pack.price.value, 2),
              format_plain(pack.units) + " units",
              fmt::format("for API '{}'{}", pack.api,
                          pack.validity_days ? fmt::format(", valid {} days", *pack.validity_days) : ""),
              &pack.provenance});
    }
    for (const auto& f : p.free) {
      add(t, {p.id, "free", "daily", "free daily credits", "", "", "0", format_plain(f.daily_credits) + " cr/day", "",
              &f.provenance});
    }
  }
  return rows;
}

const std::vector<Column>& show_columns() {
  static const std::vector<Column> columns = {
      {"provider", true},  {"kind", true},       {"id", true},         {"name", true},    {"region", true},
      {"currency", true},  {"price", true},      {"quantity", true},   {"detail", true},  {"confidence", true},
      {"inferred", false}, {"as_of", true},      {"effective_from", true}, {"effective_to", true},
      {"effective_from_basis", false}, {"source", false}, {"note", false}};
  return columns;
}

int run_show(Context& ctx, const ShowOptions& o) {
  if (auto section = catalog_section_table(ctx, o.provider)) {
    ctx.render(*section);
    return kExitOk;
  }
  const Catalog& catalog = ctx.catalog();
  const Provider* only = o.provider.empty() ? nullptr : &provider_named(catalog, o.provider);
  const Date date = ctx.as_of();
  Table t;
  t.columns = show_columns();
  for (const Row& r : catalog_rows(catalog, ctx.options.region, only)) {
    if (o.all || r.provenance->effective.contains(date)) add(t, r);
  }
  t.footnotes.push_back(o.all ? "Every entry, with the dates it is in force ([effective_from, effective_to))."
                              : fmt::format("The entries in force on {} (--all shows every entry with its dates).",
                                            date.to_string()));
  ctx.render(t);
  return kExitOk;
}

struct StaleOptions {
  std::string provider;
  bool all = false;
};

// The to-do list of the next update: the entries in force whose source is oldest.
int run_stale(Context& ctx, const StaleOptions& o) {
  const Catalog& catalog = ctx.catalog();
  const Provider* only = o.provider.empty() ? nullptr : &provider_named(catalog, o.provider);
  const Date date = ctx.as_of();
  const int days = ctx.options.stale_after.value_or(180);
  std::vector<Row> rows;
  for (Row& r : catalog_rows(catalog, ctx.options.region, only)) {
    const long age = date.days_since_epoch() - r.provenance->as_of.days_since_epoch();
    if (r.provenance->effective.contains(date) && (o.all || age > days)) rows.push_back(std::move(r));
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.provenance->as_of < b.provenance->as_of; });
  Table t;
  t.columns = {{"age_days", true}, {"as_of", true}, {"provider", true}, {"kind", true}, {"id", true},
               {"name", false},    {"source", true}, {"confidence", true}, {"effective_from", false}};
  for (const Row& r : rows) {
    const Provenance& p = *r.provenance;
    t.add_row({Cell::of(static_cast<std::int64_t>(date.days_since_epoch() - p.as_of.days_since_epoch())),
               Cell::of(p.as_of.to_string()), Cell::of(r.provider), Cell::of(r.kind), Cell::of(r.id), Cell::of(r.name),
               Cell::of(p.source), Cell::of(std::string(confidence_name(p.confidence))), date_cell(p.effective.from)});
  }
  for (const auto& rate : only ? std::vector<FxRate>{} : catalog.fx.rates()) {
    const long age = date.days_since_epoch() - rate.date.days_since_epoch();
    const auto newest = catalog.fx.rate_for(rate.base, rate.quote, date);
    if (!newest || newest->date != rate.date || (!o.all && age <= days)) continue;
    t.add_row({Cell::of(static_cast<std::int64_t>(age)), Cell::of(rate.date.to_string()), Cell::of("fx"),
               Cell::of("rate"), Cell::of(fmt::format("{}/{}", currency_code(rate.base), currency_code(rate.quote))),
               Cell::null(), Cell::of(rate.source), Cell::of("high"), Cell::of(rate.date.to_string())});
  }
  t.footnotes.push_back(fmt::format("{} in force on {} whose source is older than {} days (--stale-after DAYS; --all "
                                    "lists every entry by age): the figures to check in the next update.",
                                    o.all ? "Entries (all shown)" : "Entries", date.to_string(), days));
  ctx.render(t);
  return kExitOk;
}

}  // namespace

void attach_catalog(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("catalog", "Validate, show, diff or update the pricing catalog");
  cmd->require_subcommand(1);

  CLI::App* validate = cmd->add_subcommand("validate", "Check catalog files; each problem as FILE:LINE:COL: message");
  auto v = fresh_options<ValidateOptions>(validate);
  validate->add_option("paths", v->paths, "Catalog directories or files (default: the catalog in use)");
  validate->footer("Exit codes: 0 valid, 3 problems found (printed on stderr).");
  validate->callback([v, &action] { action = [v](Context& ctx) { return run_validate(ctx, *v); }; });

  CLI::App* show = cmd->add_subcommand("show", "Plans, packs, models, modes and API prices; or GPUs, architectures, "
                                               "exchange rates, serving profiles");
  auto s = fresh_options<ShowOptions>(show);
  show->add_option("provider", s->provider, "Only this provider; or gpus, archs, fx, profiles");
  show->add_flag("--all", s->all, "Every entry with its dates, not only those in force on --as-of");
  show->callback([s, &action] { action = [s](Context& ctx) { return run_show(ctx, *s); }; });

  CLI::App* stale = cmd->add_subcommand("stale", "The entries in force whose sources are oldest: the next update's to-do list");
  auto st = fresh_options<StaleOptions>(stale);
  stale->add_option("provider", st->provider, "Only this provider");
  stale->add_flag("--all", st->all, "Every entry in force, oldest first");
  stale->callback([st, &action] { action = [st](Context& ctx) { return run_stale(ctx, *st); }; });

  attach_catalog_updates(cmd, action);

  CLI::App* schema = cmd->add_subcommand("schema", "The catalog schema reference (Markdown)");
  schema->callback([&action] {
    action = [](Context& ctx) {
      ctx.out << schema_markdown();
      return kExitOk;
    };
  });
}

}  // namespace vidcost
