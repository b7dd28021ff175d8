// What a command sees: the typed global options of its line (merged with the prompt's
// settings), the output streams, and the session, which keeps loaded catalogs between lines.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "catalog/assume.h"
#include "catalog/cache.h"
#include "catalog/types.h"
#include "compute/calibrate.h"
#include "compute/specs.h"
#include "pricing/market.h"
#include "report/table.h"

namespace vidcost {

// The currency amounts are shown in; empty: each in its own ("native").
struct DisplayCurrency {
  std::optional<Currency> currency;
};

// Options and prompt settings, typed; each is unset unless given. A line's own options win
// over the prompt's settings, which win over the defaults.
struct Settings {
  std::optional<std::string> catalog_dir;  // Default: the shipped catalog
  std::optional<DisplayCurrency> currency;  // Default: native
  std::optional<Format> format;             // Default: table
  std::optional<Region> region;             // Default: both markets
  std::optional<Date> as_of;                // Default: today
  std::optional<PriceBasisChoice> price_basis;  // Default: renewal (what a continuing customer pays)
  std::optional<int> stale_after;           // Default: 180 days
  bool no_color = false;                    // also NO_COLOR=1
  // Command settings (the prompt's `set`): the commands they concern take them.
  std::optional<std::string> plan;        // price, margin: the plan to price on
  std::optional<Rational> utilization;    // price, compare, margin: the buyer's credit utilization
  std::optional<std::string> gpu;         // cost, margin: the GPU to cost on
  // What-ifs (--overlay FILE, --assume KEY=VALUE): applied to the catalog in memory only.
  std::vector<std::string> overlays;
  std::vector<Assumption> assumptions;
};

// The what-ifs of a line in words, for footers and the `what_if` column: "overlay FILE",
// "assume KEY=VALUE". Empty: none.
std::vector<std::string> what_if_labels(const Settings& settings);

// `over` where set, else `under`.
Settings merge(const Settings& over, const Settings& under);

inline constexpr std::size_t kMaxScriptDepth = 16;

// State that outlives one command line.
class Session {
 public:
  // Loads the catalog at `dir` once; later lines reuse it. Error (InvalidCatalog, with the
  // problems) when it does not validate.
  const Catalog& catalog(const std::string& dir);
  // The catalog with update files applied in memory (read after the catalog's own updates, and
  // validated with it) and then the assumptions; cached per combination.
  const Catalog& catalog(const std::string& dir, const std::vector<std::string>& overlays,
                         const std::vector<Assumption>& assumptions);
  // The compute catalog of `dir`, and its calibrated time model: each computed on first use.
  const ComputeCatalog& compute(const std::string& dir);
  const TimeModel& time_model(const std::string& dir);
  void forget_catalogs();

  bool stdout_is_terminal = false;
  // The scripts being run, outermost first: a script that runs one of them again, or a chain
  // deeper than kMaxScriptDepth, is a "script recursion" error instead of a stack overflow.
  std::vector<std::string> running_scripts;
  // Command-line parsers built for earlier lines, reused by later ones (see commands.cpp).
  std::shared_ptr<struct ParserCache> parsers;
  // Where validated catalogs are kept between runs (catalog/cache.h); none: always parse.
  std::optional<CatalogCache> catalog_cache;

 private:
  std::map<std::string, std::unique_ptr<Catalog>> catalogs_;
  std::string last_plain_dir_;  // the last catalog asked for without overlays or assumptions
  const Catalog* last_plain_ = nullptr;
  std::map<std::string, std::unique_ptr<ComputeCatalog>> computes_;
  std::map<std::string, TimeModel> models_;
};

struct Context {
  Session& session;
  Settings options;  // this line's options merged with the prompt's settings
  std::ostream& out;
  std::ostream& err;

  std::string catalog_dir() const;
  const Catalog& catalog() { return session.catalog(catalog_dir(), options.overlays, options.assumptions); }
  const ComputeCatalog& compute() { return session.compute(catalog_dir()); }
  const TimeModel& time_model() { return session.time_model(catalog_dir()); }
  // Today is asked of the system only when no date is set (value_or would ask on every line).
  Date as_of() const { return options.as_of ? *options.as_of : Date::today(); }
  std::optional<Currency> display_currency() const { return options.currency ? options.currency->currency : std::nullopt; }
  // The catalog on the date, in the region and display currency of this line.
  Market market();
  Rational utilization() const { return options.utilization.value_or(Rational(1)); }

  RenderOptions render_options() const;
  // Whether the output format prints a table's footnotes (text and Markdown; CSV and JSON do not).
  bool prints_footnotes() const;
  void render(const Table& table) const;
  // Renders a table of market figures, saying which date (--as-of) they are for.
  // With what-ifs, every row gets a `what_if` column and the table a footnote naming them.
  void render_market(Table&& table) const;
  // Adds the what-if column and footnote (render_market does this itself).
  void note_what_ifs(Table& table) const;
};

// Where the shipped catalog is: $VIDCOST_CATALOG, next to an installed binary
// (../share/vidcost/pricing), the install prefix, or the source tree of a build.
std::string default_catalog_dir();

// The catalog cache's directory: $VIDCOST_CACHE_DIR (set but empty: no cache), else
// $XDG_CACHE_HOME/vidcost, else $HOME/.cache/vidcost; none when neither says where.
std::optional<CatalogCache> catalog_cache_from_environment();

}  // namespace vidcost
