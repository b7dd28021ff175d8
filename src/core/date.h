// Calendar dates (YYYY-MM-DD) for catalog figures, effective ranges and --as-of.
// Only the proleptic Gregorian calendar is needed; no time zones.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace vidcost {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;

  std::string to_string() const;
  // Days since 1970-01-01; used to measure validity periods.
  long days_since_epoch() const;
  static Date from_days(long days_since_epoch);
  Date plus_days(long n) const { return from_days(days_since_epoch() + n); }

  // Parses exactly "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);
  // Today's date in UTC.
  static Date today();
};

}  // namespace vidcost
