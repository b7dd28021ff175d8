#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace vidcost {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A round step giving about five ticks up to `max`.
double tick_step(double max) {
  const double raw = max / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                          "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

}  // namespace

std::string render_svg(const Chart& c) {
  const double width = 960, height = 600, left = 90, right = 300, top = 50, bottom = 70;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  auto px = [&](double x) { return left + plot_w * std::clamp(x / c.x_max, 0.0, 1.0); };
  auto py = [&](double y) { return top + plot_h * (1 - std::clamp(y / c.y_max, 0.0, 1.0)); };
  std::string s = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, escape(c.title));
  // Axes, grid and ticks.
  const double xs = tick_step(c.x_max), ys = tick_step(c.y_max);
  for (double x = 0; x <= c.x_max * 1.0001; x += xs) {
    s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#e5e5e5\"/>\n"
                     "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4:g}</text>\n",
                     px(x), top, top + plot_h, top + plot_h + 18, x);
  }
  for (double y = 0; y <= c.y_max * 1.0001; y += ys) {
    s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#e5e5e5\"/>\n"
                     "<text x=\"{3:.1f}\" y=\"{4:.1f}\" text-anchor=\"end\">{5:g}</text>\n",
                     left, py(y), left + plot_w, left - 6, py(y) + 4, y);
  }
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n"
                   "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n",
                   left, top, top + plot_h, left + plot_w);
  s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", left + plot_w / 2,
                   height - 20, escape(c.x_label));
  s += fmt::format("<text transform=\"translate(22 {:.1f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                   top + plot_h / 2, escape(c.y_label));
  // Series and legend.
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const char* colour = kColours[i % std::size(kColours)];
    std::string points;
    for (const auto& [x, y] : c.series[i].points) points += fmt::format("{:.1f},{:.1f} ", px(x), py(y));
    // After the palette's first round, dashes tell the series apart.
    const std::string dash = i < std::size(kColours) ? "" : " stroke-dasharray=\"6 3\"";
    s += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} points=\"{}\"/>\n", colour, dash,
                     points);
    const double ly = top + 10 + 18 * static_cast<double>(i);
    s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
                     "stroke-width=\"3\"{7}/>\n<text x=\"{4:.1f}\" y=\"{5:.1f}\">{6}</text>\n",
                     left + plot_w + 16, ly, left + plot_w + 40, colour, left + plot_w + 46, ly + 4,
                     escape(c.series[i].label), dash);
  }
  // Markers last, so they sit on top.
  for (const auto& m : c.markers) {
    s += fmt::format("<circle cx=\"{0:.1f}\" cy=\"{1:.1f}\" r=\"4\" fill=\"black\"/>\n"
                     "<text x=\"{0:.1f}\" y=\"{2:.1f}\" text-anchor=\"middle\" font-size=\"11\">{3}</text>\n",
                     px(m.x), py(m.y), py(m.y) - 8, escape(m.label));
  }
  s += "</svg>\n";
  return s;
}

}  // namespace vidcost
