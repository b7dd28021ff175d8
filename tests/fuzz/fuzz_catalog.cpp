// Fuzz target: the catalog loader and validator on one file of any bytes (a provider file, or
// an exchange-rate file when the first byte is odd), then, when it loads, every price it makes.
#include <cstdint>
#include <string>

#include "catalog/loader.h"
#include "core/text.h"
#include "pricing/quote.h"
#include "pricing/spec.h"

using namespace vidcost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string name = size > 0 && (data[0] & 1) ? "fx.toml" : "fuzz.toml";
  const LoadResult r = load_catalog_texts({{name, text}}, {});
  for (const auto& p : r.problems) (void)visible(p.to_string());
  if (!r.ok()) return 0;
  for (const Date& d : {Date{2025, 6, 1}, Date{2026, 11, 28}}) {
    for (const auto& g : resolve_generations(r.catalog, SpecPattern{}, d, false)) {
      for (const auto& q : quote_all(g, QuoteOptions{d, 1, std::nullopt, std::nullopt})) {
        if (q.priced()) (void)q.derivation();
      }
    }
  }
  return 0;
}
