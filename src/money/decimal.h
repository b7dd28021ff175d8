// Exact numbers for money: parsing decimal text into rationals without passing through double,
// and the single display rounding rule (half to even at a fixed number of places).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "money/rational.h"

namespace vidcost {

// "12", "-0.084", "1.5e-3", "266/3000" -> exact value; nullopt for anything else.
std::optional<Rational> parse_exact(std::string_view text);

// The shortest decimal text that reads back as `value` (what the TOML author most likely wrote).
std::string shortest_decimal(double value);

// Rounds half to even at `places` decimals and prints with exactly that many decimals.
std::string format_fixed(const Rational& value, int places);
// The same text appended to `out` (rows of a table reuse one buffer).
void append_fixed(std::string& out, const Rational& value, int places);

// The same texts written into a caller's buffer of at least kDecimalRoom bytes (some of which
// may be scribbled past the text): the end of the text, or null when the value needs the
// multi-precision path or the rule for a figure that rounds to zero (use append_fixed /
// append_plain then). Catalog figures nearly always take this path.
inline constexpr std::size_t kDecimalRoom = 72;
char* write_fixed(char* out, const Rational& value, int places);
char* write_plain(char* out, const Rational& value, int max_places = 6);

// "n/d" (or "n" when the denominator is 1): the exact value, lossless.
std::string format_exact(const Rational& value);
void append_exact(std::string& out, const Rational& value);

// Exact decimal text if the value has a finite decimal expansion of at most `max_places`,
// otherwise the half-even rounding at max_places. For quantities such as credits (12.5).
std::string format_plain(const Rational& value, int max_places = 6);
void append_plain(std::string& out, const Rational& value, int max_places = 6);

// Rounds half to even to `digits` significant digits and prints without an exponent:
// 0.018234 -> "0.018", 1.25 -> "1.2", 1837 -> "1800". For estimates, whose precision is not
// that of money.
std::string format_significant(const Rational& value, int digits = 2);
std::string format_significant(double value, int digits = 2);

// An estimate (a double) at fixed places, "12.35", or in printf's %.Ng form, "3.702e+16":
// correctly rounded (half to even on the exact binary value), without a format string.
std::string format_estimate_fixed(double value, int places);
void append_estimate_fixed(std::string& out, double value, int places);
std::string format_estimate_general(double value, int digits);

// Rounds half to even to an integer number of units of 10^-places (for totals computed exactly).
Rational round_half_even(const Rational& value, int places);

}  // namespace vidcost
