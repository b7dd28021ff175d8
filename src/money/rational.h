// The exact number type of money: a fraction with a native fast path.
//
// Catalog figures are small fractions (266/3000, 0.084): numerator and denominator fit in 64
// bits, and their sums, products and quotients fit in 128. Such values are held as two native
// integers and computed on natively, reduced by one gcd; a result that does not fit falls back
// to Boost's multi-precision rational, so every result stays exact. A value is held small
// whenever it fits, which makes equal values equal in representation too.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <memory>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

namespace vidcost {

using BigInt = boost::multiprecision::cpp_int;
using BigRational = boost::multiprecision::cpp_rational;

class Rational {
 public:
  Rational() noexcept = default;
  template <std::integral T>
  Rational(T value) {  // NOLINT(google-explicit-constructor): 2 is a Rational, as in arithmetic
    if constexpr (std::is_signed_v<T>) {
      if (value != std::numeric_limits<T>::min() || sizeof(T) < sizeof(std::int64_t)) {
        num_ = static_cast<std::int64_t>(value);
        return;
      }
    } else {
      if (static_cast<std::uint64_t>(value) <= static_cast<std::uint64_t>(kMax)) {
        num_ = static_cast<std::int64_t>(value);
        return;
      }
    }
    assign(BigRational(value));
  }
  Rational(const BigInt& value);  // NOLINT(google-explicit-constructor)
  // An unevaluated Boost expression (a * b of BigInts) is evaluated first.
  template <class Tag, class A1, class A2, class A3, class A4>
  Rational(const boost::multiprecision::detail::expression<Tag, A1, A2, A3, A4>& e)  // NOLINT
      : Rational(from(typename boost::multiprecision::detail::expression<Tag, A1, A2, A3, A4>::result_type(e))) {}
  // n / d, reduced; d must not be zero (std::domain_error).
  Rational(const BigInt& n, const BigInt& d);
  Rational(std::int64_t n, std::int64_t d);
  explicit Rational(const BigRational& value) { assign(BigRational(value)); }

  Rational(const Rational& other) : num_(other.num_), den_(other.den_) {
    if (other.big_) big_ = std::make_unique<BigRational>(*other.big_);
  }
  Rational(Rational&& other) noexcept = default;
  Rational& operator=(const Rational& other) {
    if (this != &other) {
      num_ = other.num_;
      den_ = other.den_;
      big_ = other.big_ ? std::make_unique<BigRational>(*other.big_) : nullptr;
    }
    return *this;
  }
  Rational& operator=(Rational&& other) noexcept = default;
  ~Rational() = default;

  // True with the value's numerator and denominator when both fit in 64 bits (denominator > 0).
  bool small(std::int64_t& numerator, std::int64_t& denominator) const {
    numerator = num_;
    denominator = den_;
    return !big_;
  }
  BigRational big() const;  // the value as Boost's rational
  BigInt numerator() const;
  BigInt denominator() const;  // > 0
  int sign() const;            // -1, 0 or 1

  template <typename T>
  T convert_to() const {
    static_assert(std::is_floating_point_v<T>, "a Rational converts to floating point only");
    // Both exact in a double, their quotient is correctly rounded; otherwise Boost rounds.
    constexpr std::int64_t kExact = std::int64_t{1} << 53;
    if (!big_ && num_ <= kExact && num_ >= -kExact && den_ <= kExact) {
      return static_cast<T>(num_) / static_cast<T>(den_);
    }
    return big().convert_to<T>();
  }
  explicit operator double() const { return convert_to<double>(); }
  // "n/d", or "n" when the denominator is 1 (as Boost's rational prints).
  std::string str() const;

  Rational& operator+=(const Rational& other);
  Rational& operator-=(const Rational& other);
  Rational& operator*=(const Rational& other);
  Rational& operator/=(const Rational& other);  // std::domain_error when dividing by zero

  friend Rational operator+(Rational a, const Rational& b) { return a += b; }
  friend Rational operator-(Rational a, const Rational& b) { return a -= b; }
  friend Rational operator*(Rational a, const Rational& b) { return a *= b; }
  friend Rational operator/(Rational a, const Rational& b) { return a /= b; }
  friend Rational operator-(const Rational& a);

  friend bool operator==(const Rational& a, const Rational& b) {
    if (!a.big_ && !b.big_) return a.num_ == b.num_ && a.den_ == b.den_;
    return a.big_ && b.big_ && *a.big_ == *b.big_;  // a small value is never equal to a big one
  }
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

 private:
  static Rational from(const BigInt& v) { return Rational(v); }
  static Rational from(const BigRational& v) { return Rational(v); }
  static constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  __extension__ typedef __int128 Int128;

  // The reduced fraction n / d (d not zero; its sign moves to the numerator).
  void assign(Int128 n, Int128 d);
  void assign(BigRational&& value);
  void big_op(const Rational& other, char op);

  std::int64_t num_ = 0;  // when small: the reduced numerator (never INT64_MIN)
  std::int64_t den_ = 1;  // when small: the denominator, > 0
  std::unique_ptr<BigRational> big_;  // set only when the value does not fit small
};

// The value of a multi-precision integer when it fits in 64 bits (INT64_MIN excluded).
bool fits_int64(const BigInt& x, std::int64_t& out);

BigInt numerator(const Rational& r);
BigInt denominator(const Rational& r);
Rational abs(const Rational& r);
std::ostream& operator<<(std::ostream& out, const Rational& r);

}  // namespace vidcost
