// A result table of typed cells, rendered as an aligned text table, CSV, JSON or Markdown.
// Commands build one Table; the --format option picks the renderer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vidcost {

enum class Format { Table, Csv, Json, Markdown };
std::optional<Format> parse_format(std::string_view text);
std::string_view format_name(Format format);

// Text, a whole number, a yes/no, an exact amount kept as a string in JSON, or nothing.
struct Cell {
  enum class Kind { Null, Text, Integer, Boolean, Number } kind = Kind::Null;
  std::string text;
  std::int64_t integer = 0;
  bool boolean = false;

  static Cell null() { return {}; }
  static Cell of(std::string s) { return {Kind::Text, std::move(s), 0, false}; }
  static Cell of(const char* s) { return of(std::string(s)); }
  static Cell of(std::string_view s) { return of(std::string(s)); }
  static Cell of(std::int64_t i) { return {Kind::Integer, "", i, false}; }
  static Cell of(int i) { return of(static_cast<std::int64_t>(i)); }
  static Cell of(bool b) { return {Kind::Boolean, "", 0, b}; }
  // A decimal number shown right-aligned; JSON keeps it as a string so no precision is lost.
  static Cell number(std::string s) { return {Kind::Number, std::move(s), 0, false}; }
  std::string plain() const;
};

struct Column {
  std::string name;
  bool in_text_table = true;  // the text table shows a readable subset; other formats show all
};

// Where the cells of a streamed row go, one at a time in column order: into held cells, or
// straight into the CSV or JSON being written (no cell, no copy of its text).
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void text(std::string_view s) = 0;
  virtual void number(std::string_view s) = 0;  // a decimal, as Cell::number
  // A number made of digits, a minus sign and a point only (display rounding's own text):
  // nothing in it needs escaping, so a writer may copy it as it is.
  virtual void digits(std::string_view s) { number(s); }
  virtual void integer(std::int64_t i) = 0;
  virtual void boolean(bool b) = 0;
  virtual void null() = 0;
  void cell(const Cell& c);
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // Rows made one at a time after `rows`: `make_row(i, sink)` gives row i of `streamed` to the
  // sink. CSV and JSON write each as it is made, so a large comparison is never held as cells;
  // the text and Markdown renderers, which align columns, hold them all first.
  std::size_t streamed = 0;
  std::function<void(std::size_t, RowSink&)> make_row;
  std::vector<std::string> footnotes;  // printed under a text or Markdown table only
  bool vertical = false;  // text format: one "column  value" line per column (for one-row results)

  void add_row(std::vector<Cell> row) { rows.push_back(std::move(row)); }
  std::size_t row_count() const { return rows.size() + streamed; }
  // Every row in order, held then streamed, to the sink.
  void write_rows(RowSink& sink, const std::function<void()>& after_row) const;
  // Every row in order as cells; the row passed is reused between calls.
  void for_each_row(const std::function<void(const std::vector<Cell>&)>& f) const;
  // Makes the streamed rows held ones (for code that edits or aligns rows).
  void hold_rows();
  // Adds cells at the end of every row, held and streamed: `more(i, sink)` gives row i's.
  void extend_rows(std::function<void(std::size_t, RowSink&)> more);
};

struct RenderOptions {
  Format format = Format::Table;
  bool color = false;  // bold header in text tables
  // The terminal's columns: a text table is fitted to them by shortening its widest text
  // columns (never a number). 0: not a terminal, so nothing is ever cut.
  std::size_t width = 0;
};

void render(const Table& table, const RenderOptions& options, std::ostream& out);

}  // namespace vidcost
