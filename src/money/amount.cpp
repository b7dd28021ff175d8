#include "money/amount.h"

namespace vidcost {

CurrencyMismatch::CurrencyMismatch(Currency a, Currency b)
    : std::runtime_error("cannot combine " + std::string(currency_code(a)) + " and " +
                         std::string(currency_code(b)) + " without a conversion") {}

Amount Amount::operator+(const Amount& other) const {
  if (currency != other.currency) throw CurrencyMismatch(currency, other.currency);
  return {value + other.value, currency};
}

Amount Amount::operator-(const Amount& other) const {
  if (currency != other.currency) throw CurrencyMismatch(currency, other.currency);
  return {value - other.value, currency};
}

Rational Amount::operator/(const Amount& other) const {
  if (currency != other.currency) throw CurrencyMismatch(currency, other.currency);
  return value / other.value;
}

bool Amount::less_than(const Amount& other) const {
  if (currency != other.currency) throw CurrencyMismatch(currency, other.currency);
  return value < other.value;
}

std::string Amount::display(int places) const {
  return std::string(currency_code(currency)) + " " + format_fixed(value, places);
}

}  // namespace vidcost
