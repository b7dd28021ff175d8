// Exact integer money for the optimiser: every amount of a problem is a whole multiple of
// 1 / scale, held in a 128-bit integer, so sums and comparisons are exact and fast.
#pragma once

#include <cstdint>

#include "money/decimal.h"

namespace vidcost::optimiser {

__extension__ typedef __int128 Int;
// Larger than any cost the optimiser accepts (amounts are capped at 2^100 / scale).
constexpr Int kInf = static_cast<Int>(1) << 120;

struct Scaled {
  Int scale = 1;

  // Throws std::length_error when the amount is too large to optimise.
  Int of(const Rational& r) const;
  Rational back(Int v) const;

  static Int to_int(const boost::multiprecision::cpp_int& n);
  static boost::multiprecision::cpp_int to_cpp(Int v);
};

// The scale that makes every amount whole: the least common multiple of their denominators.
// Throws std::length_error when it is too large.
class ScaleBuilder {
 public:
  void add(const Rational& r);
  Scaled build() const;

 private:
  boost::multiprecision::cpp_int lcm_ = 1;
};

// floor(a * b / c) for non-negative values, exact.
Int mul_div_floor(Int a, Int b, Int c);
// ceil(a / b) for a >= 0, b > 0.
inline Int ceil_div(Int a, Int b) { return (a + b - 1) / b; }

}  // namespace vidcost::optimiser
