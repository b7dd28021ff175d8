// The calculator line: exact arithmetic on amounts, checked against sums done by hand.
#include <gtest/gtest.h>

#include "core/error.h"
#include "money/calculator.h"

namespace vidcost {
namespace {

FxTable one_rate() {
  FxTable fx;
  fx.add({Currency::USD, Currency::CNY, Rational(71, 10), *Date::parse("2025-06-30"), "test"});
  return fx;
}

CalcValue calc(const std::string& expression) {
  return evaluate(expression, one_rate(), *Date::parse("2025-07-01"), nullptr);
}

TEST(Calculator, KlingPlatinumPerSecondByHand) {
  // 266 CNY / 3000 credits = 133/1500 CNY a credit; x 35 credits = 931/300; / 5 s = 931/1500.
  const CalcValue v = calc("266 CNY / 3000 * 35 / 5");
  EXPECT_EQ(v.value, Rational(931, 1500));
  EXPECT_EQ(v.currency, Currency::CNY);
  EXPECT_EQ(describe(v), "CNY 0.6207 (931/1500)");
}

TEST(Calculator, PrecedenceParenthesesAndUnaryMinus) {
  EXPECT_EQ(calc("1 + 2 * 3").value, Rational(7));       // 1 + 6
  EXPECT_EQ(calc("(1 + 2) * 3").value, Rational(9));     // 3 * 3
  EXPECT_EQ(calc("-2 * -3").value, Rational(6));
  EXPECT_EQ(calc("10 / 4 / 5").value, Rational(1, 2));   // left to right: 2.5 / 5
  EXPECT_EQ(calc("0.1 + 0.2").value, Rational(3, 10));   // exact, unlike a double
  EXPECT_FALSE(calc("3 / 4").currency.has_value());
}

TEST(Calculator, ConvertsWithTheRateInForce) {
  // 0.07 USD x 60 = 4.2 USD; x 7.1 CNY/USD = 29.82 CNY.
  std::string note;
  const CalcValue v = evaluate("0.07 USD * 60 in CNY", one_rate(), *Date::parse("2025-07-01"), &note);
  EXPECT_EQ(v.value, Rational(2982, 100));
  EXPECT_EQ(v.currency, Currency::CNY);
  EXPECT_NE(note.find("7.1"), std::string::npos) << note;
}

TEST(Calculator, AmountRules) {
  // Amount / amount of one currency is a pure ratio; 35 / 25 = 7/5.
  const CalcValue ratio = calc("35 USD / 25 USD");
  EXPECT_EQ(ratio.value, Rational(7, 5));
  EXPECT_FALSE(ratio.currency.has_value());
  EXPECT_THROW(calc("3 CNY + 2 USD"), Error);
  EXPECT_THROW(calc("3 CNY * 2 CNY"), Error);
  EXPECT_THROW(calc("1 / 0"), Error);
  EXPECT_THROW(calc("1 +"), Error);
  EXPECT_THROW(calc("(1 + 2"), Error);
  EXPECT_THROW(calc("2 EUR"), Error);
  EXPECT_THROW(calc(""), Error);
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

std::string calc_error(const std::string& expression) {
  try {
    calc(expression);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(CalculatorLimits, DeepNestingIsAnErrorNotAStackOverflow) {
  // 200 levels are fine: ((...(1)...)) = 1.
  EXPECT_EQ(calc(std::string(200, '(') + "1" + std::string(200, ')')).value, Rational(1));
  // 201, and thousands, are refused with the limit named (the shell once crashed at ~9,000).
  EXPECT_NE(calc_error(std::string(201, '(') + "1" + std::string(201, ')')).find("nested more than 200 deep"),
            std::string::npos);
  std::string minus;
  for (int i = 0; i < 2000; ++i) minus += "-(";
  minus += "1" + std::string(2000, ')');
  EXPECT_NE(calc_error(minus).find("characters"), std::string::npos);  // over the length limit first
  std::string signs(1000, '-');
  EXPECT_NE(calc_error(signs + "1").find("nested more than 200 deep"), std::string::npos);
}

TEST(CalculatorLimits, LongLinesAreRefusedBeforeTheyCostTime) {
  // A 4,096-character product is fine (and fast: each factor is small); one more character is not.
  std::string product = "1";
  while (product.size() + 2 <= kMaxCalculatorLength) product += "*1";
  EXPECT_EQ(calc(product).value, Rational(1));
  EXPECT_EQ(calc_error(product + "*1"),
            "= takes expressions of at most 4096 characters; this one has " + std::to_string(product.size() + 2));
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

std::string calc_message(const std::string& expression) {
  try {
    calc(expression);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(CalculatorUnits, WhatTheToolPrintsCanBeTypedBack) {
  // 37 USD / 3000 cr x 35 cr / 5 s: the credits cancel, USD per second remains.
  // 37 x 35 / (3000 x 5) = 1295 / 15000 = 259/3000 = 0.08633 USD/s.
  const CalcValue v = calc("37 USD / 3000 cr x 35 cr / 5 s");
  EXPECT_EQ(v.value, Rational(259, 3000));
  EXPECT_EQ(v.currency, Currency::USD);
  EXPECT_EQ(describe(v), "USD 0.0863/s (259/3000)");
  // 0.07 USD a second for 60 s: the seconds cancel. 0.07 x 60 = 4.2.
  EXPECT_EQ(describe(calc("0.07 USD / s × 60 s")), "USD 4.2 (21/5)");
  // 25 credits in 5 s: 5 credits a second.
  EXPECT_EQ(describe(calc("25 cr / 5 s")), "5 cr/s");
}

TEST(CalculatorUnits, ACurrencyAfterParenthesesAndExponents) {
  EXPECT_EQ(describe(calc("(37 + 2) USD")), "USD 39");
  EXPECT_EQ(calc("1e3").value, Rational(1000));
  EXPECT_EQ(calc("2.5e-2 USD").value, Rational(1, 40));
  EXPECT_EQ(calc("2 x 3").value, Rational(6));
}

TEST(CalculatorUnits, ClearErrors) {
  EXPECT_EQ(calc_message("1 USD in EUR"),
            "= 1 USD in EUR: EUR is not a currency the catalog has rates for (CNY, USD) (at column 10)");
  EXPECT_EQ(calc_message("37 EUR"), "= 37 EUR: EUR is not a currency the catalog has rates for (CNY, USD) (at column 4)");
  EXPECT_EQ(calc_message("1 USD + 1 USD / s"), "= 1 USD + 1 USD / s: cannot add USD and USD/s (at column 18)");
}

}  // namespace
}  // namespace vidcost
