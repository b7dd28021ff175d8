#include "report/band_chart.h"

#include <algorithm>

#include <fmt/format.h>

#include "report/html.h"

namespace vidcost {

std::string render_band_svg(const BandChart& c) {
  if (c.rows.empty()) return "";
  double x_max = 0;
  for (const auto& b : c.rows) x_max = std::max({x_max, b.dot, b.high});
  x_max *= 1.1;
  const double left = 240, width = 900, row_h = 26, top = 40;
  const double plot_w = width - left - 40, height = top + row_h * static_cast<double>(c.rows.size()) + 50;
  auto px = [&](double x) { return left + plot_w * x / x_max; };
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"20\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, html_escape(c.title));
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const BandRow& b = c.rows[i];
    const double y = top + row_h * static_cast<double>(i);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 8, y + 16,
                     html_escape(b.label));
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"12\" fill=\"#c8c8c8\"/>\n", px(b.low),
                     y + 6, std::max(1.0, px(b.high) - px(b.low)));
    if (b.mark) {
      s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#595959\" "
                       "stroke-width=\"2\"/>\n",
                       px(*b.mark), y + 4, y + 20);
    }
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"#0072b2\"><title>{}</title></circle>\n",
                     px(b.dot), y + 12, html_escape(b.dot_title));
  }
  const double axis_y = top + row_h * static_cast<double>(c.rows.size()) + 8;
  s += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#222\"/>\n", left, axis_y,
                   left + plot_w);
  for (int k = 0; k <= 4; ++k) {
    const double v = x_max * k / 4;
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{:.3f}</text>\n", px(v), axis_y + 16, v);
  }
  s += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{}</text>\n</svg>\n", left, axis_y + 34, html_escape(c.legend));
  return s;
}

}  // namespace vidcost
