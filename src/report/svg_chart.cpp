#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "report/html.h"

namespace vidcost {
namespace {

// Text for an SVG document: markup characters escaped, control characters (which XML forbids)
// shown as visible escapes, as everywhere else (report/html.h).
std::string escape(const std::string& text) { return html_escape(text); }

// A round step giving about five ticks up to `max`.
double tick_step(double max) {
  const double raw = max / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

// The Okabe-Ito colours, chosen to stay apart for the common forms of colour blindness (their
// yellow left out: too pale on white), and six dash patterns: series differ in both.
const char* const kColours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"};
const char* const kDashes[] = {"", "9 4", "2 3", "12 3 3 3", "6 2 2 2 2 2", "14 6"};

constexpr const char* kFonts = "'Noto Sans CJK SC', 'Noto Sans CJK', 'WenQuanYi Micro Hei', 'Noto Sans', sans-serif";

}  // namespace

SeriesStyle series_style(std::size_t index) {
  const std::size_t colours = std::size(kColours);
  return {kColours[index % colours], kDashes[(index / colours) % std::size(kDashes)]};
}

std::string render_svg(const Chart& c) {
  const double width = 1080, left = 90, right = 420, top = 50, bottom = 70;
  const double legend_rows = static_cast<double>(c.series.size() + (c.notes.empty() ? 0 : c.notes.size() + 1));
  const double height = std::max(600.0, top + 20 + 18 * legend_rows + 20);
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const double x_max = c.x_max > 0 ? c.x_max : 1, y_max = c.y_max > 0 ? c.y_max : 1;
  auto px = [&](double x) { return left + plot_w * (x / x_max); };
  auto py = [&](double y) { return top + plot_h * (1 - y / y_max); };
  std::string s = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"{4}\" font-size=\"12\">\n"
      "<defs><clipPath id=\"plot\"><rect x=\"{5}\" y=\"{6}\" width=\"{7}\" height=\"{8}\"/></clipPath></defs>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, escape(c.title), kFonts, left, top, plot_w, plot_h);
  // Grid and ticks.
  const double xs = tick_step(x_max), ys = tick_step(y_max);
  for (double x = 0; x <= x_max * 1.0001; x += xs) {
    s += fmt::format("<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\" stroke=\"#e5e5e5\"/>\n"
                     "<text x=\"{0:.2f}\" y=\"{3:.2f}\" text-anchor=\"middle\">{4}</text>\n",
                     px(x), top, top + plot_h, top + plot_h + 18,
                     c.x_tick_label ? escape(c.x_tick_label(x)) : fmt::format("{:g}", x));
  }
  for (double y = 0; y <= y_max * 1.0001; y += ys) {
    s += fmt::format("<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{2:.2f}\" y2=\"{1:.2f}\" stroke=\"#e5e5e5\"/>\n"
                     "<text x=\"{3:.2f}\" y=\"{4:.2f}\" text-anchor=\"end\">{5:g}</text>\n",
                     left, py(y), left + plot_w, left - 6, py(y) + 4, y);
  }
  // Series, clipped to the plot, and the legend.
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const SeriesStyle style = series_style(i);
    const std::string dash = style.dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", style.dash);
    for (const auto& run : c.series[i].runs) {
      std::string points;
      for (const auto& [x, y] : run) points += fmt::format("{:.3f},{:.3f} ", px(x), py(y));
      s += fmt::format("<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} "
                       "points=\"{}\"/>\n",
                       style.colour, dash, points);
    }
    const double ly = top + 10 + 18 * static_cast<double>(i);
    s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
                     "stroke-width=\"3\"{7}/>\n<text x=\"{4:.1f}\" y=\"{5:.1f}\">{6}</text>\n",
                     left + plot_w + 16, ly, left + plot_w + 44, style.colour, left + plot_w + 50, ly + 4,
                     escape(c.series[i].label), dash);
  }
  for (std::size_t i = 0; i < c.notes.size(); ++i) {
    const double ly = top + 10 + 18 * static_cast<double>(c.series.size() + 1 + i);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", left + plot_w + 16, ly + 4, escape(c.notes[i]));
  }
  // Axes and their titles over the series.
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n"
                   "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n",
                   left, top, top + plot_h, left + plot_w);
  s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", left + plot_w / 2,
                   top + plot_h + 45, escape(c.x_label));
  s += fmt::format("<text transform=\"translate(22 {:.1f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                   top + plot_h / 2, escape(c.y_label));
  // Markers last, so they sit on top.
  for (const auto& m : c.markers) {
    if (m.x < 0 || m.x > x_max || m.y < 0 || m.y > y_max) continue;
    s += fmt::format("<circle cx=\"{0:.3f}\" cy=\"{1:.3f}\" r=\"4\" {4}/>\n"
                     "<text x=\"{0:.3f}\" y=\"{2:.3f}\" text-anchor=\"middle\" font-size=\"11\" "
                     "font-weight=\"bold\">{3}</text>\n",
                     px(m.x), py(m.y), py(m.y) - 8, escape(m.label),
                     m.limit ? "fill=\"white\" stroke=\"black\" stroke-width=\"1.5\"" : "fill=\"black\"");
  }
  s += "</svg>\n";
  return s;
}

}  // namespace vidcost
