#include "catalog/toml_reader.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/text.h"

namespace vidcost {

Location FileContext::locate(const toml::source_region& region) const {
  return {path, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

void FileContext::report(const toml::source_region& region, std::string message) const {
  problems->emplace_back(locate(region), std::move(message));
}

std::string FileContext::literal(const toml::source_region& region) const {
  if (region.begin.line == 0 || region.begin.line > lines->size()) return "";
  const std::string& line = (*lines)[region.begin.line - 1];
  const std::size_t start = region.begin.column - 1;
  std::size_t end = line.size();
  if (region.end.line == region.begin.line && region.end.column > region.begin.column) {
    end = std::min<std::size_t>(line.size(), region.end.column - 1);
  }
  if (start >= line.size()) return "";
  std::string text = line.substr(start, end - start);
  // Trim at the first character that cannot belong to a float literal.
  const auto stop = text.find_first_not_of("+-0123456789._eE");
  if (stop != std::string::npos) text.resize(stop);
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  return text;
}

TableReader::TableReader(const toml::table& table, const TableSchema& schema, const FileContext& file,
                         std::string label)
    : table_(table), schema_(schema), file_(file), label_(std::move(label)) {}

Location TableReader::where(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return file_.locate(node ? node->source() : table_.source());
}

void TableReader::error(std::string_view key, const std::string& message) const {
  const toml::node* node = table_.get(key);
  file_.report(node ? node->source() : table_.source(),
               fmt::format("{}: field '{}' {}", label_, key, message));
}

void TableReader::error_here(const std::string& message) const {
  file_.report(table_.source(), fmt::format("{}: {}", label_, message));
}

const toml::node* TableReader::get(std::string_view key) { return table_.get(key); }

namespace {

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

}  // namespace

std::optional<std::string> TableReader::text(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    error(key, "must be a string, got " + type_name(*node));
    return std::nullopt;
  }
  return node->as_string()->get();
}

std::optional<std::string> TableReader::id(std::string_view key) {
  auto value = text(key);
  if (!value) return std::nullopt;
  const bool valid = !value->empty() &&
                     std::all_of(value->begin(), value->end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                              c == '_';
                     }) &&
                     value->front() != '-' && value->front() != '.';
  if (!valid) {
    error(key, fmt::format("must be a lowercase id of a-z, 0-9, '.', '-' or '_', got \"{}\"", *value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  if (!node->is_boolean()) {
    error(key, "must be true or false, got " + type_name(*node));
    return std::nullopt;
  }
  return node->as_boolean()->get();
}

std::optional<Date> TableReader::date(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  if (node->is_date()) {
    const toml::date d = node->as_date()->get();
    return Date{d.year, d.month, d.day};
  }
  if (node->is_string()) {
    if (auto d = Date::parse(node->as_string()->get())) return d;
    error(key, fmt::format("must be a date YYYY-MM-DD, got \"{}\"", node->as_string()->get()));
    return std::nullopt;
  }
  error(key, "must be a date YYYY-MM-DD, got " + type_name(*node));
  return std::nullopt;
}

std::optional<int> TableReader::positive_int(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  if (!node->is_integer() || node->as_integer()->get() <= 0 || node->as_integer()->get() > 1000000000) {
    error(key, "must be a positive integer, got " +
                   (node->is_integer() ? std::to_string(node->as_integer()->get()) : type_name(*node)));
    return std::nullopt;
  }
  return static_cast<int>(node->as_integer()->get());
}

std::optional<double> TableReader::real(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  double value = 0;
  if (node->is_integer()) {
    value = static_cast<double>(node->as_integer()->get());
  } else if (node->is_floating_point()) {
    value = node->as_floating_point()->get();
  } else {
    error(key, "must be a number, got " + type_name(*node));
    return std::nullopt;
  }
  if (!(value > 0) || value > 1e12) {
    error(key, fmt::format("must be a positive number, got {}", value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<int>> TableReader::int_array(std::string_view key, std::size_t count) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  bool ok = array && array->size() == count;
  std::vector<int> out;
  if (ok) {
    for (const auto& element : *array) {
      if (!element.is_integer() || element.as_integer()->get() <= 0 || element.as_integer()->get() > 1000000) {
        ok = false;
        break;
      }
      out.push_back(static_cast<int>(element.as_integer()->get()));
    }
  }
  if (!ok) {
    error(key, fmt::format("must be an array of {} positive integers, such as [1, 2, 2]", count));
    return std::nullopt;
  }
  return out;
}

std::vector<std::string> TableReader::text_list(std::string_view key) {
  std::vector<std::string> out;
  const toml::node* node = get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) {
    error(key, "must be an array of strings, got " + type_name(*node));
    return out;
  }
  for (const auto& element : *array) {
    if (!element.is_string()) {
      file_.report(element.source(),
                   fmt::format("{}: field '{}' must hold strings, got {}", label_, key, type_name(element)));
      continue;
    }
    out.push_back(element.as_string()->get());
  }
  return out;
}

std::vector<int> TableReader::duration_list(std::string_view key) {
  std::vector<int> out;
  const toml::node* node = get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array || array->empty()) {
    error(key, "must be a non-empty array of positive integers (seconds), got " +
                   (array ? std::string("an empty array") : type_name(*node)));
    return out;
  }
  for (const auto& element : *array) {
    if (!element.is_integer() || element.as_integer()->get() <= 0 || element.as_integer()->get() > 3600) {
      file_.report(element.source(), fmt::format("{}: field '{}' must hold positive whole seconds, got {}",
                                                 label_, key, type_name(element)));
      continue;
    }
    const int seconds = static_cast<int>(element.as_integer()->get());
    if (std::find(out.begin(), out.end(), seconds) != out.end()) {
      file_.report(element.source(), fmt::format("{}: field '{}' lists {} s twice", label_, key, seconds));
      continue;
    }
    out.push_back(seconds);
  }
  return out;
}

std::optional<Rational> TableReader::exact_value(std::string_view key, const toml::node& node, bool whole) {
  if (node.is_integer()) return Rational(node.as_integer()->get());
  if (whole) {
    error(key, "must be a positive integer, got " +
                   (node.is_floating_point() ? file_.literal(node.source()) : type_name(node)));
    return std::nullopt;
  }
  if (node.is_string()) {
    const std::string& s = node.as_string()->get();
    if (auto r = parse_exact(s)) return r;
    error(key, fmt::format("must be an exact number such as \"0.49\" or \"266/3000\", got \"{}\"", s));
    return std::nullopt;
  }
  if (node.is_floating_point()) {
    const double value = node.as_floating_point()->get();
    const std::string written = file_.literal(node.source());
    const auto written_value = parse_exact(written);
    const auto shortest_value = parse_exact(shortest_decimal(value));
    if (!written_value || !shortest_value || *written_value != *shortest_value) {
      error(key, fmt::format("float {} does not round-trip exactly (a double reads it as {}); write it "
                             "as a string, e.g. \"{}\"",
                             written, shortest_decimal(value), written));
      return std::nullopt;
    }
    return *written_value;
  }
  error(key, "must be a number, got " + type_name(node));
  return std::nullopt;
}

bool TableReader::check_sign(std::string_view key, const Rational& value, Sign sign, bool whole,
                             const toml::node& node) {
  const bool bad = (sign == Sign::Positive && value <= 0) || (sign == Sign::NonNegative && value < 0);
  if (bad || (whole && denominator(value) != 1)) {
    const std::string expected = whole ? (sign == Sign::Positive ? "a positive integer" : "a non-negative integer")
                                       : (sign == Sign::Positive ? "positive" : "zero or more");
    file_.report(node.source(), fmt::format("{}: field '{}' must be {}, got {}", label_, key, expected,
                                            format_plain(value)));
    return false;
  }
  // Plausibility bounds: every figure of a catalog (a price, a credit count, a rate) lies far
  // inside them, and nothing derived from them can then show as zero or overflow a display.
  static const Rational kSmallest(1, 1'000'000), kLargest(1'000'000'000'000LL);
  const Rational magnitude = value < 0 ? Rational(-value) : value;
  if (value != 0 && (magnitude < kSmallest || magnitude > kLargest)) {
    file_.report(node.source(), fmt::format("{}: field '{}' is implausible: {} is outside 0.000001 to 10^12 in size",
                                            label_, key, format_significant(value, 3)));
    return false;
  }
  return true;
}

std::optional<Rational> TableReader::number(std::string_view key, Sign sign) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  auto value = exact_value(key, *node, false);
  if (!value || !check_sign(key, *value, sign, false, *node)) return std::nullopt;
  return value;
}

std::optional<Rational> TableReader::whole_number(std::string_view key, Sign sign) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  auto value = exact_value(key, *node, true);
  if (!value || !check_sign(key, *value, sign, true, *node)) return std::nullopt;
  return value;
}

bool TableReader::is_unknown(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node && node->is_string() && node->as_string()->get() == "unknown";
}

std::optional<Known<Rational>> TableReader::number_or_unknown(std::string_view key, Sign sign, bool whole) {
  if (is_unknown(key)) {
    auto reason = text("unknown_reason");
    if (!reason) {
      error(key, "is \"unknown\" but the entry has no 'unknown_reason' saying why");
      return std::nullopt;
    }
    return Known<Rational>{std::nullopt, *reason};
  }
  auto value = whole ? whole_number(key, sign) : number(key, sign);
  if (!value) return std::nullopt;
  return Known<Rational>{value, ""};
}

std::optional<Currency> TableReader::currency(std::string_view key) {
  auto value = text(key);
  if (!value) return std::nullopt;
  if (auto c = parse_currency(*value)) return c;
  error(key, fmt::format("names an unknown currency \"{}\" (expected CNY or USD){}", *value,
                         did_you_mean(*value, currency_codes())));
  return std::nullopt;
}

std::optional<Region> TableReader::region(std::string_view key) {
  auto value = text(key);
  if (!value) return std::nullopt;
  if (auto r = parse_region(*value)) return r;
  error(key, fmt::format("must be \"cn\" or \"intl\", got \"{}\"", *value));
  return std::nullopt;
}

std::optional<Confidence> TableReader::confidence(std::string_view key) {
  auto value = text(key);
  if (!value) return std::nullopt;
  if (*value == "high") return Confidence::High;
  if (*value == "medium") return Confidence::Medium;
  if (*value == "low") return Confidence::Low;
  error(key, fmt::format("must be \"high\", \"medium\" or \"low\", got \"{}\"{}", *value,
                         did_you_mean(*value, {"high", "medium", "low"})));
  return std::nullopt;
}

std::optional<std::map<int, Rational>> TableReader::duration_map(std::string_view key, Sign sign, bool whole) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  const toml::table* table = node->as_table();
  if (!table) {
    error(key, "must be a table of duration = number, such as { 5 = 35, 10 = 70 }, got " + type_name(*node));
    return std::nullopt;
  }
  std::map<int, Rational> out;
  bool ok = true;
  for (const auto& [k, v] : *table) {
    int seconds = 0;
    const std::string_view ks = k.str();
    const auto parsed = std::from_chars(ks.data(), ks.data() + ks.size(), seconds);
    if (parsed.ec != std::errc{} || parsed.ptr != ks.data() + ks.size() || seconds <= 0) {
      file_.report(k.source(), fmt::format("{}: field '{}' has key '{}', which is not a duration in whole "
                                           "seconds",
                                           label_, key, ks));
      ok = false;
      continue;
    }
    const std::string entry = fmt::format("{}.{}", key, ks);
    auto value = exact_value(entry, v, whole);
    if (!value || !check_sign(entry, *value, sign, whole, v)) {
      ok = false;
      continue;
    }
    out[seconds] = *value;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Provenance> TableReader::provenance(const Provenance* inherit) {
  Provenance p;
  if (inherit) p = *inherit;
  p.where = where();
  if (has("source")) p.source_where = where("source");
  p.from_where = where("effective_from");
  p.confidence_where = where("confidence");
  bool ok = true;
  if (auto s = text("source")) {
    p.source = *s;
  } else if (has("source")) {
    ok = false;
  }
  if (auto d = date("as_of")) {
    p.as_of = *d;
  } else if (has("as_of")) {
    ok = false;
  }
  if (auto c = confidence("confidence")) {
    p.confidence = *c;
  } else if (has("confidence")) {
    ok = false;
  }
  if (auto b = boolean("inferred")) p.inferred = *b;
  if (auto n = text("note")) p.note = *n;
  if (inherit) p.effective = inherit->effective;
  if (auto from = date("effective_from")) p.effective.from = from;
  if (auto basis = text("effective_from_basis")) {
    if (*basis == "launch" || *basis == "first-source" || *basis == "change") {
      p.effective_from_basis = *basis;
    } else {
      error("effective_from_basis", fmt::format("must be launch, first-source or change, got \"{}\"", *basis));
      ok = false;
    }
  }
  if (auto to = date("effective_to")) p.effective.to = to;
  if (p.effective.from && p.effective.to && !(*p.effective.from < *p.effective.to)) {
    error("effective_to", fmt::format("must be after effective_from ({} is not after {})",
                                      p.effective.to->to_string(), p.effective.from->to_string()));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return p;
}

const toml::array* TableReader::table_array(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return nullptr;
  const toml::array* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    error(key, fmt::format("must be an array of tables ([[...{}]]), got {}", key, type_name(*node)));
    return nullptr;
  }
  return array;
}

const toml::table* TableReader::subtable(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return nullptr;
  if (!node->is_table()) {
    error(key, "must be a table, got " + type_name(*node));
    return nullptr;
  }
  return node->as_table();
}

void TableReader::finish() {
  for (const auto& [k, v] : table_) {
    if (!schema_.find(k.str())) {
      file_.report(k.source(),
                   fmt::format("{}: unknown key '{}'{}", label_, k.str(), did_you_mean(k.str(), schema_.keys())));
    }
  }
  // Every table is checked on every load: walk the fields in place rather than copy them.
  auto check_required = [&](const FieldSchema& f) {
    if (f.required && !table_.contains(f.key)) error_here(fmt::format("missing required field '{}' ({})", f.key, f.type));
  };
  for (const auto& f : schema_.fields) check_required(f);
  if (schema_.provenance != ProvenanceRule::None) {
    for (const auto& f : provenance_fields(schema_.provenance == ProvenanceRule::Required)) {
      if (!schema_.find_own(f.key)) check_required(f);
    }
  }
}

}  // namespace vidcost
