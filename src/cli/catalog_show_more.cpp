#include "cli/catalog_show_more.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "money/decimal.h"

namespace vidcost {
namespace {

Cell real(double v) { return Cell::number(format_significant(v, 4)); }

std::vector<Cell> provenance_cells(const Provenance& p) {
  return {Cell::of(p.source), Cell::of(std::string(confidence_name(p.confidence))), Cell::of(p.as_of.to_string())};
}

Table gpus_table(const ComputeCatalog& c) {
  Table t;
  t.columns = {{"gpu", true},       {"name", true},           {"bf16_tflops", true}, {"fp8_tflops", true},
               {"memory_gb", true}, {"price_id", true},       {"region", true},      {"price_per_hour", true},
               {"currency", true},  {"source", false},        {"confidence", true},  {"as_of", false}};
  for (const auto& g : c.gpus) {
    std::vector<const GpuPrice*> prices;
    for (const auto& p : c.prices) {
      if (p.gpu == g.id) prices.push_back(&p);
    }
    auto row = [&](const GpuPrice* p) {
      std::vector<Cell> cells = {Cell::of(g.id), Cell::of(g.name), real(g.bf16_tflops),
                                 g.fp8_tflops ? real(*g.fp8_tflops) : Cell::null(), real(g.memory_gb)};
      if (p) {
        cells.push_back(Cell::of(p->id));
        cells.push_back(Cell::of(std::string(region_name(p->region))));
        cells.push_back(Cell::number(format_fixed(p->price.value, 2)));
        cells.push_back(Cell::of(std::string(currency_code(p->price.currency))));
        for (auto& cell : provenance_cells(p->provenance)) cells.push_back(std::move(cell));
      } else {
        for (int i = 0; i < 4; ++i) cells.push_back(Cell::null());
        for (auto& cell : provenance_cells(g.provenance)) cells.push_back(std::move(cell));
      }
      t.add_row(std::move(cells));
    };
    if (prices.empty()) row(nullptr);
    for (const GpuPrice* p : prices) row(p);
  }
  t.footnotes.push_back("Dense tensor peaks (no sparsity); prices per GPU-hour in the market of the row.");
  return t;
}

Table archs_table(const ComputeCatalog& c) {
  Table t;
  t.columns = {{"arch", true},   {"name", true},   {"params_b", true}, {"layers", true},  {"hidden", true},
               {"steps", true},  {"passes", true}, {"native", true},   {"frames", true},  {"source", false},
               {"confidence", true}, {"as_of", false}};
  for (const auto& a : c.archs) {
    std::vector<Cell> cells = {Cell::of(a.id),      Cell::of(a.name),          real(a.params_b),
                               Cell::of(a.layers), Cell::of(a.hidden), Cell::of(a.steps),
                               Cell::of(a.passes), Cell::of(fmt::format("{}x{}", a.width, a.height)),
                               Cell::of(a.frames)};
    for (auto& cell : provenance_cells(a.provenance)) cells.push_back(std::move(cell));
    t.add_row(std::move(cells));
  }
  t.footnotes.push_back("The open research architectures the cost model runs; 'vidcost cost ARCH' costs one.");
  return t;
}

Table fx_table(const Catalog& c, const Date& as_of) {
  Table t;
  t.columns = {{"date", true}, {"pair", true}, {"rate", true}, {"in_force", true}, {"source", true}};
  std::optional<Date> current;
  for (const auto& r : c.fx.rates()) {
    if (r.date <= as_of && (!current || *current < r.date)) current = r.date;
  }
  for (const auto& r : c.fx.rates()) {
    t.add_row({Cell::of(r.date.to_string()),
               Cell::of(fmt::format("{}/{}", currency_code(r.base), currency_code(r.quote))),
               Cell::number(format_plain(r.rate, 6)), Cell::of(current && *current == r.date ? "yes" : ""),
               Cell::of(r.source)});
  }
  t.footnotes.push_back(fmt::format("A conversion on {} uses the latest rate dated on or before it (in_force).",
                                    as_of.to_string()));
  return t;
}

Table profiles_table(const ComputeCatalog& c) {
  Table t;
  t.columns = {{"profile", true}, {"covers", true}, {"scenario", true}, {"gpu", true}, {"arch", true},
               {"summary", true}};
  for (const auto& p : c.profiles) {
    for (const auto& s : p.scenarios) {
      t.add_row({Cell::of(p.id), Cell::of(fmt::format("{}", fmt::join(p.match, " "))), Cell::of(s.id), Cell::of(s.gpu),
                 Cell::of(s.arch), Cell::of(s.summary)});
    }
  }
  for (const auto& n : c.no_profiles) {
    t.add_row({Cell::of("(none)"), Cell::of(fmt::format("{}", fmt::join(n.match, " "))), Cell::null(), Cell::null(),
               Cell::null(), Cell::of(n.reason)});
  }
  t.footnotes.push_back("Serving profiles cost the products their patterns cover, in three scenarios; 'vidcost cost "
                        "SPEC --scenario all' shows every parameter with its source.");
  return t;
}

}  // namespace

const char* catalog_section_words() { return "gpus, archs, fx, profiles"; }

std::optional<Table> catalog_section_table(Context& ctx, const std::string& what) {
  if (what == "gpus") return gpus_table(ctx.compute());
  if (what == "archs") return archs_table(ctx.compute());
  if (what == "fx") return fx_table(ctx.catalog(), ctx.as_of());
  if (what == "profiles") return profiles_table(ctx.compute());
  return std::nullopt;
}

}  // namespace vidcost
