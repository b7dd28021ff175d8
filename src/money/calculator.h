// The calculator line: exact arithmetic on amounts with currencies, so any figure can be
// checked by hand. "= 266 CNY / 3000 * 35 / 5", "= 0.07 USD * 60 in CNY".
#pragma once

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
};

// Grammar: expr := term (('+'|'-') term)*; term := unary (('*'|'/') unary)*;
// unary := '-' unary | primary; primary := NUMBER [CURRENCY] | '(' expr ')'; a trailing
// "in CURRENCY" converts the result with the rate of `fx` in force on `as_of`.
// Throws Error (BadInput) with the position of the problem.
CalcValue evaluate(const std::string& expression, const FxTable& fx, const Date& as_of, std::string* fx_note);

// "CNY 0.6207 (931/1500)" or "0.35 (7/20)".
std::string describe(const CalcValue& v);

}  // namespace vidcost
