// What a command sees: the global options of its line, the output streams, and the session
// (which keeps the loaded catalog between prompt or script lines).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "catalog/types.h"
#include "compute/calibrate.h"
#include "compute/specs.h"
#include "money/currency.h"
#include "report/table.h"

namespace vidcost {

struct GlobalOptions {
  std::string catalog_dir;  // empty: the shipped catalog
  std::string currency = "native";
  std::string format;  // empty: table
  std::string region;
  std::string as_of;
  bool no_color = false;
};

struct ParserCache;

// State that outlives one command line.
class Session {
 public:
  // Loads the catalog at `dir` once; later lines reuse it. Prints problems and throws
  // CatalogInvalid when it does not validate.
  const Catalog& catalog(const std::string& dir, std::ostream& err);
  // The compute catalog of `dir` and its calibrated time model, each computed once.
  const ComputeCatalog& compute(const std::string& dir, std::ostream& err);
  const TimeModel& time_model(const std::string& dir, std::ostream& err);
  void forget_catalogs() {
    catalogs_.clear();
    computes_.clear();
    models_.clear();
  }
  bool stdout_is_terminal = false;
  // Command-line parsers built for earlier lines, reused by later ones (see commands.cpp).
  std::shared_ptr<ParserCache> parsers;

 private:
  std::map<std::string, std::unique_ptr<Catalog>> catalogs_;
  std::map<std::string, std::unique_ptr<ComputeCatalog>> computes_;
  std::map<std::string, TimeModel> models_;
};

struct Context {
  Session& session;
  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;

  const Catalog& catalog();
  const ComputeCatalog& compute() { return session.compute(catalog_dir(), err); }
  const TimeModel& time_model() { return session.time_model(catalog_dir(), err); }
  // The exchange rates of the loaded catalog.
  const FxTable& catalog_fx() const { return loaded_->fx; }
  std::string catalog_dir() const;
  Date as_of() const;
  std::optional<Region> region() const;
  // nullopt: each figure in its own currency.
  std::optional<Currency> display_currency() const;
  RenderOptions render_options() const;
  void render(const Table& table) const;
  // Renders a table of market figures, saying which date (--as-of) they are for.
  void render_market(Table table) const;

  const Catalog* loaded_ = nullptr;
};

// Where the shipped catalog is: $VIDCOST_CATALOG, next to an installed binary
// (../share/vidcost/pricing), the install prefix, or the source tree of a build.
std::string default_catalog_dir();

}  // namespace vidcost
