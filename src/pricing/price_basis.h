// Which price of a plan a request uses (`--price-basis`): what a continuing customer pays (the
// default: the renewal or auto-renewal price where the catalog has one), the list price, or the
// first period's price (an introductory offer).
#pragma once

#include <optional>
#include <string_view>

namespace vidcost {

enum class PriceBasisChoice { Renewal, List, First };
std::optional<PriceBasisChoice> parse_price_basis(std::string_view text);
std::string_view price_basis_choice_name(PriceBasisChoice b);  // "renewal", "list", "first"

}  // namespace vidcost
