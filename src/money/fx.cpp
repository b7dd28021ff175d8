#include "money/fx.h"

#include <stdexcept>

namespace vidcost {

void FxTable::add(FxRate rate) { rates_.push_back(std::move(rate)); }

std::optional<FxRate> FxTable::rate_for(Currency from, Currency to, const Date& as_of) const {
  const FxRate* best = nullptr;
  const FxRate* earliest = nullptr;
  for (const auto& r : rates_) {
    const bool pair = (r.base == from && r.quote == to) || (r.base == to && r.quote == from);
    if (!pair) continue;
    if (!earliest || r.date < earliest->date) earliest = &r;
    if (r.date <= as_of && (!best || r.date > best->date)) best = &r;
  }
  if (!best) best = earliest;
  if (!best) return std::nullopt;
  return *best;
}

Conversion FxTable::convert(const Amount& amount, Currency to, const Date& as_of) const {
  if (amount.currency == to) return {amount, std::nullopt};
  auto rate = rate_for(amount.currency, to, as_of);
  if (!rate) {
    throw std::runtime_error("no exchange rate between " + std::string(currency_code(amount.currency)) +
                             " and " + std::string(currency_code(to)) + " in fx.toml");
  }
  const Rational factor = rate->base == amount.currency ? rate->rate : Rational(1) / rate->rate;
  return {Amount(amount.value * factor, to), rate};
}

}  // namespace vidcost
