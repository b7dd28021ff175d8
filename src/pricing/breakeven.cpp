#include "pricing/breakeven.h"

#include <algorithm>

namespace vidcost {

std::optional<Rational> CostLine::cost(const Rational& seconds) const {
  if (limit && *limit < seconds) return std::nullopt;
  const Rational over = seconds > included ? Rational(seconds - included) : Rational(0);
  return fixed + rate * over;
}

namespace {

// The two straight pieces of an option: [0, included] at `fixed`, then the sloped one.
struct Piece {
  Rational intercept, slope;
};

std::vector<Piece> pieces(const CostLine& o) {
  std::vector<Piece> out;
  if (o.included > 0) out.push_back({o.fixed, 0});
  out.push_back({o.fixed - o.rate * o.included, o.rate});
  return out;
}

}  // namespace

std::vector<Range> cheapest_ranges(const std::vector<CostLine>& options, const Rational& max) {
  // Candidate boundaries: the ends, every kink and limit, and where any two pieces meet.
  std::vector<Rational> points = {Rational(0), max};
  for (const auto& o : options) {
    if (o.included > 0 && o.included < max) points.push_back(o.included);
    if (o.limit && *o.limit < max) points.push_back(*o.limit);
  }
  for (std::size_t i = 0; i < options.size(); ++i) {
    for (std::size_t j = i + 1; j < options.size(); ++j) {
      for (const auto& a : pieces(options[i])) {
        for (const auto& b : pieces(options[j])) {
          if (a.slope == b.slope) continue;
          const Rational x = (b.intercept - a.intercept) / (a.slope - b.slope);
          if (x > 0 && x < max) points.push_back(x);
        }
      }
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  auto cheapest_at = [&](const Rational& s) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    std::optional<Rational> best_cost;
    for (std::size_t k = 0; k < options.size(); ++k) {
      auto c = options[k].cost(s);
      if (c && (!best_cost || *c < *best_cost)) {
        best = k;
        best_cost = c;
      }
    }
    return best;
  };

  std::vector<Range> ranges;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    // Between two candidate points the order of the options does not change: test the middle.
    const auto winner = cheapest_at((points[i] + points[i + 1]) / 2);
    if (!winner) continue;
    if (!ranges.empty() && ranges.back().option == *winner && ranges.back().to == points[i]) {
      ranges.back().to = points[i + 1];
    } else {
      ranges.push_back({points[i], points[i + 1], *winner, 0, 0});
    }
  }
  for (auto& r : ranges) {
    r.cost_from = *options[r.option].cost(r.from);
    r.cost_to = *options[r.option].cost(r.to);
  }
  return ranges;
}

}  // namespace vidcost
