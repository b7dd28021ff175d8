// `vidcost report FILE.html [PATTERN...]`: one self-contained HTML page for a comparison: the
// table (sortable by any column), the cheapest per-second price of each provider over time,
// break-even curves and margin bands for one generation, the sources and the staleness notes.
// No network: the charts are SVG drawn here, the script and styles are inline.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "cli/breakeven_view.h"
#include "cli/build_info.h"
#include "cli/commands.h"
#include "cli/compare_filters.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/error.h"
#include "core/files.h"
#include "pricing/breakeven.h"
#include "pricing/compare.h"
#include "pricing/margin.h"
#include "pricing/trend.h"
#include "report/band_chart.h"
#include "report/html.h"
#include "report/svg_chart.h"
#include "report/time_chart.h"

namespace vidcost {
namespace {

struct ReportOptions {
  std::string file, spec;
  CompareFilters filters;
};

constexpr const char* kStyle = R"CSS(
body { font-family: 'Noto Sans CJK SC', 'Noto Sans CJK', 'WenQuanYi Micro Hei', 'Noto Sans', sans-serif;
       margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; }
table.sortable { border-collapse: collapse; font-size: 13px; }
table.sortable th { cursor: pointer; background: #f0f0f0; text-align: left; padding: 4px 8px; white-space: nowrap; }
table.sortable th.asc::after { content: " \25B2"; } table.sortable th.desc::after { content: " \25BC"; }
table.sortable td { padding: 3px 8px; border-top: 1px solid #e5e5e5; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.note, p.meta { font-size: 13px; color: #555; max-width: 1100px; }
svg { max-width: 100%; height: auto; }
)CSS";

// Sorting by a click on a header (numbers as numbers), or on load from #sort=COLUMN:asc|desc.
constexpr const char* kScript = R"JS(
function sortTable(table, column, descending) {
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const key = (row) => {
    const cell = row.cells[column];
    if (!cell) return '';
    const n = cell.dataset.sort;
    return n !== undefined && n !== '' ? parseFloat(n) : cell.textContent;
  };
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    const c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
    return descending ? -c : c;
  });
  rows.forEach((row) => body.appendChild(row));
  Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
    th.classList.remove('asc', 'desc');
    if (i === column) th.classList.add(descending ? 'desc' : 'asc');
  });
}
document.querySelectorAll('table.sortable').forEach((table) => {
  Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
    th.addEventListener('click', () => sortTable(table, i, th.classList.contains('asc')));
  });
});
const wanted = /^#sort=([^:]+):(asc|desc)$/.exec(decodeURIComponent(location.hash));
if (wanted) {
  const table = document.getElementById('comparison');
  const names = Array.from(table.tHead.rows[0].cells).map((th) => th.textContent);
  const column = names.indexOf(wanted[1]);
  if (column >= 0) sortTable(table, column, wanted[2] === 'desc');
}
document.body.dataset.rows = document.querySelectorAll('#comparison tbody tr').length;
document.body.dataset.series = document.querySelectorAll('svg polyline').length;
document.body.dataset.ready = 'yes';
)JS";

// The text table's columns (the readable ones) of a quote table.
Table readable(const Table& full) {
  Table t;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < full.columns.size(); ++i) {
    if (full.columns[i].in_text_table || full.columns[i].name == "as_of" || full.columns[i].name == "source") {
      keep.push_back(i);
      t.columns.push_back(full.columns[i]);
    }
  }
  for (const auto& row : full.rows) {
    std::vector<Cell> cells;
    for (std::size_t i : keep) cells.push_back(i < row.size() ? row[i] : Cell::null());
    t.add_row(std::move(cells));
  }
  t.footnotes = full.footnotes;
  return t;
}

Chart trend_chart(const Trends& trends, const Date& until, const std::string& what) {
  std::vector<StepLine> lines;
  for (const auto& t : trends.providers) {
    StepLine line{t.provider, {}};
    for (const auto& [date, price] : t.steps) {
      line.steps.push_back({date, price ? std::optional<double>(price->convert_to<double>()) : std::nullopt});
    }
    lines.push_back(std::move(line));
  }
  Chart c = step_chart(fmt::format("Cheapest per-second price of each provider over time: {}", what),
                       fmt::format("{} per second of video", currency_code(trends.currency)),
                       trends.dates.empty() ? until : trends.dates.front(), until, lines);
  c.notes.push_back(fmt::format("In {} at each date's rate; a step on each day the catalog records a change.",
                                currency_code(trends.currency)));
  return c;
}

// Margin bands: for each offer (at most 24), the serving cost per second from the low to the high
// scenario (a grey band, the central one marked) and the price (a dot).
std::string margin_svg(const MarginResult& r) {
  BandChart chart;
  for (const auto& band : margin_bands(r)) {
    if (chart.rows.empty()) {
      chart.title = fmt::format("Price and serving cost per second ({}): {}", currency_code(band.currency),
                                r.generation.spec());
    }
    const double price = band.price.convert_to<double>();
    chart.rows.push_back({band.offer, band.cost_low.convert_to<double>(), band.cost_high.convert_to<double>(),
                          band.cost_central ? std::optional<double>(band.cost_central->convert_to<double>())
                                            : std::nullopt,
                          price, fmt::format("price {:.4f}", price)});
    if (chart.rows.size() == 24) break;
  }
  chart.legend = "dot: the price; grey band: serving cost, low to high scenario (line: central)";
  return render_band_svg(chart);
}

// The sources the quotes rest on, each with its title, URL and date where the provider's file
// defines it (a figure may also cite a URL directly).
std::string sources_table(const Catalog& catalog, const std::vector<const Quote*>& quotes) {
  std::set<std::pair<std::string, std::string>> used;  // provider id, source key or URL: in that order
  for (const Quote* q : quotes) {
    for (const auto& s : q->trust.sources) used.insert({q->generation.provider->id, std::string(s)});
  }
  Table t;
  t.columns = {{"provider"}, {"source"}, {"title"}, {"url"}, {"as_of"}};
  for (const auto& [id, key] : used) {
    const Provider& provider = *catalog.find_provider(id);
    const auto found = provider.sources.find(key);
    const Source* source = found == provider.sources.end() ? nullptr : &found->second;
    t.add_row({Cell::of(id), Cell::of(key), source ? Cell::of(source->title) : Cell::null(),
               source ? Cell::of(source->url) : Cell::null(),
               source && source->as_of ? Cell::of(source->as_of->to_string()) : Cell::null()});
  }
  return html_table(t, "sources");
}

int run_report(Context& ctx, const ReportOptions& o) {
  Market market = ctx.market();
  if (!market.display) market.display = Currency::USD;  // one currency, so every column sorts
  const CompareRequest request = compare_request(o.filters);
  CompareResult result = compare(market, request);
  if (result.priced.empty()) throw Error::bad_input("nothing in the comparison is priced; widen the patterns");
  const std::vector<const Quote*>& priced = result.priced;
  Table full = quote_table({priced, std::move(result.unpriced), std::move(result.unsold)}, market, QuoteView::Compare);
  full.hold_rows();
  const Table table = readable(std::move(full));

  // The generation the break-even and margin sections are about: --spec, else the cheapest row's.
  const Generation chosen = o.spec.empty() ? priced.front()->generation
                                           : resolve_generations(*market.catalog, parse_spec_pattern(o.spec), market.date, true).at(0);
  const std::vector<std::string>& patterns = o.filters.patterns;
  const std::string what = patterns.empty() ? std::string("every generation") : fmt::format("{}", fmt::join(patterns, ", "));
  std::string page = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>vidcost report: {}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n<h1>vidcost report: {}</h1>\n",
      html_escape(what), kStyle, html_escape(what));
  page += fmt::format("<p class=\"meta\">Market as of {}; amounts in {} at the rate in force; {} priced rows. Made "
                      "by vidcost {} from the catalog in {}.</p>\n",
                      market.date.to_string(), currency_code(*market.display), priced.size(), version(),
                      html_escape(ctx.catalog_dir()));
  if (const auto labels = what_if_labels(ctx.options); !labels.empty()) {
    page += fmt::format("<p class=\"meta\"><strong>What-if, not the catalog:</strong> {}</p>\n",
                        html_escape(fmt::format("{}", fmt::join(labels, "; "))));
  }
  page += "<h2>Comparison</h2>\n<p class=\"note\">Click a column's name to sort by it.</p>\n" +
          html_table(table, "comparison");

  page += "<h2>Price over time</h2>\n" +
          inline_svg(render_svg(trend_chart(cheapest_over_time(market, request, *market.display), market.date, what)));

  page += fmt::format("<h2>Break-even: {}</h2>\n", html_escape(chosen.spec()));
  try {
    BreakevenRequest b;
    b.provider = chosen.provider->id;
    b.spec = parse_spec_pattern(chosen.spec());
    page += inline_svg(render_svg(breakeven_chart(breakeven(market, b))));
  } catch (const Error& e) {
    page += fmt::format("<p class=\"note\">No break-even chart: {}</p>\n", html_escape(e.what()));
  }

  page += fmt::format("<h2>Margin bands: {}</h2>\n", html_escape(chosen.spec()));
  try {
    MarginRequest m;
    m.spec = parse_spec_pattern(chosen.spec());
    const MarginResult r = margin(market, ctx.compute(), ctx.time_model(), m);
    const std::string svg = r.no_profile ? "" : margin_svg(r);
    page += svg.empty() ? fmt::format("<p class=\"note\">No serving profile covers {}{}.</p>\n", html_escape(chosen.spec()),
                                      r.no_profile ? ": " + html_escape(*r.no_profile) : std::string())
                        : svg;
  } catch (const Error& e) {
    page += fmt::format("<p class=\"note\">No margin bands: {}</p>\n", html_escape(e.what()));
  }

  page += "<h2>Sources</h2>\n" + sources_table(*market.catalog, priced);
  page += fmt::format("<script>{}</script>\n</body>\n</html>\n", kScript);
  write_text_file(o.file, page);
  ctx.err << fmt::format("wrote {}\n", o.file);
  return kExitOk;
}

}  // namespace

void attach_report(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("report", "One self-contained HTML page: the comparison, charts, sources");
  auto o = fresh_options<ReportOptions>(cmd);
  cmd->add_option("file", o->file, "FILE.html to write")->required();
  add_compare_filters(cmd, o->filters, "SPEC-PATTERNs, as compare takes them (default: everything)");
  cmd->add_option("--spec", o->spec, "The generation of the break-even and margin sections (default: the cheapest row's)");
  cmd->footer("Example: vidcost report kling-vs-hailuo.html 'kling/*/pro@5s' 'hailuo/*/768p@6s'");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_report(ctx, *o); }; });
}

}  // namespace vidcost
