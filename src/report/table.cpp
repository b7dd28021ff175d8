#include "report/table.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "report/chunked_text.h"

namespace vidcost {

std::optional<Format> parse_format(std::string_view text) {
  if (text == "table") return Format::Table;
  if (text == "csv") return Format::Csv;
  if (text == "json") return Format::Json;
  if (text == "markdown" || text == "md") return Format::Markdown;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::Table: return "table";
    case Format::Csv: return "csv";
    case Format::Json: return "json";
    case Format::Markdown: return "markdown";
  }
  return "";
}

std::string Cell::plain() const {
  switch (kind) {
    case Kind::Null: return "";
    case Kind::Text:
    case Kind::Number: return text;
    case Kind::Integer: return std::to_string(integer);
    case Kind::Boolean: return boolean ? "true" : "false";
  }
  return "";
}

namespace {

bool right_aligned(const Cell& c) { return c.kind == Cell::Kind::Integer || c.kind == Cell::Kind::Number; }

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

// Cuts a cell to `width` display columns, ending in an ellipsis.
std::string truncate(const std::string& s, std::size_t width) {
  if (width == 0 || display_width(s) <= width) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t next = i + 1;
    while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
    const std::string piece = s.substr(i, next - i);
    if (display_width(out + piece) + 1 > width) break;
    out += piece;
    i = next;
  }
  return out + "…";
}

void render_vertical(const Table& t, std::ostream& out) {
  std::size_t width = 0;
  for (const auto& c : t.columns) {
    if (c.in_text_table) width = std::max(width, display_width(c.name));
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (r) out << '\n';
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (!t.columns[i].in_text_table) continue;
      std::string line = pad(visible(t.columns[i].name), width, false) + "  " + visible(t.rows[r][i].plain());
      line.erase(line.find_last_not_of(' ') + 1);
      out << line << '\n';
    }
  }
  for (const auto& note : t.footnotes) out << visible(note) << '\n';
}

void render_text(const Table& t, const RenderOptions& o, std::ostream& out) {
  if (t.vertical) {
    render_vertical(t, out);
    return;
  }
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].in_text_table) shown.push_back(i);
  }
  std::vector<std::size_t> width(t.columns.size(), 0);
  std::vector<bool> right(t.columns.size(), false);
  for (std::size_t i : shown) width[i] = display_width(t.columns[i].name);
  for (const auto& row : t.rows) {
    for (std::size_t i : shown) {
      width[i] = std::max(width[i], display_width(visible(row[i].plain())));
      if (right_aligned(row[i])) right[i] = true;
    }
  }
  // On a terminal, fit its width: the widest text column gives way first, down to a floor and
  // never below its header; numbers are never cut. Off a terminal nothing is cut.
  std::vector<std::size_t> limit(t.columns.size(), 0);  // 0: uncut
  if (o.width > 0) {
    constexpr std::size_t kFloor = 12;
    auto total = [&] {
      std::size_t sum = shown.empty() ? 0 : 2 * (shown.size() - 1);
      for (std::size_t i : shown) sum += width[i];
      return sum;
    };
    while (total() > o.width) {
      std::size_t widest = t.columns.size();
      for (std::size_t i : shown) {
        const std::size_t floor = std::max(kFloor, display_width(t.columns[i].name));
        if (right[i] || width[i] <= floor) continue;
        if (widest == t.columns.size() || width[i] > width[widest]) widest = i;
      }
      if (widest == t.columns.size()) break;  // only numbers and short columns left: let it wrap
      const std::size_t floor = std::max(kFloor, display_width(t.columns[widest].name));
      width[widest] = std::max(floor, width[widest] - std::min(width[widest] - floor, total() - o.width));
      limit[widest] = width[widest];
    }
  }
  auto text_of = [&](const std::vector<Cell>& row, std::size_t i) {
    return truncate(visible(row[i].plain()), limit[i]);
  };
  auto line = [&](auto cell_text, bool header) {
    std::string s;
    for (std::size_t k = 0; k < shown.size(); ++k) {
      const std::size_t i = shown[k];
      const bool last = k + 1 == shown.size();
      std::string cell = pad(cell_text(i), width[i], right[i]);
      if (last && !right[i]) cell = cell_text(i);  // no trailing blanks
      s += cell;
      if (!last) s += "  ";
    }
    s.erase(s.find_last_not_of(' ') + 1);
    if (header && o.color) s = "\x1b[1m" + s + "\x1b[0m";
    out << s << '\n';
  };
  line([&](std::size_t i) { return visible(t.columns[i].name); }, true);
  for (const auto& row : t.rows) line([&](std::size_t i) { return text_of(row, i); }, false);
  for (const auto& note : t.footnotes) out << visible(note) << '\n';
}

// What a CSV field holds that needs care: a byte that may start something shown escaped (a
// control, DEL, the lead byte of a C1 control or of a bidirectional or separator character), and
// a comma or double quote (the field is quoted). Sixteen bytes at a time where SSE2 is (every
// x86-64); short text, and all text elsewhere, a byte at a time through a table.
struct FieldScan {
  bool suspect = false;
  bool special = false;
};

FieldScan scan_field(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i space = _mm_set1_epi8(0x20), minus_one = _mm_set1_epi8(-1), del = _mm_set1_epi8(0x7f),
                  c2 = _mm_set1_epi8(static_cast<char>(0xc2)), e2 = _mm_set1_epi8(static_cast<char>(0xe2)),
                  d8 = _mm_set1_epi8(static_cast<char>(0xd8)), comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    __m128i suspect = _mm_setzero_si128(), special = _mm_setzero_si128();
    const auto scan = [&](const char* at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      // Signed bytes: 0x00-0x1f are those at least 0 and below 0x20.
      const __m128i control = _mm_and_si128(_mm_cmpgt_epi8(v, minus_one), _mm_cmplt_epi8(v, space));
      suspect = _mm_or_si128(suspect, _mm_or_si128(_mm_or_si128(control, _mm_cmpeq_epi8(v, del)),
                                                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)),
                                                                _mm_cmpeq_epi8(v, d8))));
      special = _mm_or_si128(special, _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)));
    };
    for (std::size_t i = 0; i + 16 <= n; i += 16) scan(p + i);
    scan(p + n - 16);  // the last sixteen, overlapping what was scanned
    return {_mm_movemask_epi8(suspect) != 0, _mm_movemask_epi8(special) != 0};
  }
#endif
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> c{};  // bit 1: suspect, bit 2: special
    for (int b = 0; b < 0x20; ++b) c[static_cast<std::size_t>(b)] = 1;
    for (const int b : {0x7f, 0xc2, 0xe2, 0xd8}) c[static_cast<std::size_t>(b)] = 1;
    c[static_cast<unsigned char>(',')] = c[static_cast<unsigned char>('"')] = 2;
    return c;
  }();
  unsigned char found = 0;
  for (std::size_t i = 0; i < n; ++i) found |= kClass[static_cast<unsigned char>(p[i])];
  return {(found & 1) != 0, (found & 2) != 0};
}

bool starts_formula(std::string_view raw, bool text) {
  if (!text || raw.empty()) return false;
  switch (raw.front()) {  // a switch, not a search of the list: every text field asks
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

// A field with something to escape or quote: out of line, so the usual field costs no more than
// its scan and its copy.
[[gnu::noinline]] void append_csv_field_with_care(std::string& out, std::string_view raw, bool text, FieldScan scan) {
  bool quoted = scan.special;
  std::string escaped;
  std::string_view s = raw;
  if (scan.suspect && !already_visible(raw)) {
    s = escaped = visible(raw);
    quoted = std::any_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; });
  }
  const bool formula = starts_formula(raw, text);
  if (!quoted) {
    if (formula) out += '\'';
    out += s;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  // Each double quote doubled: the text between them goes in whole.
  for (std::size_t q = s.find('"'); q != std::string_view::npos; q = s.find('"')) {
    out.append(s.substr(0, q + 1)).append(1, '"');
    s.remove_prefix(q + 1);
  }
  out += s;
  out += '"';
}

// A CSV field. Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab
// or a carriage return) gets a leading apostrophe, as spreadsheet-safe CSV writers do; numbers
// (negative ones too) are written as they are. Control characters are shown escaped.
void append_csv_field(std::string& out, std::string_view raw, bool text) {
  const FieldScan scan = scan_field(raw);
  if (scan.suspect || scan.special) return append_csv_field_with_care(out, raw, text, scan);
  if (starts_formula(raw, text)) out += '\'';
  out += raw;
}

// Cells straight into CSV text, each after a comma but the row's first: the usual field is
// copied into room made for it, the rest made with care out of line.
class CsvSink : public RowSink {
 public:
  explicit CsvSink(ChunkedText& out) : out_(out) {}
  void start_row() { first_ = true; }
  void text(std::string_view s) override { field(s, true); }
  void number(std::string_view s) override { field(s, false); }
  void digits(std::string_view s) override { put(s); }  // nothing to escape: no scan
  void integer(std::int64_t i) override {
    char* at = separated(24);
    done(std::to_chars(at, at + 24, i).ptr);
  }
  void boolean(bool b) override { put(b ? std::string_view("true") : std::string_view("false")); }
  void null() override { done(separated(0)); }

 private:
  // Room for the separator and n bytes after it: where the field goes. done() keeps the text
  // from the separator to `end`.
  char* separated(std::size_t n) {
    char* at = start_ = out_.room(n + 1);
    if (!first_) *at++ = ',';
    first_ = false;
    return at;
  }
  void done(const char* end) { out_.commit(static_cast<std::size_t>(end - start_)); }
  void put(std::string_view s) {
    char* at = separated(s.size());
    copy_bytes(at, s.data(), s.size());
    done(at + s.size());
  }
  void field(std::string_view s, bool text) {
    const FieldScan scan = scan_field(s);
    if (scan.suspect || scan.special) return with_care(s, text, scan);
    char* at = separated(s.size() + 1);
    if (starts_formula(s, text)) *at++ = '\'';
    copy_bytes(at, s.data(), s.size());
    done(at + s.size());
  }
  void with_care(std::string_view s, bool text, FieldScan scan) {
    thread_local std::string made;
    made.clear();
    append_csv_field_with_care(made, s, text, scan);
    put(made);
  }
  ChunkedText& out_;
  bool first_ = true;
  char* start_ = nullptr;  // the last room's start
};

// The CSV header line of these columns. A script writes a table per line, nearly always with
// the same columns: the last header is kept and reused when every name matches.
const std::string& csv_header(const std::vector<Column>& columns) {
  thread_local std::vector<std::string> names;
  thread_local std::string header;
  const bool same = names.size() == columns.size() &&
                    std::equal(names.begin(), names.end(), columns.begin(),
                               [](const std::string& name, const Column& c) { return name == c.name; });
  if (same) return header;
  names.clear();
  header.clear();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) header += ',';
    append_csv_field(header, columns[i].name, true);
    names.push_back(columns[i].name);
  }
  header += '\n';
  return header;
}

void render_csv(const Table& t, std::ostream& out) {
  ChunkedText text(out);
  text += csv_header(t.columns);
  CsvSink sink(text);
  t.write_rows(sink, [&] {
    text += '\n';
    sink.start_row();
    text.maybe_flush();
  });
}

// Cells into a JSON object keyed by column name.
class JsonSink : public RowSink {
 public:
  explicit JsonSink(const std::vector<Column>& columns) : columns_(columns) {}
  void text(std::string_view s) override { put(std::string(s)); }
  void number(std::string_view s) override { put(std::string(s)); }
  void integer(std::int64_t i) override { put(i); }
  void boolean(bool b) override { put(b); }
  void null() override { put(nullptr); }
  // The row's object, taken; the next row starts empty.
  nlohmann::ordered_json take() {
    nlohmann::ordered_json row = std::move(object_);
    object_ = nlohmann::ordered_json::object();
    column_ = 0;
    return row;
  }

 private:
  void put(nlohmann::ordered_json value) { object_[columns_.at(column_++).name] = std::move(value); }
  const std::vector<Column>& columns_;
  nlohmann::ordered_json object_ = nlohmann::ordered_json::object();
  std::size_t column_ = 0;
};

// As nlohmann's dump(2) of the array of row objects, one row at a time: each object is dumped
// on its own and indented one level.
void render_json(const Table& t, std::ostream& out) {
  ChunkedText text(out);
  bool first = true;
  JsonSink sink(t.columns);
  t.write_rows(sink, [&] {
    text += first ? "[\n  " : ",\n  ";
    first = false;
    for (const char c : sink.take().dump(2)) {
      text += c;
      if (c == '\n') text += "  ";
    }
    text.maybe_flush();
  });
  text += first ? "[]\n" : "\n]\n";
}

std::string md_escape(const std::string& raw) {
  const std::string s = visible(raw);
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

void render_markdown(const Table& t, std::ostream& out) {
  out << '|';
  for (const auto& c : t.columns) out << ' ' << md_escape(c.name) << " |";
  out << "\n|";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const bool right = !t.rows.empty() && right_aligned(t.rows.front()[i]);
    out << (right ? "---:|" : "---|");
  }
  out << '\n';
  for (const auto& row : t.rows) {
    out << '|';
    for (const auto& cell : row) out << ' ' << md_escape(cell.plain()) << " |";
    out << '\n';
  }
  if (!t.footnotes.empty()) {
    out << '\n';
    for (const auto& note : t.footnotes) out << visible(note) << "\n";
  }
}

}  // namespace

void RowSink::cell(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Null: return null();
    case Cell::Kind::Text: return text(c.text);
    case Cell::Kind::Number: return number(c.text);
    case Cell::Kind::Integer: return integer(c.integer);
    case Cell::Kind::Boolean: return boolean(c.boolean);
  }
}

namespace {

// Cells into a held row.
class CellSink : public RowSink {
 public:
  explicit CellSink(std::vector<Cell>& row) : row_(row) {}
  void text(std::string_view s) override { row_.push_back(Cell::of(std::string(s))); }
  void number(std::string_view s) override { row_.push_back(Cell::number(std::string(s))); }
  void integer(std::int64_t i) override { row_.push_back(Cell::of(i)); }
  void boolean(bool b) override { row_.push_back(Cell::of(b)); }
  void null() override { row_.push_back(Cell::null()); }

 private:
  std::vector<Cell>& row_;
};

}  // namespace

void Table::write_rows(RowSink& sink, const std::function<void()>& after_row) const {
  for (const auto& row : rows) {
    for (const auto& c : row) sink.cell(c);
    after_row();
  }
  for (std::size_t i = 0; i < streamed; ++i) {
    make_row(i, sink);
    after_row();
  }
}

void Table::for_each_row(const std::function<void(const std::vector<Cell>&)>& f) const {
  for (const auto& row : rows) f(row);
  std::vector<Cell> row;
  CellSink sink(row);
  for (std::size_t i = 0; i < streamed; ++i) {
    row.clear();
    make_row(i, sink);
    f(row);
  }
}

void Table::hold_rows() {
  rows.reserve(rows.size() + streamed);
  for (std::size_t i = 0; i < streamed; ++i) {
    std::vector<Cell> row;
    CellSink sink(row);
    make_row(i, sink);
    rows.push_back(std::move(row));
  }
  streamed = 0;
  make_row = nullptr;
}

void Table::extend_rows(std::function<void(std::size_t, RowSink&)> more) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CellSink sink(rows[i]);
    more(i, sink);
  }
  if (streamed == 0) return;
  const std::size_t held = rows.size();
  make_row = [make = std::move(make_row), more = std::move(more), held](std::size_t i, RowSink& sink) {
    make(i, sink);
    more(held + i, sink);
  };
}

void render(const Table& table, const RenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case Format::Csv: render_csv(table, out); return;
    case Format::Json: render_json(table, out); return;
    case Format::Table:
    case Format::Markdown: break;
  }
  // Aligned formats look at every row: held first, and rendered into memory for one write.
  Table held;
  const Table* t = &table;
  if (table.streamed > 0) {
    held = table;
    held.hold_rows();
    t = &held;
  }
  std::ostringstream buffer;
  if (options.format == Format::Table) {
    render_text(*t, options, buffer);
  } else {
    render_markdown(*t, buffer);
  }
  const std::string text = std::move(buffer).str();
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace vidcost
