#include "money/currency.h"

#include "core/text.h"

namespace vidcost {

std::string_view currency_code(Currency c) { return c == Currency::CNY ? "CNY" : "USD"; }

std::optional<Currency> parse_currency(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (lower == "cny" || lower == "rmb" || text == "元") return Currency::CNY;
  if (lower == "usd") return Currency::USD;
  return std::nullopt;
}

std::vector<std::string> currency_codes() { return {"CNY", "USD"}; }

}  // namespace vidcost
