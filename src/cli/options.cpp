#include "cli/options.h"

#include <fmt/format.h>

#include "core/errors.h"
#include "core/text.h"

namespace vidcost {

Rational parse_utilization(const std::string& text, std::string_view option) {
  std::string body = text;
  bool percent = !body.empty() && body.back() == '%';
  if (percent) body.pop_back();
  auto value = parse_exact(body);
  if (value && percent) *value /= 100;
  if (!value || *value <= 0 || *value > 1) {
    throw UsageError(fmt::format("{} '{}' must be a share in (0, 1], such as 0.8 or 80%", option, text));
  }
  return *value;
}

std::optional<OfferKind> parse_offer_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto kind = parse_offer_kind(text)) return kind;
  throw UsageError(fmt::format("--offer '{}' is not an offer kind; use plan, pack, api or api-pack{}", text,
                               did_you_mean(text, {"plan", "pack", "api", "api-pack"})));
}

}  // namespace vidcost
