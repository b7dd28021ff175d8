// Writing a streamed row's cells to its sink in column order: `r << a << b`.
//
// Text goes to the sink as a view (no copy). Numbers and text made for the row are written
// into one buffer kept from row to row and given as a view too; flags, integers and nulls as
// they are. Nothing is held as a Cell, so a table of many rows costs no cell per value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "money/amount.h"
#include "money/decimal.h"
#include "report/table.h"

namespace vidcost {

// An amount at fixed places, or a quantity in plain decimals: written straight into the row.
struct Money {
  const Amount* amount;  // null: an empty cell
  int places;
};
struct Quantity {
  const Rational* value;  // null: an empty cell
};
inline Money money(const Amount* a, int places) { return {a, places}; }
inline Quantity quantity(const Rational* r) { return {r}; }
template <typename T>
const T* maybe(const std::optional<T>& x) { return x ? &*x : nullptr; }

struct RowWriter {
  RowSink& sink;
  std::string& scratch;

  RowWriter& operator<<(std::string_view text) {
    sink.text(text);
    return *this;
  }
  RowWriter& operator<<(const Cell& c) {
    sink.cell(c);
    return *this;
  }
  RowWriter& operator<<(std::nullopt_t) {  // an empty cell: `r << std::nullopt`
    sink.null();
    return *this;
  }
  // Amounts and quantities are written on the stack and given as a view; the few that need
  // the multi-precision path go through the row buffer.
  RowWriter& operator<<(const Money& m) {
    if (!m.amount) return *this << std::nullopt;
    char text[kDecimalRoom];
    if (const char* end = write_fixed(text, m.amount->value, m.places)) return number(text, end);
    return number_of([&](std::string& s) { append_fixed(s, m.amount->value, m.places); });
  }
  RowWriter& operator<<(const Quantity& q) {
    if (!q.value) return *this << std::nullopt;
    char text[kDecimalRoom];
    if (const char* end = write_plain(text, *q.value)) return number(text, end);
    return number_of([&](std::string& s) { append_plain(s, *q.value); });
  }
  RowWriter& integer(std::int64_t i) {
    sink.integer(i);
    return *this;
  }
  RowWriter& null() { return *this << std::nullopt; }
  RowWriter& boolean(bool b) {
    sink.boolean(b);
    return *this;
  }
  // Text that `write(buffer)` appends, given to the sink as a view of the buffer.
  template <typename F>
  RowWriter& text_of(F write) {
    sink.text(made(write));
    return *this;
  }
  // The same for a number.
  template <typename F>
  RowWriter& number_of(F write) {
    sink.number(made(write));
    return *this;
  }

 private:
  RowWriter& number(const char* begin, const char* end) {  // write_fixed's text: digits only
    sink.digits(std::string_view(begin, static_cast<std::size_t>(end - begin)));
    return *this;
  }
  template <typename F>
  std::string_view made(F& write) {
    scratch.clear();
    write(scratch);
    return scratch;
  }
};

}  // namespace vidcost
