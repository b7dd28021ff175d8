// Fuzz target: an update of any bytes applied in memory to a small valid catalog (a patch, a
// retirement, a revert), then the diff `catalog apply` would print.
#include <cstdint>
#include <string>

#include "catalog/loader.h"
#include "core/files.h"
#include "pricing/catalog_diff.h"

using namespace vidcost;

namespace {

const std::string& base_text() {
  static const std::string text = read_input_file(std::string(VIDCOST_TEST_DATA) + "/fixtures/base_provider.toml");
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const LoadResult before = load_catalog_texts({{"acme.toml", base_text()}}, {});
  // The update once, and once reverted by a second update.
  const LoadResult after = load_catalog_texts({{"acme.toml", base_text()}}, {{"0001-fuzz.toml", text}});
  (void)load_catalog_texts({{"acme.toml", base_text()}},
                           {{"0001-fuzz.toml", text}, {"0002-revert.toml", "[revert]\nupdate = \"0001-fuzz.toml\"\n"}});
  for (const auto& p : after.problems) (void)p.to_string();
  if (before.ok() && after.ok()) (void)diff_catalogs(before.catalog, after.catalog, Date{2026, 1, 1}, std::nullopt);
  return 0;
}
