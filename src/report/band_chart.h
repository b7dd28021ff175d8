// A band chart as a standalone SVG: one row per label, a grey band from low to high, an optional
// mark inside it and a dot (margin bands: serving cost low to high, central, and the price).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vidcost {

struct BandRow {
  std::string label;
  double low = 0, high = 0;
  std::optional<double> mark;
  double dot = 0;
  std::string dot_title;  // shown on hover
};

struct BandChart {
  std::string title;
  std::vector<BandRow> rows;
  std::string legend;  // one line under the axis
};

// Empty when there are no rows.
std::string render_band_svg(const BandChart& chart);

}  // namespace vidcost
