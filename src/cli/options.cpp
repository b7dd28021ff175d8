#include "cli/options.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {

Settings parse_globals(const GlobalText& t) {
  Settings s;
  if (!t.catalog_dir.empty()) s.catalog_dir = t.catalog_dir;
  if (!t.currency.empty()) s.currency = parse_display_currency(t.currency);
  if (!t.format.empty()) s.format = parse_format_option(t.format);
  if (!t.region.empty()) s.region = parse_region_option(t.region);
  if (!t.as_of.empty()) s.as_of = parse_date_option(t.as_of);
  if (!t.price_basis.empty()) s.price_basis = parse_price_basis_option(t.price_basis);
  if (!t.stale_after.empty()) s.stale_after = parse_stale_after_option(t.stale_after);
  s.overlays = t.overlays;
  for (const auto& a : t.assumptions) s.assumptions.push_back(parse_assumption(a));
  s.no_color = t.no_color;
  return s;
}

DisplayCurrency parse_display_currency(std::string_view text, std::string_view option) {
  if (ascii_lower(text) == "native") return {};
  if (auto c = parse_currency(text)) return {c};
  throw Error::bad_input(fmt::format("{} '{}' is not a known currency; use CNY, USD or native{}", option, text,
                                     did_you_mean(text, {"CNY", "USD", "native"})));
}

Format parse_format_option(std::string_view text, std::string_view option) {
  if (auto f = parse_format(text)) return *f;
  throw Error::bad_input(fmt::format("{} '{}' is not a format; use table, csv, json or markdown{}", option, text,
                                     did_you_mean(text, {"table", "csv", "json", "markdown"})));
}

Region parse_region_option(std::string_view text, std::string_view option) {
  if (auto r = parse_region(text)) return *r;
  throw Error::bad_input(fmt::format("{} '{}' is not a region; use cn or intl", option, text));
}

PriceBasisChoice parse_price_basis_option(std::string_view text, std::string_view option) {
  if (auto b = parse_price_basis(text)) return *b;
  throw Error::bad_input(fmt::format("{} '{}' is not a price basis; use renewal (what a continuing customer pays), "
                                     "list or first{}",
                                     option, text, did_you_mean(text, {"renewal", "list", "first"})));
}

int parse_stale_after_option(std::string_view text, std::string_view option) {
  const bool digits = !text.empty() && text.size() <= 4 && text.find_first_not_of("0123456789") == std::string_view::npos;
  const int days = digits ? std::stoi(std::string(text)) : 0;
  if (days < 1 || days > 3650) {
    throw Error::bad_input(fmt::format("{} '{}' must be a whole number of days from 1 to 3650", option, text));
  }
  return days;
}

Date parse_date_option(std::string_view text, std::string_view option) {
  if (auto d = Date::parse(text)) return *d;
  throw Error::bad_input(fmt::format("{} '{}' is not a date; write YYYY-MM-DD", option, text));
}

Rational parse_share(std::string_view text, std::string_view option, bool allow_zero, bool allow_one) {
  std::string_view body = text;
  const bool percent = !body.empty() && body.back() == '%';
  if (percent) body.remove_suffix(1);
  auto value = parse_exact(body);
  if (value && percent) *value /= 100;
  if (!value || *value < 0 || (!allow_zero && *value == 0) || *value > 1 || (!allow_one && *value == 1)) {
    throw Error::bad_input(fmt::format("{} '{}' must be a share in {}0, 1{}, such as 0.8 or 80%", option, text,
                                       allow_zero ? "[" : "(", allow_one ? "]" : ")"));
  }
  return *value;
}

Rational parse_utilization(std::string_view text, std::string_view option) {
  return parse_share(text, option, false, true);
}

OfferKind parse_offer_kind_option(std::string_view text, std::string_view option) {
  if (auto kind = parse_offer_kind(text)) return *kind;
  throw Error::bad_input(fmt::format("{} '{}' is not an offer kind; use plan, pack, api or api-pack{}", option, text,
                                     did_you_mean(text, offer_kind_names())));
}

int parse_count(std::string_view text, std::string_view option, int max) {
  const auto value = parse_exact(text);
  if (!value || *value < 1 || denominator(*value) != 1 || *value > max) {
    throw Error::bad_input(fmt::format("{} '{}' must be a whole number from 1 to {}", option, text, max));
  }
  return static_cast<int>(numerator(*value));
}

double parse_positive(std::string_view text, std::string_view option, double max) {
  const auto value = parse_exact(text);
  if (!value || *value <= 0 || *value > Rational(max)) {
    throw Error::bad_input(fmt::format("{} '{}' must be a positive number, at most {}", option, text, max));
  }
  return value->convert_to<double>();
}

Rational parse_non_negative(std::string_view text, std::string_view option) {
  const auto value = parse_exact(text);
  if (!value || *value < 0) throw Error::bad_input(fmt::format("{} '{}' must be zero or more", option, text));
  return *value;
}

GpuPriceChoice parse_gpu_price(std::string_view text) {
  std::string_view number = text;
  Currency currency = Currency::USD;
  for (const auto& code : currency_codes()) {
    if (number.size() > 3 && ascii_lower(number.substr(number.size() - 3)) == ascii_lower(code)) {
      currency = *parse_currency(code);
      number.remove_suffix(3);
      while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
    }
  }
  if (const auto value = parse_exact(number)) {
    if (*value <= 0) throw Error::bad_input(fmt::format("--gpu-price '{}' must be a positive amount", text));
    return Amount(*value, currency);
  }
  return std::string(text);  // a price point id, checked against the GPU's price points
}

}  // namespace vidcost
