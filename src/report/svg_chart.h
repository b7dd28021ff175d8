// A line chart as a standalone SVG document: axes with labels and ticks, one polyline per
// series, a legend, and labelled markers (break-even points). Positions are doubles; the
// labels carry the exact figures.
#pragma once

#include <string>
#include <vector>

namespace vidcost {

struct ChartSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;
};

struct ChartMarker {
  double x, y;
  std::string label;
};

struct Chart {
  std::string title;
  std::string x_label, y_label;
  double x_max = 1, y_max = 1;
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;
};

std::string render_svg(const Chart& chart);

}  // namespace vidcost
