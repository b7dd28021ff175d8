#include <charconv>
#include <cmath>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "money/amount.h"
#include "money/decimal.h"
#include "money/fx.h"

namespace vidcost {
namespace {

TEST(ParseExact, ReadsDecimalsWithoutDouble) {
  EXPECT_EQ(*parse_exact("0.084"), Rational(84, 1000));
  EXPECT_EQ(*parse_exact("0.1"), Rational(1, 10));
  EXPECT_EQ(*parse_exact("37"), Rational(37));
  EXPECT_EQ(*parse_exact("-2.50"), Rational(-5, 2));
  EXPECT_EQ(*parse_exact("266/3000"), Rational(133, 1500));
  EXPECT_EQ(*parse_exact("1.5e-3"), Rational(15, 10000));
  EXPECT_EQ(*parse_exact("2E2"), Rational(200));
  EXPECT_EQ(*parse_exact(".5"), Rational(1, 2));
}

TEST(ParseExact, LongNumbersAreExactToo) {
  // Up to 18 digits are read natively; beyond, through multi-precision integers. Either way the
  // value is exact: 19 nines and a half = (2 x 9999999999999999999 + 1) / 2.
  EXPECT_EQ(*parse_exact("9999999999999999999.5"), Rational(BigInt("19999999999999999999"), BigInt(2)));
  EXPECT_EQ(*parse_exact("-123456789012345678"), Rational(std::int64_t{-123456789012345678}));
  // 1e-20 = 1 / 10^20; 10^20 does not fit in 64 bits.
  EXPECT_EQ(*parse_exact("1e-20"), Rational(BigInt(1), BigInt("100000000000000000000")));
  // 12e17 = 1.2 x 10^18 fits; 12e18 does not, and is still exact.
  EXPECT_EQ(*parse_exact("12e17"), Rational(std::int64_t{1200000000000000000}));
  EXPECT_EQ(*parse_exact("12e18"), Rational(BigInt("12000000000000000000")));
  EXPECT_EQ(*parse_exact("-123456789012345678/4"), Rational(std::int64_t{-61728394506172839}, std::int64_t{2}));
  EXPECT_EQ(*parse_exact("1234567890123456789/2"), Rational(BigInt("1234567890123456789"), BigInt(2)));
}

TEST(ParseExact, LeadingZeroIsNotOctal) {
  // cpp_int would read "014" as octal 12; 0.14 must stay 14/100.
  EXPECT_EQ(*parse_exact("0.14"), Rational(14, 100));
  EXPECT_EQ(*parse_exact("014"), Rational(14));
  EXPECT_EQ(*parse_exact("0"), Rational(0));
}

TEST(ParseExact, RejectsGarbage) {
  for (const char* bad : {"", "abc", "1.2.3", "1/0", "0x10", "1,5", "--1", ".", "1e", "5 USD"}) {
    EXPECT_FALSE(parse_exact(bad).has_value()) << bad;
  }
}

TEST(FormatFixed, RoundsHalfToEven) {
  EXPECT_EQ(format_fixed(Rational(5, 2), 0), "2");
  EXPECT_EQ(format_fixed(Rational(7, 2), 0), "4");
  EXPECT_EQ(format_fixed(Rational(-5, 2), 0), "-2");
  // 0.04895 is exactly half way at 4 places: 489.5 -> 490 (even).
  EXPECT_EQ(format_fixed(*parse_exact("0.04895"), 4), "0.0490");
  // 0.00015 -> 1.5 units -> 2 (even); 0.00025 -> 2.5 -> 2.
  EXPECT_EQ(format_fixed(*parse_exact("0.00015"), 4), "0.0002");
  EXPECT_EQ(format_fixed(*parse_exact("0.00025"), 4), "0.0002");
  EXPECT_EQ(format_fixed(Rational(259, 3000), 4), "0.0863");
  EXPECT_EQ(format_fixed(Rational(1, 3), 2), "0.33");
  EXPECT_EQ(format_fixed(Rational(37), 2), "37.00");
  EXPECT_EQ(format_fixed(Rational(-1, 200), 4), "-0.0050");
}

// Past 64 bits the scaled value goes through 128-bit or multi-precision integers: the same rule.
TEST(FormatFixed, LargeValuesRoundTheSameWay) {
  // 922337203685477581 / 9 = 102481911520608620.111...; x 100 overflows 64 bits.
  EXPECT_EQ(format_fixed(Rational(922337203685477581, 9), 2), "102481911520608620.11");
  // -922337203685477581 / 8 = -115292150460684697.625: half way, 62 is even.
  EXPECT_EQ(format_fixed(Rational(-922337203685477581, 8), 2), "-115292150460684697.62");
  // 1844674407370955161 x 10 fits 64 bits unsigned but not signed.
  EXPECT_EQ(format_fixed(Rational(1844674407370955161), 1), "1844674407370955161.0");
  std::string out = "x=";
  append_fixed(out, Rational(259, 3000), 4);
  EXPECT_EQ(out, "x=0.0863");
}

// Writing into a caller's buffer gives the text append_fixed and append_plain give, stays within
// kDecimalRoom bytes (the sanitizers' build checks the stack buffer), and declines what needs
// the long path.
TEST(FormatFixed, WritesIntoABufferAsItAppends) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> numerator(-4000000000000000000, 4000000000000000000);
  std::uniform_int_distribution<std::int64_t> denominator(1, 1000000);
  std::uniform_int_distribution<int> places(0, 18);
  for (int i = 0; i < 20000; ++i) {
    // Odd rounds small numerators; one round in five a whole number (the path with no division).
    const Rational value(i % 2 ? numerator(random) % 100000000 : numerator(random), i % 5 ? denominator(random) : 1);
    const int p = places(random);
    char text[kDecimalRoom];
    if (const char* end = write_fixed(text, value, p)) {
      ASSERT_EQ(std::string(static_cast<const char*>(text), end), format_fixed(value, p)) << value.str() << " at " << p;
    }
    if (const char* end = write_plain(text, value, p)) {
      ASSERT_EQ(std::string(static_cast<const char*>(text), end), format_plain(value, p)) << value.str() << " at most " << p;
    }
  }
  char text[kDecimalRoom];
  // -1/200 at four places: "-0.0050", with the zeros after the point.
  const char* end = write_fixed(text, Rational(-1, 200), 4);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(std::string(static_cast<const char*>(text), end), "-0.0050");
  end = write_fixed(text, Rational(-26780), 2);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(std::string(static_cast<const char*>(text), end), "-26780.00");
  end = write_plain(text, Rational(26780), 6);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(std::string(static_cast<const char*>(text), end), "26780");
  // Rounds to zero: the rule that shows its digits instead belongs to append_fixed.
  EXPECT_EQ(write_fixed(text, Rational(1, 1000000), 2), nullptr);
  // Past 64 bits once scaled: the multi-precision path.
  EXPECT_EQ(write_fixed(text, Rational(922337203685477581, 9), 2), nullptr);
}

// Estimates (doubles) are rounded on their exact binary value, half to even.
TEST(FormatEstimate, FixedAndGeneralAsPrintfWrites) {
  EXPECT_EQ(format_estimate_fixed(0.125, 2), "0.12");   // exactly half way: 2 is even
  EXPECT_EQ(format_estimate_fixed(0.375, 2), "0.38");   // exactly half way: 8 is even
  EXPECT_EQ(format_estimate_fixed(2.675, 2), "2.67");   // 2.67499999999999982236431605997495353221893310546875
  EXPECT_EQ(format_estimate_fixed(24.0, 2), "24.00");
  EXPECT_EQ(format_estimate_fixed(-1.5, 0), "-2");
  EXPECT_EQ(format_estimate_general(3.702e16, 4), "3.702e+16");
  EXPECT_EQ(format_estimate_general(37020.0, 4), "3.702e+04");
  EXPECT_EQ(format_estimate_general(989.0, 4), "989");  // no trailing zeros
  EXPECT_EQ(format_estimate_general(0.0001, 4), "0.0001");
  EXPECT_EQ(format_estimate_general(0.00001, 4), "1e-05");
}

// The quick path for small estimates must write what the exact expansion writes: values of
// every magnitude a cost table shows, near halves on purpose, against std::to_chars.
TEST(FormatEstimate, QuickPathAgreesWithTheExactExpansion) {
  std::mt19937_64 random(20261130);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-12, 14), places(0, 12);
  const auto expected = [](double x, int p) {
    char buffer[400];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed, p);
    return std::string(buffer, r.ptr);
  };
  for (int i = 0; i < 200000; ++i) {
    const int p = places(random);
    double x = std::ldexp(mantissa(random), exponent(random) * 3);
    // One in four lands on or next to a half at this many places.
    if (i % 4 == 0) x = (std::round(x * std::pow(10.0, p)) + 0.5) / std::pow(10.0, p);
    if (i % 8 == 0) x = std::nextafter(x, i % 16 == 0 ? 1e300 : -1e300);
    ASSERT_EQ(format_estimate_fixed(x, p), expected(x, p)) << x << " at " << p;
  }
  // Signs and zeros as printf writes them.
  EXPECT_EQ(format_estimate_fixed(-0.001, 2), "-0.00");
  EXPECT_EQ(format_estimate_fixed(-0.0, 1), "-0.0");
  EXPECT_EQ(format_estimate_fixed(0.0, 3), "0.000");
  EXPECT_EQ(format_estimate_fixed(-12.3456, 3), "-12.346");
  EXPECT_EQ(format_estimate_fixed(1e15, 2), "1000000000000000.00");  // past the quick path
  std::string out = "t=";
  append_estimate_fixed(out, 0.5, 0);  // a half: 0 is even
  EXPECT_EQ(out, "t=0");
}

TEST(FormatExact, IsLossless) {
  EXPECT_EQ(format_exact(Rational(259, 3000)), "259/3000");
  EXPECT_EQ(format_exact(Rational(6)), "6");
  EXPECT_EQ(format_plain(Rational(7, 2)), "3.5");
  EXPECT_EQ(format_plain(Rational(1, 3), 4), "0.3333");
  std::string out;
  append_exact(out, Rational(-259, 3000));
  append_exact(out, Rational(6));
  EXPECT_EQ(out, "-259/30006");
}

TEST(ShortestDecimal, MatchesWhatWasWritten) {
  EXPECT_EQ(shortest_decimal(0.07), "0.07");
  EXPECT_EQ(shortest_decimal(0.1 + 0.2), "0.30000000000000004");
}

TEST(Amount, RefusesToMixCurrencies) {
  const Amount usd(Rational(1), Currency::USD);
  const Amount cny(Rational(7), Currency::CNY);
  EXPECT_THROW(usd + cny, CurrencyMismatch);
  EXPECT_THROW(usd.less_than(cny), CurrencyMismatch);
  EXPECT_EQ((usd + usd).value, Rational(2));
  EXPECT_EQ(Amount(Rational(37), Currency::USD) / Rational(3000) * Rational(35), Amount(Rational(259, 600), Currency::USD));
}

TEST(Fx, ConvertsWithTheLatestRateOnOrBeforeTheDate) {
  FxTable fx;
  fx.add({Currency::USD, Currency::CNY, *parse_exact("7.1057"), *Date::parse("2025-09-23"), "a"});
  fx.add({Currency::USD, Currency::CNY, *parse_exact("7.0197"), *Date::parse("2026-01-08"), "b"});
  // 10 USD x 7.1057 = 71.057 CNY on 2025-12-01 (the 2026 rate is not yet known then).
  auto c = fx.convert(Amount(10, Currency::USD), Currency::CNY, *Date::parse("2025-12-01"));
  EXPECT_EQ(c.amount.value, *parse_exact("71.057"));
  EXPECT_EQ(c.rate->source, "a");
  // 70.197 CNY / 7.0197 = 10 USD exactly, on the later rate.
  c = fx.convert(Amount(*parse_exact("70.197"), Currency::CNY), Currency::USD, *Date::parse("2026-11-28"));
  EXPECT_EQ(c.amount.value, Rational(10));
  EXPECT_EQ(c.amount.currency, Currency::USD);
  // Before every rate: the earliest one.
  c = fx.convert(Amount(1, Currency::USD), Currency::CNY, *Date::parse("2020-01-01"));
  EXPECT_EQ(c.rate->source, "a");
  // Same currency: no rate used.
  EXPECT_FALSE(fx.convert(Amount(1, Currency::USD), Currency::USD, *Date::parse("2026-01-01")).rate);
}

TEST(Fx, NoRateIsAnError) {
  FxTable empty;
  EXPECT_THROW(empty.convert(Amount(1, Currency::USD), Currency::CNY, Date::today()), std::runtime_error);
}

TEST(Currency, ParsesCodesAndAliases) {
  EXPECT_EQ(parse_currency("usd"), Currency::USD);
  EXPECT_EQ(parse_currency("RMB"), Currency::CNY);
  EXPECT_FALSE(parse_currency("EUR"));
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(FormatFixed, ANonZeroFigureNeverShowsAsZero) {
  // 1/30000 = 0.0000333...: at 4 places it would read 0.0000; it gets two significant digits.
  EXPECT_EQ(format_fixed(Rational(1, 30000), 4), "0.000033");
  EXPECT_EQ(format_fixed(Rational(-1, 30000), 4), "-0.000033");
  EXPECT_EQ(format_fixed(Rational(0), 4), "0.0000");
  // 0.00005 rounds half to even to 0.0000 at 4 places, so it too is shown with its digits.
  EXPECT_EQ(format_fixed(Rational(1, 20000), 4), "0.000050");
  EXPECT_EQ(format_fixed(Rational(3, 20000), 4), "0.0002");  // 0.00015: half to even, not zero
}

}  // namespace
}  // namespace vidcost
