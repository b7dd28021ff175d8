// The calculator line: exact arithmetic on amounts with currencies, so any figure can be
// checked by hand. "= 266 CNY / 3000 cr x 35 cr / 5 s", "= 0.07 USD x 60 in CNY".
#pragma once

#include <map>
#include <optional>
#include <string>

#include "money/fx.h"

namespace vidcost {

// Limits of one calculator line (docs/user-guide.md, "Limits").
inline constexpr std::size_t kMaxCalculatorLength = 4096;  // characters
inline constexpr int kMaxCalculatorDepth = 200;            // nested parentheses and signs

struct CalcValue {
  Rational value;
  std::optional<Currency> currency;  // none: a pure number
  // Other units and their powers: {"cr": -1} is "per credit", {"s": -1} "per second". Units
  // cancel as in arithmetic, so 37 USD / 3000 cr x 35 cr / 5 s is USD per second.
  std::map<std::string, int> units;
};

// The units the calculator knows besides currencies, by their written forms: credits (cr),
// seconds (s), minutes (min), clips, API units and tokens.
std::optional<std::string> parse_calc_unit(std::string_view word);

// Grammar: expr := term (('+'|'-') term)*; term := unary (('*'|'x'|'/') unary)*;
// unary := '-' unary | primary; primary := (NUMBER | '(' expr ')' | UNIT) UNIT*, where NUMBER may
// have an exponent (1e3) and a UNIT is a currency or one of parse_calc_unit's; a trailing
// "in CURRENCY" converts the result with the rate of `fx` in force on `as_of`.
// Throws Error (BadInput) with the position of the problem.
CalcValue evaluate(const std::string& expression, const FxTable& fx, const Date& as_of, std::string* fx_note);

// "CNY 0.6207 (931/1500)", "0.35 (7/20)", "USD 0.0617/s (37/600)".
std::string describe(const CalcValue& v);
// The units of a value other than its currency: "/s", "cr/s", "" for none.
std::string unit_suffix(const CalcValue& v);

}  // namespace vidcost
