#include "cli/context.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "catalog/loader.h"
#include "cli/build_info.h"
#include "compute/loader.h"
#include "core/files.h"
#include "core/error.h"

namespace vidcost {

Settings merge(const Settings& over, const Settings& under) {
  Settings s;
  s.catalog_dir = over.catalog_dir ? over.catalog_dir : under.catalog_dir;
  s.currency = over.currency ? over.currency : under.currency;
  s.format = over.format ? over.format : under.format;
  s.region = over.region ? over.region : under.region;
  s.as_of = over.as_of ? over.as_of : under.as_of;
  s.price_basis = over.price_basis ? over.price_basis : under.price_basis;
  s.stale_after = over.stale_after ? over.stale_after : under.stale_after;
  s.no_color = over.no_color || under.no_color;
  s.plan = over.plan ? over.plan : under.plan;
  s.utilization = over.utilization ? over.utilization : under.utilization;
  s.gpu = over.gpu ? over.gpu : under.gpu;
  s.overlays = !over.overlays.empty() ? over.overlays : under.overlays;
  s.assumptions = !over.assumptions.empty() ? over.assumptions : under.assumptions;
  return s;
}

std::vector<std::string> what_if_labels(const Settings& settings) {
  std::vector<std::string> labels;
  for (const auto& o : settings.overlays) labels.push_back("overlay " + o);
  for (const auto& a : settings.assumptions) labels.push_back("assume " + a.text);
  return labels;
}

const Catalog& Session::catalog(const std::string& dir) { return catalog(dir, {}, {}); }

const Catalog& Session::catalog(const std::string& dir, const std::vector<std::string>& overlays,
                                const std::vector<Assumption>& assumptions) {
  // A script asks for the same plain catalog on every line: answered without building a key.
  const bool plain = overlays.empty() && assumptions.empty();
  if (plain && last_plain_ != nullptr && last_plain_dir_ == dir) return *last_plain_;
  std::string key = dir;
  for (const auto& o : overlays) key += '\x1f' + o;
  key += '\x1e';
  for (const auto& a : assumptions) key += '\x1f' + a.text;
  if (auto it = catalogs_.find(key); it != catalogs_.end()) {
    if (plain) {
      last_plain_dir_ = dir;
      last_plain_ = it->second.get();
    }
    return *it->second;
  }
  std::vector<NamedText> overlay_texts;
  for (const auto& o : overlays) overlay_texts.push_back({o, read_input_file(o)});
  LoadResult result = load_catalog({dir}, overlay_texts, catalog_cache ? &*catalog_cache : nullptr);
  if (!result.ok()) {
    const std::size_t n = result.problems.size();
    if (!overlays.empty()) {
      throw Error::invalid_catalog(fmt::format("the catalog in {} with --overlay {} does not validate ({} problem{})",
                                               dir, fmt::join(overlays, ", "), n, n == 1 ? "" : "s"),
                                   std::move(result.problems));
    }
    throw Error::invalid_catalog(fmt::format("the catalog in {} does not validate ({} problem{}); see 'vidcost "
                                             "catalog validate'",
                                             dir, n, n == 1 ? "" : "s"),
                                 std::move(result.problems));
  }
  for (const auto& a : assumptions) apply_assumption(result.catalog, a);
  const Catalog& loaded = *(catalogs_[key] = std::make_unique<Catalog>(std::move(result.catalog)));
  if (plain) {
    last_plain_dir_ = dir;
    last_plain_ = &loaded;
  }
  return loaded;
}

const ComputeCatalog& Session::compute(const std::string& dir) {
  if (auto it = computes_.find(dir); it != computes_.end()) return *it->second;
  ComputeLoad result = load_compute(dir);
  if (!result.ok()) {
    const std::size_t n = result.problems.size();
    throw Error::invalid_catalog(fmt::format("the compute catalog in {} does not validate ({} problem{}); see "
                                             "'vidcost catalog validate'",
                                             dir, n, n == 1 ? "" : "s"),
                                 std::move(result.problems));
  }
  return *(computes_[dir] = std::make_unique<ComputeCatalog>(std::move(result.catalog)));
}

const TimeModel& Session::time_model(const std::string& dir) {
  if (auto it = models_.find(dir); it != models_.end()) return it->second;
  return models_[dir] = calibrate(compute(dir)).model;
}

void Session::forget_catalogs() {
  last_plain_ = nullptr;
  catalogs_.clear();
  computes_.clear();
  models_.clear();
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
    if (fs::is_directory(installed_catalog_path(), ec)) return std::string(installed_catalog_path());
    return std::string(source_catalog_path());
  }();
  return dir;
}

}  // namespace

std::string default_catalog_dir() {
  if (const char* env = std::getenv("VIDCOST_CATALOG"); env && *env) return env;
  return installed_catalog_dir();
}

std::optional<CatalogCache> catalog_cache_from_environment() {
  if (const char* dir = std::getenv("VIDCOST_CACHE_DIR")) {
    if (*dir == '\0') return std::nullopt;
    return CatalogCache(dir);
  }
  // Relative values are ignored, as the XDG base directory specification asks.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    return CatalogCache(std::filesystem::path(xdg) / "vidcost");
  }
  if (const char* home = std::getenv("HOME"); home && *home == '/') {
    return CatalogCache(std::filesystem::path(home) / ".cache" / "vidcost");
  }
  return std::nullopt;
}

std::string Context::catalog_dir() const { return options.catalog_dir ? *options.catalog_dir : default_catalog_dir(); }

Market Context::market() {
  Market m{&catalog(), as_of(), options.region, display_currency()};
  m.price_basis = options.price_basis.value_or(PriceBasisChoice::Renewal);
  m.stale_after_days = options.stale_after.value_or(180);
  return m;
}

namespace {

// The terminal's width: its window size, else $COLUMNS, else 100.
std::size_t terminal_columns() {
  struct winsize size {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const long n = std::strtol(columns, nullptr, 10);
    if (n > 0 && n < 10000) return static_cast<std::size_t>(n);
  }
  return 100;
}

}  // namespace

RenderOptions Context::render_options() const {
  RenderOptions r;
  r.format = options.format.value_or(Format::Table);
  const char* no_color = std::getenv("NO_COLOR");
  r.color = session.stdout_is_terminal && !options.no_color && !(no_color && *no_color);
  if (session.stdout_is_terminal) r.width = terminal_columns();
  return r;
}

void Context::render(const Table& table) const { vidcost::render(table, render_options(), out); }

bool Context::prints_footnotes() const {
  const Format f = options.format.value_or(Format::Table);
  return f == Format::Table || f == Format::Markdown;
}

void Context::note_what_ifs(Table& table) const {
  const auto labels = what_if_labels(options);
  if (labels.empty()) return;
  const std::string all = fmt::format("{}", fmt::join(labels, "; "));
  table.columns.push_back({"what_if", false});
  table.extend_rows([all](std::size_t, RowSink& row) { row.text(all); });
  table.footnotes.push_back(fmt::format("What-if, not the catalog: {} (in memory only; the catalog is unchanged).", all));
}

void Context::render_market(Table&& table) const {
  note_what_ifs(table);
  if (prints_footnotes()) {
    table.footnotes.push_back(fmt::format("Market as of {}{}.", as_of().to_string(),
                                          options.as_of ? "" : " (today; --as-of picks another date)"));
  }
  render(table);
}

}  // namespace vidcost
