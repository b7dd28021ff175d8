#include "money/calculator.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

class Parser {
 public:
  Parser(const std::string& text, const FxTable& fx, const Date& as_of) : s_(text), fx_(fx), as_of_(as_of) {}

  CalcValue parse(std::string* fx_note) {
    CalcValue v = expr();
    skip();
    if (word_ahead("in")) {
      pos_ += 2;
      skip();
      const std::string word = next_word();
      const auto target = parse_currency(word);
      if (!target) {
        fail(word.empty() ? "expected a currency after 'in'" : unknown_currency(word));
      }
      pos_ += word.size();
      if (!v.currency) fail("'in' converts an amount, but the result has no currency");
      if (*v.currency != *target) {
        const Conversion c = fx_.convert(Amount(v.value, *v.currency), *target, as_of_);
        v.value = c.amount.value;
        v.currency = *target;
        if (fx_note) {
          *fx_note = fmt::format("at 1 {} = {} {} on {} ({})", currency_code(c.rate->base), format_plain(c.rate->rate),
                                 currency_code(c.rate->quote), c.rate->date.to_string(), c.rate->source);
        }
      }
    }
    skip();
    if (pos_ < s_.size()) {
      const std::string word = next_word();
      if (looks_like_currency(word)) fail(unknown_currency(word));
      fail(fmt::format("unexpected '{}'", s_.substr(pos_, 40)));
    }
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    // A long line is quoted by its start only.
    const std::string shown = s_.size() > 80 ? s_.substr(0, 77) + "..." : s_;
    throw Error::bad_input(fmt::format("= {}: {} (at column {})", shown, message, pos_ + 1));
  }

  // Parentheses and signs nest through recursion: bounded, so no line can exhaust the stack.
  struct Nested {
    Parser& p;
    explicit Nested(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxCalculatorDepth) {
        p.fail(fmt::format("nested more than {} deep", kMaxCalculatorDepth));
      }
    }
    ~Nested() { --p.depth_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;
  };

  static bool letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

  static bool looks_like_currency(const std::string& word) {
    return word.size() == 3 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  }

  static std::string unknown_currency(const std::string& word) {
    return looks_like_currency(word) ? fmt::format("{} is not a currency the catalog has rates for (CNY, USD)", word)
                                     : fmt::format("'{}' is not a currency (CNY, USD)", word);
  }

  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }

  // The run of letters at the position (not consumed).
  std::string next_word() const {
    std::size_t end = pos_;
    while (end < s_.size() && letter(s_[end])) ++end;
    return s_.substr(pos_, end - pos_);
  }

  bool word_ahead(std::string_view word) {
    skip();
    return s_.compare(pos_, word.size(), word) == 0 &&
           (pos_ + word.size() == s_.size() || !letter(s_[pos_ + word.size()]));
  }

  // A multiplication sign: '*', a standalone 'x', or '×'.
  std::size_t times_ahead() {
    skip();
    if (pos_ >= s_.size()) return 0;
    if (s_[pos_] == '*') return 1;
    if (s_[pos_] == 'x' && (pos_ + 1 == s_.size() || !letter(s_[pos_ + 1]))) return 1;
    if (s_.compare(pos_, 2, "\xc3\x97") == 0) return 2;
    return 0;
  }

  // Units written after a value: currencies and the calculator's units, as many as follow.
  void read_units(CalcValue& v) {
    for (;;) {
      skip();
      if (word_ahead("in")) return;
      const std::string word = next_word();
      if (word.empty()) return;
      if (const auto c = parse_currency(word)) {
        if (v.currency) fail(fmt::format("{} has two currencies", word));
        v.currency = *c;
      } else if (const auto u = parse_calc_unit(word)) {
        if (++v.units[*u] == 0) v.units.erase(*u);
      } else if (looks_like_currency(word)) {
        fail(unknown_currency(word));
      } else {
        return;  // not a unit: the caller decides ('x' for times, or an error)
      }
      pos_ += word.size();
    }
  }

  static void combine(CalcValue& left, const CalcValue& right, int sign) {
    for (const auto& [unit, power] : right.units) {
      if ((left.units[unit] += sign * power) == 0) left.units.erase(unit);
    }
  }

  CalcValue expr() {
    CalcValue left = term();
    while (true) {
      skip();
      if (pos_ >= s_.size() || (s_[pos_] != '+' && s_[pos_] != '-')) return left;
      const char op = s_[pos_++];
      const CalcValue right = term();
      if (left.currency != right.currency || left.units != right.units) {
        fail(fmt::format("cannot {} {} and {}", op == '+' ? "add" : "subtract", unit(left), unit(right)));
      }
      left.value = op == '+' ? Rational(left.value + right.value) : Rational(left.value - right.value);
    }
  }

  CalcValue term() {
    CalcValue left = unary();
    while (true) {
      skip();
      const std::size_t times = times_ahead();
      if (pos_ >= s_.size() || (times == 0 && s_[pos_] != '/')) return left;
      const bool multiply = times > 0;
      pos_ += multiply ? times : 1;
      const CalcValue right = unary();
      if (multiply) {
        if (left.currency && right.currency) fail("cannot multiply two amounts of money");
        left.value = left.value * right.value;
        if (!left.currency) left.currency = right.currency;
        combine(left, right, 1);
      } else {
        if (right.value == 0) fail("division by zero");
        if (right.currency && left.currency != right.currency) {
          fail(fmt::format("cannot divide {} by {}", unit(left), unit(right)));
        }
        left.value = left.value / right.value;
        if (right.currency) left.currency.reset();
        combine(left, right, -1);
      }
    }
  }

  CalcValue unary() {
    skip();
    if (pos_ < s_.size() && s_[pos_] == '-') {
      ++pos_;
      const Nested nested(*this);
      CalcValue v = unary();
      v.value = -v.value;
      return v;
    }
    return primary();
  }

  CalcValue primary() {
    skip();
    CalcValue v;
    if (pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      const Nested nested(*this);
      CalcValue inner = expr();
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') fail("missing ')'");
      ++pos_;
      // "(37 + 2) USD": units after the parentheses apply to what is inside.
      CalcValue after{1, std::nullopt, {}};
      read_units(after);
      if (after.currency && inner.currency) fail("cannot multiply two amounts of money");
      inner.currency = inner.currency ? inner.currency : after.currency;
      combine(inner, after, 1);
      return inner;
    }
    std::size_t end = pos_;
    while (end < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[end])) || s_[end] == '.')) ++end;
    // An exponent: 1e3, 2.5E-2.
    if (end > pos_ && end < s_.size() && (s_[end] == 'e' || s_[end] == 'E')) {
      std::size_t e = end + 1;
      if (e < s_.size() && (s_[e] == '+' || s_[e] == '-')) ++e;
      const std::size_t digits = e;
      while (e < s_.size() && std::isdigit(static_cast<unsigned char>(s_[e]))) ++e;
      if (e > digits) end = e;
    }
    if (end == pos_) {
      // A unit alone is one of it: "USD / s".
      const std::string word = next_word();
      if (!word.empty() && (parse_currency(word) || parse_calc_unit(word))) {
        v.value = 1;
        read_units(v);
        return v;
      }
      if (looks_like_currency(word)) fail(unknown_currency(word));
      fail(pos_ < s_.size() ? fmt::format("expected a number, got '{}'", s_.substr(pos_, 40)) : "expected a number");
    }
    auto number = parse_exact(s_.substr(pos_, end - pos_));
    if (!number) fail(fmt::format("'{}' is not a number", s_.substr(pos_, end - pos_)));
    pos_ = end;
    v.value = *number;
    read_units(v);
    return v;
  }

  static std::string unit(const CalcValue& v) {
    const std::string suffix = unit_suffix(v);
    const std::string joined = suffix.empty() || suffix[0] == '/' ? suffix : " " + suffix;
    if (v.currency) return std::string(currency_code(*v.currency)) + joined;
    return suffix.empty() ? "a plain number" : "a number of " + (suffix[0] == '/' ? "1" + suffix : suffix);
  }

  std::string s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  const FxTable& fx_;
  Date as_of_;
};

}  // namespace

CalcValue evaluate(const std::string& expression, const FxTable& fx, const Date& as_of, std::string* fx_note) {
  if (expression.find_first_not_of(" \t") == std::string::npos) {
    throw Error::bad_input("= needs an expression, such as = 266 CNY / 3000 cr x 35 cr / 5 s");
  }
  // Exact products of long lines grow without bound (each factor widens every later one).
  if (expression.size() > kMaxCalculatorLength) {
    throw Error::bad_input(fmt::format("= takes expressions of at most {} characters; this one has {}",
                                       kMaxCalculatorLength, expression.size()));
  }
  return Parser(expression, fx, as_of).parse(fx_note);
}

std::optional<std::string> parse_calc_unit(std::string_view word) {
  static const std::map<std::string, std::string, std::less<>> kUnits = {
      {"cr", "cr"},         {"credit", "cr"},   {"credits", "cr"},   {"s", "s"},         {"sec", "s"},
      {"second", "s"},      {"seconds", "s"},   {"min", "min"},      {"minute", "min"},  {"minutes", "min"},
      {"clip", "clip"},     {"clips", "clip"},  {"unit", "unit"},    {"units", "unit"},  {"token", "token"},
      {"tokens", "token"}};
  const auto found = kUnits.find(word);
  if (found == kUnits.end()) return std::nullopt;
  return found->second;
}

std::string unit_suffix(const CalcValue& v) {
  std::string up, down;
  for (const auto& [unit, power] : v.units) {
    std::string& side = power > 0 ? up : down;
    const int n = power > 0 ? power : -power;
    side += (power > 0 && !side.empty() ? "·" : power < 0 ? "/" : "") + unit + (n > 1 ? "^" + std::to_string(n) : "");
  }
  return up + down;
}

std::string describe(const CalcValue& v) {
  const std::string shown = format_plain(v.value, 4);
  const std::string exact = format_exact(v.value);
  const std::string suffix = unit_suffix(v);
  const std::string number = shown + (suffix.empty() || suffix[0] == '/' ? suffix : " " + suffix);
  const std::string with_exact = shown == exact ? number : fmt::format("{} ({})", number, exact);
  return v.currency ? fmt::format("{} {}", currency_code(*v.currency), with_exact) : with_exact;
}

}  // namespace vidcost
