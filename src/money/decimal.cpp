#include "money/decimal.h"

#include <charconv>
#include <cctype>

namespace vidcost {
namespace {

BigInt pow10(int n) {
  BigInt p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
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
  auto mantissa = parse_integer(digits);
  if (!mantissa) return std::nullopt;
  const int scale = fraction_places - exponent;
  Rational r = scale >= 0 ? Rational(*mantissa, pow10(scale)) : Rational(*mantissa * pow10(-scale));
  return negative ? Rational(-r) : r;
}

std::string shortest_decimal(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

Rational round_half_even(const Rational& value, int places) {
  const BigInt scale = pow10(places);
  const Rational scaled = value * scale;
  const bool negative = scaled < 0;
  const BigInt num = boost::multiprecision::abs(boost::multiprecision::numerator(scaled));
  const BigInt den = boost::multiprecision::denominator(scaled);
  BigInt quotient = num / den;
  const BigInt twice_remainder = (num % den) * 2;
  if (twice_remainder > den || (twice_remainder == den && quotient % 2 == 1)) quotient += 1;
  return Rational(negative ? BigInt(-quotient) : quotient, scale);
}

std::string format_fixed(const Rational& value, int places) {
  const Rational rounded = round_half_even(value, places);
  const BigInt units = boost::multiprecision::numerator(Rational(rounded * pow10(places)));
  const bool negative = units < 0;
  std::string digits = (negative ? BigInt(-units) : units).str();
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places) {
      digits.insert(0, static_cast<std::size_t>(places + 1 - static_cast<int>(digits.size())), '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
  }
  return negative ? "-" + digits : digits;
}

std::string format_exact(const Rational& value) {
  const BigInt num = boost::multiprecision::numerator(value);
  const BigInt den = boost::multiprecision::denominator(value);
  return den == 1 ? num.str() : num.str() + "/" + den.str();
}

std::string format_plain(const Rational& value, int max_places) {
  for (int places = 0; places <= max_places; ++places) {
    if (boost::multiprecision::denominator(Rational(value * pow10(places))) == 1) {
      return format_fixed(value, places);
    }
  }
  return format_fixed(value, max_places);
}

}  // namespace vidcost
