#include "report/table.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/text.h"

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

// A CSV field. Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab
// or a carriage return) gets a leading apostrophe, as spreadsheet-safe CSV writers do; numbers
// (negative ones too) are written as they are. Control characters are shown escaped.
void append_csv_field(std::string& out, std::string_view raw, bool text) {
  std::string escaped;
  std::string_view s = raw;
  if (!already_visible(raw)) s = escaped = visible(raw);
  const bool formula = text && !raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos;
  // A plain loop: find_first_of with a set of four searches the set once per character.
  const bool quoted = std::any_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; });
  if (!quoted) {
    if (formula) out += '\'';
    out += s;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Output is built in a buffer written out every 64 KiB: few writes, and never the whole output
// in memory.
class Chunked {
 public:
  explicit Chunked(std::ostream& out) : out_(out) {}
  ~Chunked() { flush(); }
  Chunked(const Chunked&) = delete;
  Chunked& operator=(const Chunked&) = delete;
  void maybe_flush() {
    if (text.size() >= kChunk) flush();
  }
  void flush() {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }
  std::string text;

 private:
  static constexpr std::size_t kChunk = 64 * 1024;
  std::ostream& out_;
};

void render_csv(const Table& t, std::ostream& out) {
  Chunked buffer(out);
  std::string& text = buffer.text;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (i) text += ',';
    append_csv_field(text, t.columns[i].name, true);
  }
  text += '\n';
  t.for_each_row([&](const std::vector<Cell>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) text += ',';
      const Cell& c = row[i];
      switch (c.kind) {
        case Cell::Kind::Null: break;
        case Cell::Kind::Integer: text += std::to_string(c.integer); break;
        case Cell::Kind::Boolean: text += c.boolean ? "true" : "false"; break;
        case Cell::Kind::Text:
        case Cell::Kind::Number: append_csv_field(text, c.text, c.kind == Cell::Kind::Text); break;
      }
    }
    text += '\n';
    buffer.maybe_flush();
  });
}

nlohmann::ordered_json json_cell(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Null: return nullptr;
    case Cell::Kind::Text:
    case Cell::Kind::Number: return c.text;
    case Cell::Kind::Integer: return c.integer;
    case Cell::Kind::Boolean: return c.boolean;
  }
  return nullptr;
}

// As nlohmann's dump(2) of the array of row objects, one row at a time: each object is dumped
// on its own and indented one level.
void render_json(const Table& t, std::ostream& out) {
  Chunked buffer(out);
  std::string& text = buffer.text;
  bool first = true;
  t.for_each_row([&](const std::vector<Cell>& row) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size(); ++i) object[t.columns[i].name] = json_cell(row[i]);
    text += first ? "[\n  " : ",\n  ";
    first = false;
    for (const char c : object.dump(2)) {
      text += c;
      if (c == '\n') text += "  ";
    }
    buffer.maybe_flush();
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

void Table::for_each_row(const std::function<void(const std::vector<Cell>&)>& f) const {
  for (const auto& row : rows) f(row);
  std::vector<Cell> row;
  for (std::size_t i = 0; i < streamed; ++i) {
    row.clear();
    make_row(i, row);
    f(row);
  }
}

void Table::hold_rows() {
  rows.reserve(rows.size() + streamed);
  for (std::size_t i = 0; i < streamed; ++i) {
    std::vector<Cell> row;
    make_row(i, row);
    rows.push_back(std::move(row));
  }
  streamed = 0;
  make_row = nullptr;
}

void Table::extend_rows(std::function<void(std::size_t, std::vector<Cell>&)> more) {
  for (std::size_t i = 0; i < rows.size(); ++i) more(i, rows[i]);
  if (streamed == 0) return;
  const std::size_t held = rows.size();
  make_row = [make = std::move(make_row), more = std::move(more), held](std::size_t i, std::vector<Cell>& row) {
    make(i, row);
    more(held + i, row);
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
