#include "money/rational.h"

#include <ostream>
#include <stdexcept>
#include <utility>

namespace vidcost {
namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

constexpr Int128 kMax64 = std::numeric_limits<std::int64_t>::max();

UInt128 magnitude(Int128 v) { return v < 0 ? -static_cast<UInt128>(v) : static_cast<UInt128>(v); }

// Stein's binary gcd: shifts and subtractions, no division. A 64-bit division takes tens of
// cycles, and Euclid's algorithm needs several for the figures money is made of.
std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

UInt128 gcd(UInt128 a, UInt128 b) {
  // Euclid's steps on 128-bit words (a library call each) until both fit in 64 bits.
  while ((a >> 64) != 0 || (b >> 64) != 0) {
    if (b == 0) return a;
    const UInt128 t = a % b;
    a = b;
    b = t;
  }
  return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
}

BigInt big_of(Int128 v) {
  const UInt128 m = magnitude(v);
  BigInt n = static_cast<std::uint64_t>(m >> 64);
  n <<= 64;
  n += static_cast<std::uint64_t>(m);
  return v < 0 ? BigInt(-n) : n;
}

}  // namespace

bool fits_int64(const BigInt& x, std::int64_t& out) {
  // The backend's limbs, read directly: comparing against a cpp_int bound costs more.
  const auto& b = x.backend();
  if (b.size() != 1 || b.limbs()[0] > static_cast<std::uint64_t>(kMax64)) return false;
  const auto m = static_cast<std::int64_t>(b.limbs()[0]);
  out = b.sign() ? -m : m;
  return true;
}

Rational::Rational(const BigInt& value) {
  if (!fits_int64(value, num_)) big_ = std::make_unique<BigRational>(value);
}

Rational::Rational(const BigInt& n, const BigInt& d) {
  if (d == 0) throw std::domain_error("rational with a zero denominator");
  std::int64_t n64 = 0, d64 = 0;
  if (fits_int64(n, n64) && fits_int64(d, d64)) {
    assign(n64, d64);
  } else {
    assign(BigRational(n, d));
  }
}

Rational::Rational(std::int64_t n, std::int64_t d) {
  if (d == 0) throw std::domain_error("rational with a zero denominator");
  assign(n, d);
}

void Rational::assign(Int128 n, Int128 d) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const UInt128 m = magnitude(n);
  if ((m >> 63) == 0 && (static_cast<UInt128>(d) >> 63) == 0) {
    // The usual case: both already fit, so the gcd and the divisions are on 64-bit words.
    std::uint64_t top = static_cast<std::uint64_t>(m), bottom = static_cast<std::uint64_t>(d);
    if (const std::uint64_t g = gcd64(top, bottom); g > 1) {
      top /= g;
      bottom /= g;
    }
    num_ = n < 0 ? -static_cast<std::int64_t>(top) : static_cast<std::int64_t>(top);
    den_ = static_cast<std::int64_t>(bottom);
    big_.reset();
    return;
  }
  const UInt128 g = gcd(m, static_cast<UInt128>(d));
  if (g > 1) {
    n /= static_cast<Int128>(g);
    d /= static_cast<Int128>(g);
  }
  if (n > kMax64 || n < -kMax64 || d > kMax64) {
    big_ = std::make_unique<BigRational>(big_of(n), big_of(d));
    return;
  }
  num_ = static_cast<std::int64_t>(n);
  den_ = static_cast<std::int64_t>(d);
  big_.reset();
}

void Rational::assign(BigRational&& value) {
  std::int64_t n = 0, d = 0;
  if (fits_int64(boost::multiprecision::numerator(value), n) &&
      fits_int64(boost::multiprecision::denominator(value), d)) {
    num_ = n;
    den_ = d;
    big_.reset();
  } else if (big_) {
    *big_ = std::move(value);  // the allocation is reused
  } else {
    num_ = 0;
    den_ = 1;
    big_ = std::make_unique<BigRational>(std::move(value));
  }
}

BigRational Rational::big() const { return big_ ? *big_ : BigRational(BigInt(num_), BigInt(den_)); }

BigInt Rational::numerator() const { return big_ ? boost::multiprecision::numerator(*big_) : BigInt(num_); }

BigInt Rational::denominator() const { return big_ ? boost::multiprecision::denominator(*big_) : BigInt(den_); }

int Rational::sign() const {
  if (big_) return big_->sign();
  return num_ > 0 ? 1 : num_ < 0 ? -1 : 0;
}

std::string Rational::str() const {
  if (big_) return big_->str();
  return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
}

void Rational::big_op(const Rational& other, char op) {
  // Operands are used where they are; only a small one is widened (and `a op= a` is copied first).
  BigRational widened;
  const BigRational* right = other.big_.get();
  if (right == nullptr || &other == this) {
    widened = other.big();
    right = &widened;
  }
  BigRational result = big_ ? std::move(*big_) : big();
  switch (op) {
    case '+': result += *right; break;
    case '-': result -= *right; break;
    case '*': result *= *right; break;
    default: result /= *right; break;
  }
  assign(std::move(result));
}

Rational& Rational::operator+=(const Rational& other) {
  if (big_ || other.big_) {
    big_op(other, '+');
  } else if (den_ == other.den_) {
    assign(static_cast<Int128>(num_) + other.num_, den_);
  } else {
    // |n| < 2^126 and d < 2^126: both fit.
    assign(static_cast<Int128>(num_) * other.den_ + static_cast<Int128>(other.num_) * den_,
           static_cast<Int128>(den_) * other.den_);
  }
  return *this;
}

Rational& Rational::operator-=(const Rational& other) {
  if (big_ || other.big_) {
    big_op(other, '-');
  } else if (den_ == other.den_) {
    assign(static_cast<Int128>(num_) - other.num_, den_);
  } else {
    assign(static_cast<Int128>(num_) * other.den_ - static_cast<Int128>(other.num_) * den_,
           static_cast<Int128>(den_) * other.den_);
  }
  return *this;
}

Rational& Rational::operator*=(const Rational& other) {
  if (big_ || other.big_) {
    big_op(other, '*');
  } else if (other.den_ == 1 && den_ == 1) {
    assign(static_cast<Int128>(num_) * other.num_, 1);
  } else {
    assign(static_cast<Int128>(num_) * other.num_, static_cast<Int128>(den_) * other.den_);
  }
  return *this;
}

Rational& Rational::operator/=(const Rational& other) {
  if (other.sign() == 0) throw std::domain_error("division by zero");
  if (big_ || other.big_) {
    big_op(other, '/');
  } else {
    assign(static_cast<Int128>(num_) * other.den_, static_cast<Int128>(den_) * other.num_);
  }
  return *this;
}

Rational operator-(const Rational& a) {
  if (a.big_) return Rational(BigRational(-*a.big_));
  Rational r;
  r.num_ = -a.num_;  // never INT64_MIN, so never overflows
  r.den_ = a.den_;
  return r;
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  if (!a.big_ && !b.big_) {
    // Denominators are positive: cross-multiplying keeps the order.
    const Int128 left = static_cast<Int128>(a.num_) * b.den_, right = static_cast<Int128>(b.num_) * a.den_;
    return left < right ? std::strong_ordering::less : right < left ? std::strong_ordering::greater
                                                                    : std::strong_ordering::equal;
  }
  BigRational widened_a, widened_b;
  const BigRational& x = a.big_ ? *a.big_ : (widened_a = a.big());
  const BigRational& y = b.big_ ? *b.big_ : (widened_b = b.big());
  const BigInt left = boost::multiprecision::numerator(x) * boost::multiprecision::denominator(y);
  const BigInt right = boost::multiprecision::numerator(y) * boost::multiprecision::denominator(x);
  return left < right ? std::strong_ordering::less : right < left ? std::strong_ordering::greater
                                                                  : std::strong_ordering::equal;
}

BigInt numerator(const Rational& r) { return r.numerator(); }
BigInt denominator(const Rational& r) { return r.denominator(); }

Rational abs(const Rational& r) { return r.sign() < 0 ? -r : r; }

std::ostream& operator<<(std::ostream& out, const Rational& r) { return out << r.str(); }

}  // namespace vidcost
