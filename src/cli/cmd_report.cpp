// `vidcost report FILE.html [PATTERN...]`: one self-contained HTML page for a comparison: the
// table (sortable by any column), the cheapest per-second price of each provider over time,
// break-even curves and margin bands for one generation, the sources and the staleness notes.
// No network: the charts are SVG drawn here, the script and styles are inline.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/breakeven_view.h"
#include "cli/build_info.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/error.h"
#include "core/files.h"
#include "pricing/breakeven.h"
#include "pricing/compare.h"
#include "pricing/margin.h"
#include "pricing/trend.h"
#include "report/html.h"
#include "report/svg_chart.h"
#include "report/time_chart.h"

namespace vidcost {
namespace {

struct ReportOptions {
  std::string file, resolution, duration, offer, spec;
  std::vector<std::string> patterns, providers;
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

// Margin bands: for each offer, the serving cost per second from the low to the high scenario
// (a grey band, the central one marked) and the price (a dot).
std::string margin_svg(const MarginResult& r) {
  struct Band {
    std::string label;
    double price = 0, low = 1e300, high = 0;
    std::optional<double> central;
    std::string currency;
  };
  std::vector<Band> bands;
  std::map<std::string, std::size_t> index;
  for (const auto& row : r.rows) {
    if (!row.cost_per_second) continue;
    const std::string label = fmt::format("{} {}", offer_kind_name(row.quote.kind), row.quote.offer_id);
    auto [it, added] = index.emplace(label, bands.size());
    if (added) bands.push_back({label, row.price_per_second.convert_to<double>(), 1e300, 0, std::nullopt,
                                std::string(currency_code(row.currency))});
    Band& b = bands[it->second];
    const double cost = row.cost_per_second->convert_to<double>();
    b.low = std::min(b.low, cost);
    b.high = std::max(b.high, cost);
    if (row.scenario == "central") b.central = cost;
  }
  if (bands.empty()) return "";
  if (bands.size() > 24) bands.resize(24);
  double x_max = 0;
  for (const auto& b : bands) x_max = std::max({x_max, b.price, b.high});
  x_max *= 1.1;
  const double left = 240, width = 900, row_h = 26, top = 40;
  const double plot_w = width - left - 40, height = top + row_h * static_cast<double>(bands.size()) + 50;
  auto px = [&](double x) { return left + plot_w * x / x_max; };
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"20\" font-weight=\"bold\">Price and serving cost per second ({3}): {4}</text>\n",
      width, height, left, html_escape(bands.front().currency), html_escape(r.generation.spec()));
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const Band& b = bands[i];
    const double y = top + row_h * static_cast<double>(i);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 8, y + 16,
                     html_escape(b.label));
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"12\" fill=\"#c8c8c8\"/>\n", px(b.low),
                     y + 6, std::max(1.0, px(b.high) - px(b.low)));
    if (b.central) {
      s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#595959\" "
                       "stroke-width=\"2\"/>\n",
                       px(*b.central), y + 4, y + 20);
    }
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"#0072b2\"><title>price {:.4f}</title></circle>\n",
                     px(b.price), y + 12, b.price);
  }
  const double axis_y = top + row_h * static_cast<double>(bands.size()) + 8;
  s += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#222\"/>\n", left, axis_y,
                   left + plot_w);
  for (int k = 0; k <= 4; ++k) {
    const double v = x_max * k / 4;
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{:.3f}</text>\n", px(v), axis_y + 16, v);
  }
  s += fmt::format("<text x=\"{}\" y=\"{:.1f}\">dot: the price; grey band: serving cost, low to high scenario "
                   "(line: central)</text>\n</svg>\n",
                   left, axis_y + 34);
  return s;
}

std::string sources_table(const Catalog& catalog, const std::vector<Quote>& quotes) {
  std::set<std::pair<std::string, std::string>> used;  // provider, source key or URL
  for (const auto& q : quotes) {
    for (const auto& s : q.trust.sources) used.insert({q.generation.provider->id, s});
  }
  Table t;
  t.columns = {{"provider"}, {"source"}, {"title"}, {"url"}, {"as_of"}};
  for (const auto& [provider, key] : used) {
    const Provider* p = catalog.find_provider(provider);
    const auto found = p ? p->sources.find(key) : decltype(p->sources.end()){};
    if (p && found != p->sources.end()) {
      t.add_row({Cell::of(provider), Cell::of(key), Cell::of(found->second.title), Cell::of(found->second.url),
                 found->second.as_of ? Cell::of(found->second.as_of->to_string()) : Cell::null()});
    } else {
      t.add_row({Cell::of(provider), Cell::of(key), Cell::null(), Cell::null(), Cell::null()});
    }
  }
  return html_table(t, "sources");
}

int run_report(Context& ctx, const ReportOptions& o) {
  Market market = ctx.market();
  if (!market.display) market.display = Currency::USD;  // one currency, so every column sorts
  CompareRequest request;
  for (const auto& p : o.patterns) request.patterns.push_back(parse_spec_pattern(p));
  request.providers = o.providers;
  if (!o.resolution.empty()) request.resolution = o.resolution;
  if (!o.duration.empty()) request.seconds = parse_duration(o.duration);
  if (!o.offer.empty()) request.kind = parse_offer_kind_option(o.offer);
  CompareResult result = compare(market, request);
  if (result.priced.empty()) throw Error::bad_input("nothing in the comparison is priced; widen the patterns");
  const std::vector<Quote> priced = result.priced;
  const Table table = readable(quote_table({std::move(result.priced), std::move(result.unpriced), std::move(result.unsold)},
                                           market, QuoteView::Compare));

  // The generation the break-even and margin sections are about: --spec, else the cheapest row's.
  const Generation chosen = o.spec.empty() ? priced.front().generation
                                           : resolve_generations(*market.catalog, parse_spec_pattern(o.spec), market.date, true).at(0);
  const std::string what = o.patterns.empty() ? std::string("every generation") : fmt::format("{}", fmt::join(o.patterns, ", "));
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
  cmd->add_option("pattern", o->patterns, "SPEC-PATTERNs, as compare takes them (default: everything)");
  cmd->add_option("--provider,-p", o->providers, "Only these providers (repeatable)");
  cmd->add_option("--resolution,-r", o->resolution, "Only modes of this resolution, e.g. 1080p");
  cmd->add_option("--duration,-d", o->duration, "Only clips of this length, e.g. 5s");
  cmd->add_option("--offer", o->offer, "Only one kind of offer: plan, pack, api or api-pack");
  cmd->add_option("--spec", o->spec, "The generation of the break-even and margin sections (default: the cheapest row's)");
  cmd->footer("Example: vidcost report kling-vs-hailuo.html 'kling/*/pro@5s' 'hailuo/*/768p@6s'");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_report(ctx, *o); }; });
}

}  // namespace vidcost
