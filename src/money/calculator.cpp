#include "money/calculator.h"

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
      const auto target = currency_word();
      if (!target) fail("expected a currency after 'in'");
      if (!v.currency) fail("'in' converts an amount, but the result has no currency");
      if (*v.currency != *target) {
        const Conversion c = fx_.convert(Amount(v.value, *v.currency), *target, as_of_);
        v = {c.amount.value, *target};
        if (fx_note) {
          *fx_note = fmt::format("at 1 {} = {} {} on {} ({})", currency_code(c.rate->base), format_plain(c.rate->rate),
                                 currency_code(c.rate->quote), c.rate->date.to_string(), c.rate->source);
        }
      }
    }
    skip();
    if (pos_ < s_.size()) fail(fmt::format("unexpected '{}'", s_.substr(pos_)));
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

  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }

  bool word_ahead(std::string_view word) {
    skip();
    return s_.compare(pos_, word.size(), word) == 0 &&
           (pos_ + word.size() == s_.size() || !std::isalpha(static_cast<unsigned char>(s_[pos_ + word.size()])));
  }

  std::optional<Currency> currency_word() {
    skip();
    std::size_t end = pos_;
    while (end < s_.size() && !std::isspace(static_cast<unsigned char>(s_[end])) && !std::strchr("+-*/()", s_[end])) ++end;
    if (end == pos_) return std::nullopt;
    auto c = parse_currency(s_.substr(pos_, end - pos_));
    if (c) pos_ = end;
    return c;
  }

  CalcValue expr() {
    CalcValue left = term();
    while (true) {
      skip();
      if (pos_ >= s_.size() || (s_[pos_] != '+' && s_[pos_] != '-')) return left;
      const char op = s_[pos_++];
      const CalcValue right = term();
      if (left.currency != right.currency) {
        fail(fmt::format("cannot {} {} and {}", op == '+' ? "add" : "subtract", unit(left), unit(right)));
      }
      left.value = op == '+' ? Rational(left.value + right.value) : Rational(left.value - right.value);
    }
  }

  CalcValue term() {
    CalcValue left = unary();
    while (true) {
      skip();
      if (pos_ >= s_.size() || (s_[pos_] != '*' && s_[pos_] != '/')) return left;
      const char op = s_[pos_++];
      const CalcValue right = unary();
      if (op == '*') {
        if (left.currency && right.currency) fail("cannot multiply two amounts of money");
        left = {left.value * right.value, left.currency ? left.currency : right.currency};
      } else {
        if (right.value == 0) fail("division by zero");
        if (right.currency && left.currency != right.currency) {
          fail(fmt::format("cannot divide {} by {}", unit(left), unit(right)));
        }
        left = {left.value / right.value, right.currency ? std::nullopt : left.currency};
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
    if (pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      const Nested nested(*this);
      CalcValue v = expr();
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') fail("missing ')'");
      ++pos_;
      return v;
    }
    std::size_t end = pos_;
    while (end < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[end])) || s_[end] == '.')) ++end;
    if (end == pos_) fail(pos_ < s_.size() ? fmt::format("expected a number, got '{}'", s_.substr(pos_)) : "expected a number");
    auto number = parse_exact(s_.substr(pos_, end - pos_));
    if (!number) fail(fmt::format("'{}' is not a number", s_.substr(pos_, end - pos_)));
    pos_ = end;
    CalcValue v{*number, std::nullopt};
    const std::size_t before = pos_;
    if (!word_ahead("in")) {
      v.currency = currency_word();
      if (!v.currency) pos_ = before;
    }
    return v;
  }

  static std::string unit(const CalcValue& v) {
    return v.currency ? std::string(currency_code(*v.currency)) : "a plain number";
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
    throw Error::bad_input("= needs an expression, such as = 266 CNY / 3000 * 35 / 5");
  }
  // Exact products of long lines grow without bound (each factor widens every later one).
  if (expression.size() > kMaxCalculatorLength) {
    throw Error::bad_input(fmt::format("= takes expressions of at most {} characters; this one has {}",
                                       kMaxCalculatorLength, expression.size()));
  }
  return Parser(expression, fx, as_of).parse(fx_note);
}

std::string describe(const CalcValue& v) {
  const std::string shown = format_plain(v.value, 4);
  const std::string exact = format_exact(v.value);
  const std::string number = shown == exact ? shown : fmt::format("{} ({})", shown, exact);
  return v.currency ? fmt::format("{} {}", currency_code(*v.currency), number) : number;
}

}  // namespace vidcost
