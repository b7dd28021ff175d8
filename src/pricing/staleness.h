// Staleness: a figure whose source is older than the threshold (--stale-after, 180 days by
// default) at the market's date is stale. A report counts the rows resting on stale figures,
// names the oldest, and the exchange rates older than the threshold, for a table's footer.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "pricing/market.h"
#include "pricing/quote.h"

namespace vidcost {

class StaleReport {
 public:
  explicit StaleReport(const Market& market)
      : date_(market.date), today_(market.date.days_since_epoch()), days_(market.stale_after_days) {}

  // Counts one row resting on `trust`; whether it is stale.
  bool row(const Trust& trust);
  // Notes an exchange rate used.
  void fx(const std::optional<FxRate>& rate);
  bool stale(const Trust& trust) const { return trust.age_on(today_) > days_; }
  // "3 of 20 rows rest on figures older than 180 days on 2026-11-28 (the oldest: plan gold of
  // kling, 2025-09-30); 'vidcost catalog stale' lists them. The exchange rate of 2026-02-12 is 289
  // days old." Empty when nothing is stale.
  std::string footnote() const;

 private:
  Date date_;
  long today_;  // date_ in days: every row asks
  int days_;
  int rows_ = 0, stale_ = 0;
  Trust oldest_;
  std::set<std::string> old_rates_;
};

}  // namespace vidcost
