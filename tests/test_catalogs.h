// Catalogs for the unit suites: the shipped one (loaded once) and small ones written inline in a
// test, so a rule is tested on the few entries it is about.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/loader.h"

namespace vidcost::testing {

// The day every test prices on, so results do not depend on today.
inline const Date kMarketDay{2026, 11, 28};

inline const Catalog& shipped_catalog() {
  static const LoadResult result = load_catalog({std::string(VIDCOST_REPO_ROOT) + "/pricing"});
  return result.catalog;
}

// A catalog from TOML texts ("name.toml" => text); throws with the problems when it does not load.
inline Catalog catalog_from(const std::vector<NamedText>& files, const std::vector<NamedText>& updates = {}) {
  LoadResult r = load_catalog_texts(files, updates);
  if (!r.ok()) {
    std::string all;
    for (const auto& p : r.problems) all += p.to_string() + "\n";
    throw std::runtime_error("test catalog does not load:\n" + all);
  }
  return std::move(r.catalog);
}

// An exchange-rate file with one rate: 1 USD = 7 CNY from 2025-01-01 (round numbers for hand sums).
inline NamedText fx_seven() {
  return {"fx.toml", R"(
[[rate]]
base = "USD"
quote = "CNY"
rate = 7
date = 2025-01-01
source = "https://example.test/fx"
as_of = 2025-01-01
confidence = "high"
)"};
}

}  // namespace vidcost::testing
