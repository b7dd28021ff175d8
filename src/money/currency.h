// The currencies vidcost prices in. Amounts carry one; mixing two without a conversion is an error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vidcost {

enum class Currency { CNY, USD };

std::string_view currency_code(Currency c);
// Accepts ISO codes in any case ("usd", "CNY") and the common aliases RMB and 元.
std::optional<Currency> parse_currency(std::string_view text);
std::vector<std::string> currency_codes();

}  // namespace vidcost
