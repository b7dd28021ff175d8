// Turning option text into typed values, once, at the boundary. Messages name the option.
// Money and shares are parsed exactly (never through double).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/context.h"
#include "compute/serving.h"
#include "pricing/offer.h"

namespace vidcost {

// The global options as typed on a line (empty: not given).
struct GlobalText {
  std::string catalog_dir, currency, format, region, as_of, price_basis, stale_after;
  std::vector<std::string> overlays, assumptions;
  bool no_color = false;
};
// Error (BadInput) naming the option for a value it does not take.
Settings parse_globals(const GlobalText& text);

DisplayCurrency parse_display_currency(std::string_view text, std::string_view option = "--currency");
Format parse_format_option(std::string_view text, std::string_view option = "--format");
Region parse_region_option(std::string_view text, std::string_view option = "--region");
Date parse_date_option(std::string_view text, std::string_view option = "--as-of");
PriceBasisChoice parse_price_basis_option(std::string_view text, std::string_view option = "--price-basis");
// Days, 1 to 3650.
int parse_stale_after_option(std::string_view text, std::string_view option = "--stale-after");

// "0.8" or "80%": a share in (0, 1].
Rational parse_utilization(std::string_view text, std::string_view option = "--utilization");
// "0.3" or "30%": a share in [0, 1] (or [0, 1) without `allow_one`).
Rational parse_share(std::string_view text, std::string_view option, bool allow_zero, bool allow_one);
// plan, pack, api or api-pack.
OfferKind parse_offer_kind_option(std::string_view text, std::string_view option = "--offer");
// A whole number in [1, max].
int parse_count(std::string_view text, std::string_view option, int max);
// A positive number (a physical quantity such as seconds or frames per second), at most `max`.
double parse_positive(std::string_view text, std::string_view option, double max);
// An exact number, zero or more.
Rational parse_non_negative(std::string_view text, std::string_view option);
// "2.25", "16CNY", "16 CNY" (an hourly amount, USD by default) or a price point id.
GpuPriceChoice parse_gpu_price(std::string_view text);

}  // namespace vidcost
