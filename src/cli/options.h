// Parsing of option values shared by several commands (exact, never through double).
#pragma once

#include <optional>
#include <string>

#include "money/decimal.h"
#include "pricing/quote.h"

namespace vidcost {

// "0.8" or "80%": a share in (0, 1]. Throws UsageError naming `option`.
Rational parse_utilization(const std::string& text, std::string_view option = "--utilization");

// --offer: "plan", "pack", "api" or "api-pack"; nullopt when `text` is empty. Throws UsageError.
std::optional<OfferKind> parse_offer_option(const std::string& text);

}  // namespace vidcost
