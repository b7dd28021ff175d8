// A line chart as a standalone SVG document: axes with titles and ticks, one polyline per series
// (clipped to the plot, so a line that leaves it is cut where it crosses the edge, never bent),
// a legend, and labelled markers (break-even points). Series are told apart by colour and dash
// pattern together; the fonts named include CJK ones so Chinese names render.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace vidcost {

struct ChartSeries {
  std::string label;
  // Stretches of connected points; a series that cannot be drawn somewhere has several.
  std::vector<std::vector<std::pair<double, double>>> runs;
};

struct ChartMarker {
  double x, y;
  std::string label;
  bool limit = false;  // where a line ends (drawn hollow), not where two cross
};

struct Chart {
  std::string title;
  std::string x_label, y_label;  // axis titles, with their units
  // The text of an x tick (a date, for a chart over time); empty: the number itself.
  std::function<std::string(double)> x_tick_label;
  double x_max = 1, y_max = 1;   // the plot shows [0, x_max] x [0, y_max]
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;  // short labels ("1", "2"), explained in `notes`
  std::vector<std::string> notes;    // lines under the legend
};

// The colour and dash pattern of series `index`: distinct for the first 42 series (7 colours x 6
// dash patterns), in colour-blind-safe colours.
struct SeriesStyle {
  std::string colour, dash;  // dash: an SVG stroke-dasharray, empty for a solid line
};
SeriesStyle series_style(std::size_t index);

std::string render_svg(const Chart& chart);

}  // namespace vidcost
