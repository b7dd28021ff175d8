// Rational: the native fast path and the multi-precision fallback give the same exact values.
#include "money/rational.h"

#include <random>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace vidcost {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

bool is_small(const Rational& r) {
  std::int64_t n = 0, d = 0;
  return r.small(n, d);
}

TEST(RationalTest, ReducesAndKeepsTheSignInTheNumerator) {
  // 266/3000 = 133/1500 (gcd 2); 6/-4 = -3/2.
  EXPECT_EQ(Rational(266, 3000).str(), "133/1500");
  EXPECT_EQ(Rational(6, -4).str(), "-3/2");
  EXPECT_EQ(Rational(0, -7).str(), "0");
  EXPECT_EQ(Rational(BigInt(10), BigInt(5)).str(), "2");
  EXPECT_THROW(Rational(1, 0), std::domain_error);
}

TEST(RationalTest, ArithmeticOfCatalogFigures) {
  // 37 USD / 3000 credits x 35 credits per clip / 5 s = 37 x 35 / 15000 = 1295/15000 = 259/3000.
  const Rational per_second = Rational(37) / 3000 * 35 / 5;
  EXPECT_EQ(per_second, Rational(259, 3000));
  // 1/6 + 1/3 = 1/2; 1/2 - 3/4 = -1/4; -1/4 x -8 = 2; 2 / (2/3) = 3.
  Rational r = Rational(1, 6) + Rational(1, 3);
  EXPECT_EQ(r, Rational(1, 2));
  r -= Rational(3, 4);
  EXPECT_EQ(r, Rational(-1, 4));
  r *= -8;
  EXPECT_EQ(r, 2);
  r /= Rational(2, 3);
  EXPECT_EQ(r, 3);
  EXPECT_THROW(r /= 0, std::domain_error);
  EXPECT_EQ(-Rational(5, 7), Rational(-5, 7));
  EXPECT_EQ(abs(Rational(-5, 7)), Rational(5, 7));
}

TEST(RationalTest, OrdersByValue) {
  // 2/3 = 0.666... < 0.67 = 67/100; -1/2 < 0.
  EXPECT_LT(Rational(2, 3), Rational(67, 100));
  EXPECT_GT(Rational(67, 100), Rational(2, 3));
  EXPECT_LT(Rational(-1, 2), 0);
  EXPECT_LE(Rational(4, 6), Rational(2, 3));
  EXPECT_NE(Rational(1, 3), Rational(1, 2));
}

TEST(RationalTest, OverflowFallsBackExactlyAndComesBackWhenItFits) {
  // (2^63 - 1) x 2 does not fit in 64 bits: the value is held in multi-precision, exactly.
  Rational big = Rational(kMax) * 2;
  EXPECT_FALSE(is_small(big));
  EXPECT_EQ(big.str(), (BigInt(kMax) * 2).str());
  EXPECT_EQ(numerator(big), BigInt(kMax) * 2);
  // Halved, it fits again, and equals the small value it is.
  big /= 2;
  EXPECT_TRUE(is_small(big));
  EXPECT_EQ(big, Rational(kMax));
  // 1/(2^63 - 1) x 1/(2^63 - 1): a denominator of 126 bits.
  const Rational tiny = Rational(1, kMax) * Rational(1, kMax);
  EXPECT_FALSE(is_small(tiny));
  EXPECT_EQ(denominator(tiny), BigInt(kMax) * BigInt(kMax));
  EXPECT_LT(Rational(0), tiny);
  EXPECT_LT(tiny, Rational(1, kMax));
  // INT64_MIN does not fit a small numerator (its negation would overflow).
  const Rational lowest = std::numeric_limits<std::int64_t>::min();
  EXPECT_FALSE(is_small(lowest));
  EXPECT_EQ((-lowest).str(), "9223372036854775808");
  EXPECT_EQ(Rational(std::numeric_limits<std::uint64_t>::max()).str(), "18446744073709551615");
}

TEST(RationalTest, ConvertsAndPrints) {
  EXPECT_DOUBLE_EQ(Rational(1, 4).convert_to<double>(), 0.25);
  EXPECT_DOUBLE_EQ(static_cast<double>(Rational(-3, 2)), -1.5);
  EXPECT_EQ(Rational(BigRational(BigInt(3), BigInt(9))), Rational(1, 3));
  EXPECT_EQ(Rational(7).big(), BigRational(7));
  EXPECT_EQ(Rational(-7, 3).sign(), -1);
  std::ostringstream out;
  out << Rational(-7, 3);
  EXPECT_EQ(out.str(), "-7/3");
}

// Every operation on random values, small and near the 64-bit limits, against Boost's
// rational: the same value, and held small exactly when it fits.
// The reduction's gcd works by shifts and subtractions: shared powers of two, one side a
// power of two, zero and a prime beside a large even number each take a different path.
TEST(RationalTest, ReducesSharedPowersOfTwoAndOddFactors) {
  EXPECT_EQ(Rational(std::int64_t{3} << 40, std::int64_t{1} << 50).str(), "3/1024");  // 3 x 2^40 / 2^50
  EXPECT_EQ(Rational(-(std::int64_t{1} << 62), std::int64_t{1} << 61).str(), "-2");
  EXPECT_EQ(Rational(0, std::int64_t{1} << 40).str(), "0");
  EXPECT_EQ(Rational(6000 * 35, 26780 * 6).str(), "1750/1339");  // gcd(2^4.3.5^4.7, 2^3.3.5.13.103) = 120
  EXPECT_EQ(Rational(kMax, kMax).str(), "1");
  EXPECT_EQ(Rational(kMax - 1, 2).str(), std::to_string((kMax - 1) / 2));  // 2^63 - 2 is even
  EXPECT_EQ(Rational(1'000'000'007, 1'000'000'007LL * 1024).str(), "1/1024");
  // Products past 64 bits reduce back: (2^40 x 3) x (5 / 2^41) = 15/2.
  EXPECT_EQ((Rational(std::int64_t{3} << 40) * Rational(5, std::int64_t{1} << 41)).str(), "15/2");
}

TEST(RationalTest, AgreesWithBoostOnRandomValues) {
  std::mt19937_64 random(20261129);
  const std::int64_t scales[] = {10, 1000, 1'000'000, 3'000'000'000LL, kMax};
  auto pick = [&](bool nonzero) {
    const std::int64_t scale = scales[random() % std::size(scales)];
    std::int64_t n = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(scale));
    if (random() % 2) n = -n;
    if (nonzero && n == 0) n = 1;
    const std::int64_t d = 1 + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(scale));
    return std::make_pair(Rational(n, d), BigRational(BigInt(n), BigInt(d)));
  };
  auto agrees = [](const Rational& ours, const BigRational& theirs) {
    const bool fits = boost::multiprecision::abs(boost::multiprecision::numerator(theirs)) <= kMax &&
                      boost::multiprecision::denominator(theirs) <= kMax;
    return ours.big() == theirs && is_small(ours) == fits;
  };
  for (int i = 0; i < 20000; ++i) {
    auto [a, x] = pick(false);
    auto [b, y] = pick(true);
    ASSERT_TRUE(agrees(a + b, x + y)) << a << " + " << b;
    ASSERT_TRUE(agrees(a - b, x - y)) << a << " - " << b;
    ASSERT_TRUE(agrees(a * b, x * y)) << a << " x " << b;
    ASSERT_TRUE(agrees(a / b, x / y)) << a << " / " << b;
    // Chained, so that big values meet small ones too.
    ASSERT_TRUE(agrees(a * b * b - a / b, x * y * y - x / y)) << a << ", " << b;
    ASSERT_EQ(a < b, x < y) << a << " < " << b;
    ASSERT_EQ(a * b < b, x * y < y) << a << " x " << b << " < " << b;
    ASSERT_EQ(a == b, x == y);
  }
}

}  // namespace
}  // namespace vidcost
