#include "money/decimal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace vidcost {
namespace {

const BigInt& pow10(int n) {
  // Display rounding asks for the same few powers again and again.
  static const std::vector<BigInt> kPowers = [] {
    std::vector<BigInt> powers(40);
    powers[0] = 1;
    for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
    return powers;
  }();
  if (n >= 0 && n < static_cast<int>(kPowers.size())) return kPowers[static_cast<std::size_t>(n)];
  static thread_local BigInt large;
  large = 1;
  for (int i = 0; i < n; ++i) large *= 10;
  return large;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Up to 18 digits: a native integer, read without building a multi-precision one from text.
bool small_integer(std::string_view s, std::int64_t& out) {
  if (s.size() > 18 || !all_digits(s)) return false;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

__extension__ typedef __int128 Int128;

// 10^n for 0 <= n <= 19 (every power that fits in 64 bits), from a table.
Int128 small_pow10(int n) {
  static constexpr auto kPowers = [] {
    std::array<std::uint64_t, 20> p{};
    p[0] = 1;
    for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
    return p;
  }();
  return kPowers[static_cast<std::size_t>(n)];
}

std::optional<BigInt> parse_integer(std::string_view s) {
  if (!all_digits(s) || s.size() > 60) return std::nullopt;
  // cpp_int reads a leading 0 as octal: strip it.
  const auto first = s.find_first_not_of('0');
  return first == std::string_view::npos ? BigInt(0) : BigInt(std::string(s.substr(first)));
}

}  // namespace

std::optional<Rational> parse_exact(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    std::int64_t n = 0, d = 0;
    if (small_integer(text.substr(0, slash), n) && small_integer(text.substr(slash + 1), d)) {
      if (d == 0) return std::nullopt;
      return Rational(negative ? -n : n, d);
    }
    auto num = parse_integer(text.substr(0, slash));
    auto den = parse_integer(text.substr(slash + 1));
    if (!num || !den || *den == 0) return std::nullopt;
    Rational r(*num, *den);
    return negative ? Rational(-r) : r;
  }
  int exponent = 0;
  if (const auto e = text.find_first_of("eE"); e != std::string_view::npos) {
    std::string_view exp_text = text.substr(e + 1);
    bool exp_negative = false;
    if (!exp_text.empty() && (exp_text[0] == '+' || exp_text[0] == '-')) {
      exp_negative = exp_text[0] == '-';
      exp_text.remove_prefix(1);
    }
    if (!all_digits(exp_text) || exp_text.size() > 3) return std::nullopt;
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
    if (exp_negative) exponent = -exponent;
    text = text.substr(0, e);
  }
  std::string digits;
  int fraction_places = 0;
  if (const auto dot = text.find('.'); dot != std::string_view::npos) {
    const auto whole = text.substr(0, dot);
    const auto fraction = text.substr(dot + 1);
    if ((!whole.empty() && !all_digits(whole)) || (!fraction.empty() && !all_digits(fraction)) ||
        (whole.empty() && fraction.empty())) {
      return std::nullopt;
    }
    digits = std::string(whole) + std::string(fraction);
    fraction_places = static_cast<int>(fraction.size());
  } else {
    if (!all_digits(text)) return std::nullopt;
    digits = std::string(text);
  }
  const int scale = fraction_places - exponent;
  if (std::int64_t m = 0; small_integer(digits, m)) {
    if (negative) m = -m;
    if (scale >= 0 && scale <= 18) return Rational(m, static_cast<std::int64_t>(small_pow10(scale)));
    if (scale < 0 && static_cast<int>(digits.size()) - scale <= 18) {
      return Rational(m * static_cast<std::int64_t>(small_pow10(-scale)));
    }
  }
  auto mantissa = parse_integer(digits);
  if (!mantissa) return std::nullopt;
  Rational r = scale >= 0 ? Rational(*mantissa, pow10(scale)) : Rational(*mantissa * pow10(-scale));
  return negative ? Rational(-r) : r;
}

std::string shortest_decimal(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

namespace {

// |value| x 10^places rounded half to even, on native 128-bit integers: false when the value is
// not held small or the result does not fit in 64 bits (catalog figures always fit).
bool native_scaled_half_even(const Rational& value, int places, std::int64_t& units) {
  std::int64_t n = 0, d = 0;
  if (places < 0 || places > 18 || !value.small(n, d)) return false;
  const auto scale = static_cast<std::uint64_t>(small_pow10(places));
  const auto magnitude64 = static_cast<std::uint64_t>(n < 0 ? -n : n);  // n is never INT64_MIN
  if (d == 1 && magnitude64 <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / scale) {
    units = static_cast<std::int64_t>(magnitude64 * scale);  // a whole number (credits, seconds): no division
    return true;
  }
  if (magnitude64 <= std::numeric_limits<std::uint64_t>::max() / scale) {
    // The usual case: one 64-bit division instead of a 128-bit one (a library call).
    const std::uint64_t scaled = magnitude64 * scale, den = static_cast<std::uint64_t>(d);
    std::uint64_t quotient = scaled / den;
    const std::uint64_t twice_remainder = (scaled % den) * 2;  // < 2^64: the remainder is below d < 2^63
    if (twice_remainder > den || (twice_remainder == den && (quotient & 1) == 1)) quotient += 1;
    if (quotient > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
    units = static_cast<std::int64_t>(quotient);
    return true;
  }
  const Int128 magnitude = static_cast<Int128>(magnitude64) * scale;
  Int128 quotient = magnitude / d;
  const Int128 twice_remainder = (magnitude % d) * 2;
  if (twice_remainder > d || (twice_remainder == d && (quotient & 1) == 1)) quotient += 1;
  if (quotient > std::numeric_limits<std::int64_t>::max()) return false;
  units = static_cast<std::int64_t>(quotient);
  return true;
}

// The same as an integer, through cpp_int where the native path cannot.
BigInt scaled_half_even(const Rational& value, int places, bool& negative) {
  negative = value.sign() < 0;
  if (std::int64_t units = 0; native_scaled_half_even(value, places, units)) return BigInt(units);
  const BigInt num = value.numerator();
  const BigInt den = value.denominator();
  BigInt magnitude = negative ? BigInt(-num) : num;
  magnitude *= pow10(places);
  BigInt quotient, remainder;
  boost::multiprecision::divide_qr(magnitude, den, quotient, remainder);
  remainder *= 2;
  if (remainder > den || (remainder == den && (quotient & 1) == 1)) quotient += 1;
  return quotient;
}

}  // namespace

Rational round_half_even(const Rational& value, int places) {
  bool negative = false;
  BigInt units = scaled_half_even(value, places, negative);
  if (negative) units = -units;
  return Rational(units, pow10(places));
}

namespace {

// "-12.3400" from the scaled integer -123400 at 4 places, written at `at` (kDecimalRoom bytes of
// room); returns the end. The pieces are moved with copies of a fixed size (a few vector moves,
// no library call), each past its end into room kept for it; only what was meant is kept.
char* write_fixed_text(char* at, std::int64_t units, bool negative, int places) {
  char digits[48] = {};  // up to 19 digits, then room for a fixed-size copy from any of them
  const auto end = std::to_chars(digits, digits + 24, units).ptr;
  const int count = static_cast<int>(end - digits);
  const int whole = count > places ? count - places : 0;  // digits before the point ("0" when none)
  if (negative) *at++ = '-';
  if (whole == 0) {
    *at++ = '0';
  } else {
    std::memcpy(at, digits, 24);
    at += whole;
  }
  if (places > 0) {
    *at++ = '.';
    std::memset(at, '0', 24);
    at += places - (count - whole);
    std::memcpy(at, digits + whole, 24);
    at += count - whole;
  }
  return at;
}

void append_fixed_text(std::string& out, std::int64_t units, bool negative, int places) {
  char text[kDecimalRoom];
  out.append(text, static_cast<std::size_t>(write_fixed_text(text, units, negative, places) - text));
}

// Places needed to write 1/den exactly: max(a, b) for den = 2^a x 5^b; -1 when den has other factors.
template <typename Int>
int decimal_places_of(Int den) {
  int twos = 0, fives = 0;
  while (den % 2 == 0) {
    den /= 2;
    ++twos;
  }
  while (den % 5 == 0) {
    den /= 5;
    ++fives;
  }
  return den == 1 ? std::max(twos, fives) : -1;
}

}  // namespace

char* write_fixed(char* out, const Rational& value, int places) {
  // A figure rounding to zero, or past the native path, goes to append_fixed's rule.
  std::int64_t units = 0;
  if (!native_scaled_half_even(value, places, units) || (units == 0 && value.sign() != 0)) return nullptr;
  return write_fixed_text(out, units, value.sign() < 0, places);
}

char* write_plain(char* out, const Rational& value, int max_places) {
  std::int64_t n = 0, d = 0;
  if (!value.small(n, d)) return nullptr;
  const int places = decimal_places_of(d);
  return write_fixed(out, value, places >= 0 && places <= max_places ? places : max_places);
}

void append_fixed(std::string& out, const Rational& value, int places) {
  // The usual case, on native integers.
  if (char text[kDecimalRoom]; char* end = write_fixed(text, value, places)) {
    out.append(text, static_cast<std::size_t>(end - text));
    return;
  }
  bool negative = false;
  const BigInt units = scaled_half_even(value, places, negative);
  // A figure that is not zero never shows as zero: it gets the digits it needs.
  if (units == 0 && value != 0) {
    out += format_significant(value, 2);
    return;
  }
  std::int64_t small = 0;
  std::string digits = fits_int64(units, small) ? std::to_string(small) : units.str();
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places) {
      digits.insert(0, static_cast<std::size_t>(places + 1 - static_cast<int>(digits.size())), '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
  }
  if (negative && units != 0) out += '-';
  out += digits;
}

std::string format_fixed(const Rational& value, int places) {
  std::string text;
  append_fixed(text, value, places);
  return text;
}

std::string format_significant(const Rational& value, int digits) {
  if (value == 0) return "0";
  const Rational magnitude = value < 0 ? Rational(-value) : value;
  // e: the power of ten of the leading digit, 10^e <= |value| < 10^(e+1).
  int e = 0;
  Rational power = 1;
  while (power * 10 <= magnitude) {
    power *= 10;
    ++e;
  }
  while (power > magnitude) {
    power /= 10;
    --e;
  }
  const int places = digits - 1 - e;
  if (places >= 0) {
    // Rounding may carry into a new digit (0.0996 -> 0.10): that is still the right value.
    return format_fixed(value, places);
  }
  const BigInt unit = pow10(-places);
  const Rational units = round_half_even(value / Rational(unit), 0);
  return (units.numerator() * unit).str();
}

std::string format_significant(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  // Through a decimal of 17 significant digits: exact enough for an estimate's display.
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, 16);
  const auto exact = parse_exact(std::string_view(buffer, static_cast<std::size_t>(r.ptr - buffer)));
  return exact ? format_significant(*exact, digits) : "n/a";
}

namespace {

// value x 10^places rounded half to even, when that is sure without the exact decimal
// expansion. The double product differs from the exact one by at most half its last place,
// under 2^-13 below 2^40; so a product at least 2^-12 away from a half rounds as the exact one
// does. Estimates of a cost table are small numbers at few places: this is the usual case, and
// the rest (near a half, huge, not finite) go the long way.
bool quick_scaled(double value, int places, std::int64_t& units) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11};
  if (places < 0 || places > 11 || !std::isfinite(value)) return false;
  const double product = value * kPow10[places];  // the powers are exact doubles
  if (!(std::fabs(product) < 0x1p40)) return false;
  const double nearest = std::nearbyint(product);
  // Exact (Sterbenz): the two are within a factor of two of each other, or nearest is zero.
  const double off = product - nearest;
  if (std::fabs(off) > 0.5 - 0x1p-12) return false;
  units = static_cast<std::int64_t>(nearest);
  return true;
}

}  // namespace

void append_estimate_fixed(std::string& out, double value, int places) {
  if (std::int64_t units = 0; quick_scaled(value, places, units)) {
    // The sign of the value, not of the rounded units: -0.001 at two places is "-0.00".
    append_fixed_text(out, units < 0 ? -units : units, std::signbit(value), places);
    return;
  }
  char buffer[400];  // the largest double at 17 places fits
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, places);
  if (r.ec == std::errc()) {
    out.append(buffer, r.ptr);
  } else {
    out += "n/a";
  }
}

std::string format_estimate_fixed(double value, int places) {
  std::string text;
  append_estimate_fixed(text, value, places);
  return text;
}

std::string format_estimate_general(double value, int digits) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, digits);
  return r.ec == std::errc() ? std::string(buffer, r.ptr) : "n/a";
}

std::string format_exact(const Rational& value) { return value.str(); }

void append_exact(std::string& out, const Rational& value) {
  std::int64_t n = 0, d = 0;
  if (!value.small(n, d)) {
    out += value.str();
    return;
  }
  char digits[48];
  char* end = std::to_chars(digits, digits + 24, n).ptr;
  if (d != 1) {
    *end++ = '/';
    end = std::to_chars(end, digits + sizeof digits, d).ptr;
  }
  out.append(digits, end);
}

void append_plain(std::string& out, const Rational& value, int max_places) {
  if (char text[kDecimalRoom]; char* end = write_plain(text, value, max_places)) {
    out.append(text, static_cast<std::size_t>(end - text));
    return;
  }
  // A fraction has a finite decimal expansion when its denominator is 2^a x 5^b.
  const int places = decimal_places_of(value.denominator());
  append_fixed(out, value, places >= 0 && places <= max_places ? places : max_places);
}

std::string format_plain(const Rational& value, int max_places) {
  std::string text;
  append_plain(text, value, max_places);
  return text;
}

}  // namespace vidcost
