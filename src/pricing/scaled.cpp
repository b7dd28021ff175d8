#include "pricing/scaled.h"

#include <stdexcept>

namespace vidcost::optimiser {

using boost::multiprecision::cpp_int;

Int Scaled::to_int(const cpp_int& n) {
  // Through two 64-bit halves; callers check that the value fits.
  const bool negative = n < 0;
  const cpp_int m = negative ? cpp_int(-n) : n;
  const auto low = static_cast<unsigned long long>(m & cpp_int(0xFFFFFFFFFFFFFFFFull));
  const auto high = static_cast<unsigned long long>(m >> 64);
  const Int v = (static_cast<Int>(high) << 64) | static_cast<Int>(low);
  return negative ? -v : v;
}

cpp_int Scaled::to_cpp(Int v) {
  __extension__ typedef unsigned __int128 UInt;
  const bool negative = v < 0;
  const UInt m = negative ? static_cast<UInt>(-v) : static_cast<UInt>(v);
  cpp_int n = cpp_int(static_cast<unsigned long long>(m >> 64));
  n <<= 64;
  n += cpp_int(static_cast<unsigned long long>(m));
  return negative ? cpp_int(-n) : n;
}

Int Scaled::of(const Rational& r) const {
  const cpp_int n = numerator(r) * (to_cpp(scale) / denominator(r));
  if (boost::multiprecision::abs(n) > (cpp_int(1) << 100)) throw std::length_error("amounts too large to optimise");
  return to_int(n);
}

Rational Scaled::back(Int v) const { return Rational(to_cpp(v), to_cpp(scale)); }

void ScaleBuilder::add(const Rational& r) { lcm_ = boost::multiprecision::lcm(lcm_, cpp_int(denominator(r))); }

Scaled ScaleBuilder::build() const {
  if (lcm_ > cpp_int(1'000'000'000'000'000'000LL)) {
    throw std::length_error("prices with too many decimal places to optimise");
  }
  Scaled s;
  s.scale = Scaled::to_int(lcm_);
  return s;
}

Int mul_div_floor(Int a, Int b, Int c) {
  const cpp_int product = Scaled::to_cpp(a) * Scaled::to_cpp(b);
  return Scaled::to_int(product / Scaled::to_cpp(c));
}

}  // namespace vidcost::optimiser
