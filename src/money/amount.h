// An exact amount of money in one currency. Arithmetic across currencies throws instead of
// silently summing; conversion goes through money/fx.h with a dated rate.
#pragma once

#include <stdexcept>
#include <string>

#include "money/currency.h"
#include "money/decimal.h"

namespace vidcost {

class CurrencyMismatch : public std::runtime_error {
 public:
  CurrencyMismatch(Currency a, Currency b);
};

struct Amount {
  Rational value;
  Currency currency = Currency::CNY;

  Amount() = default;
  Amount(Rational v, Currency c) : value(std::move(v)), currency(c) {}

  Amount operator+(const Amount& other) const;
  Amount operator-(const Amount& other) const;
  Amount operator*(const Rational& factor) const { return {value * factor, currency}; }
  Amount operator/(const Rational& divisor) const { return {value / divisor, currency}; }
  // Ratio of two amounts in one currency (a pure number).
  Rational operator/(const Amount& other) const;
  bool operator==(const Amount& other) const = default;
  // Ordering is only defined within one currency.
  bool less_than(const Amount& other) const;

  // "USD 0.0700": rounded half to even at `places`.
  std::string display(int places) const;
};

}  // namespace vidcost
