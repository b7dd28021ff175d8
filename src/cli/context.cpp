#include "cli/context.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "catalog/loader.h"
#include "compute/loader.h"
#include "core/errors.h"
#include "core/text.h"

namespace vidcost {

const Catalog& Session::catalog(const std::string& dir, std::ostream& err) {
  if (auto it = catalogs_.find(dir); it != catalogs_.end()) return *it->second;
  LoadResult result = load_catalog({dir});
  if (!result.ok()) {
    for (const auto& problem : result.problems) err << problem.to_string() << '\n';
    throw CatalogInvalid(fmt::format("the catalog in {} does not validate ({} problem{}); see "
                                     "'vidcost catalog validate'",
                                     dir, result.problems.size(), result.problems.size() == 1 ? "" : "s"));
  }
  auto stored = std::make_unique<Catalog>(std::move(result.catalog));
  const Catalog& ref = *stored;
  catalogs_[dir] = std::move(stored);
  return ref;
}

const ComputeCatalog& Session::compute(const std::string& dir, std::ostream& err) {
  if (auto it = computes_.find(dir); it != computes_.end()) return *it->second;
  ComputeLoad result = load_compute(dir);
  if (!result.ok()) {
    for (const auto& problem : result.problems) err << problem.to_string() << '\n';
    throw CatalogInvalid(fmt::format("the compute catalog in {} does not validate ({} problem{}); see "
                                     "'vidcost catalog validate'",
                                     dir, result.problems.size(), result.problems.size() == 1 ? "" : "s"));
  }
  auto stored = std::make_unique<ComputeCatalog>(std::move(result.catalog));
  const ComputeCatalog& ref = *stored;
  computes_[dir] = std::move(stored);
  return ref;
}

const TimeModel& Session::time_model(const std::string& dir, std::ostream& err) {
  if (auto it = models_.find(dir); it != models_.end()) return it->second;
  return models_[dir] = calibrate(compute(dir, err)).model;
}

namespace {

// The lookup beside the executable touches the file system; a script runs it for every line, so
// it is done once per process (the binary does not move while it runs).
const std::string& installed_catalog_dir() {
  static const std::string dir = [] {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      const fs::path beside = exe.parent_path().parent_path() / "share" / "vidcost" / "pricing";
      if (fs::is_directory(beside, ec)) return beside.string();
    }
    if (fs::is_directory(VIDCOST_INSTALLED_CATALOG, ec)) return std::string(VIDCOST_INSTALLED_CATALOG);
    return std::string(VIDCOST_SOURCE_CATALOG);
  }();
  return dir;
}

}  // namespace

std::string default_catalog_dir() {
  if (const char* env = std::getenv("VIDCOST_CATALOG"); env && *env) return env;
  return installed_catalog_dir();
}

std::string Context::catalog_dir() const {
  return options.catalog_dir.empty() ? default_catalog_dir() : options.catalog_dir;
}

const Catalog& Context::catalog() {
  loaded_ = &session.catalog(catalog_dir(), err);
  return *loaded_;
}

Date Context::as_of() const {
  if (options.as_of.empty()) return Date::today();
  if (auto d = Date::parse(options.as_of)) return *d;
  throw UsageError(fmt::format("--as-of '{}' is not a date; write YYYY-MM-DD", options.as_of));
}

std::optional<Region> Context::region() const {
  if (options.region.empty()) return std::nullopt;
  if (auto r = parse_region(options.region)) return r;
  throw UsageError(fmt::format("--region '{}' is not a region; use cn or intl", options.region));
}

std::optional<Currency> Context::display_currency() const {
  if (options.currency.empty() || ascii_lower(options.currency) == "native") return std::nullopt;
  if (auto c = parse_currency(options.currency)) return c;
  throw UsageError(fmt::format("--currency '{}' is not a known currency; use CNY, USD or native{}", options.currency,
                               did_you_mean(options.currency, currency_codes())));
}

RenderOptions Context::render_options() const {
  RenderOptions r;
  if (!options.format.empty()) {
    auto f = parse_format(options.format);
    if (!f) {
      throw UsageError(fmt::format("--format '{}' is not a format; use table, csv, json or markdown{}",
                                   options.format, did_you_mean(options.format, {"table", "csv", "json", "markdown"})));
    }
    r.format = *f;
  }
  const char* no_color = std::getenv("NO_COLOR");
  r.color = session.stdout_is_terminal && !options.no_color && !(no_color && *no_color);
  return r;
}

void Context::render(const Table& table) const { vidcost::render(table, render_options(), out); }

void Context::render_market(Table table) const {
  table.footnotes.push_back(fmt::format("Market as of {}{}.", as_of().to_string(),
                                        options.as_of.empty() ? " (today; --as-of picks another date)" : ""));
  render(table);
}

}  // namespace vidcost
