#include "pricing/price_basis.h"

namespace vidcost {

std::optional<PriceBasisChoice> parse_price_basis(std::string_view text) {
  if (text == "renewal") return PriceBasisChoice::Renewal;
  if (text == "list") return PriceBasisChoice::List;
  if (text == "first") return PriceBasisChoice::First;
  return std::nullopt;
}

std::string_view price_basis_choice_name(PriceBasisChoice b) {
  switch (b) {
    case PriceBasisChoice::Renewal: return "renewal";
    case PriceBasisChoice::List: return "list";
    case PriceBasisChoice::First: return "first";
  }
  return "";
}

}  // namespace vidcost
