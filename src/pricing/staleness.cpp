#include "pricing/staleness.h"

#include <fmt/format.h>

namespace vidcost {

bool StaleReport::row(const Trust& trust) {
  ++rows_;
  if (!stale(trust)) return false;
  ++stale_;
  if (trust.as_of < oldest_.as_of) oldest_ = trust;
  return true;
}

void StaleReport::fx(const std::optional<FxRate>& rate) {
  if (!rate) return;
  const long age = today_ - rate->date.days_since_epoch();
  if (age > days_) old_rates_.insert(fmt::format("{} ({} days old)", rate->date.to_string(), age));
}

std::string StaleReport::footnote() const {
  std::string text;
  if (stale_ > 0) {
    text = fmt::format("{} of {} row{} rest{} on figures older than {} days on {} (the oldest: {}{}); 'vidcost catalog "
                       "stale' lists them.",
                       stale_, rows_, rows_ == 1 ? "" : "s", stale_ == 1 ? "s" : "", days_, date_.to_string(),
                       oldest_.oldest.empty() ? "" : oldest_.oldest.str() + ", ", oldest_.as_of.to_string());
  }
  for (const auto& r : old_rates_) {
    text += fmt::format("{}The exchange rate of {} is older than {} days.", text.empty() ? "" : " ", r, days_);
  }
  return text;
}

}  // namespace vidcost
