// Typed, checked reads of one TOML table against its schema. Every read that fails adds a
// diagnostic at the value's line and column and returns nothing, so loading goes on and all
// problems of a file are reported together.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "catalog/schema.h"
#include "catalog/toml_input.h"
#include "catalog/types.h"
#include "core/diagnostic.h"

namespace vidcost {

// One file being read: its name for messages, its text for float literals, and the sink.
struct FileContext {
  std::string path;
  const std::vector<std::string>* lines;
  Diagnostics* problems;

  FileContext(const TomlFile& file, Diagnostics& sink) : path(file.path), lines(&file.lines), problems(&sink) {}

  Location locate(const toml::source_region& region) const;
  void report(const toml::source_region& region, std::string message) const;
  // The literal text a value node was written as (for the float round-trip check).
  std::string literal(const toml::source_region& region) const;
};

enum class Sign { Any, NonNegative, Positive };

class TableReader {
 public:
  TableReader(const toml::table& table, const TableSchema& schema, const FileContext& file,
              std::string label);

  // The label in messages, e.g. "[[plan]] 'pro'"; set once the id is known.
  void set_label(std::string label) { label_ = std::move(label); }
  const std::string& label() const { return label_; }
  Location where() const { return file_.locate(table_.source()); }
  // Where the value of `key` is written (the table itself when the key is absent).
  Location where(std::string_view key) const;
  bool has(std::string_view key) const { return table_.contains(key); }
  void error(std::string_view key, const std::string& message) const;
  void error_here(const std::string& message) const;

  std::optional<std::string> text(std::string_view key);
  std::optional<std::string> id(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<Date> date(std::string_view key);
  std::optional<int> positive_int(std::string_view key);
  std::vector<std::string> text_list(std::string_view key);
  // A physical quantity (not money): an integer or a float, positive.
  std::optional<double> real(std::string_view key);
  // An array of exactly `count` positive integers.
  std::optional<std::vector<int>> int_array(std::string_view key, std::size_t count);
  std::vector<int> duration_list(std::string_view key);
  // An exact number: a TOML integer, a decimal string, or a float that round-trips exactly.
  std::optional<Rational> number(std::string_view key, Sign sign);
  std::optional<Rational> whole_number(std::string_view key, Sign sign);
  // "unknown" (with a required `unknown_reason`) or a number.
  std::optional<Known<Rational>> number_or_unknown(std::string_view key, Sign sign, bool whole);
  std::optional<Currency> currency(std::string_view key);
  std::optional<Region> region(std::string_view key);
  std::optional<Confidence> confidence(std::string_view key);
  // A table of duration (seconds) = number.
  std::optional<std::map<int, Rational>> duration_map(std::string_view key, Sign sign, bool whole);
  bool is_unknown(std::string_view key) const;

  // Reads the provenance keys; absent ones come from `inherit` when given.
  std::optional<Provenance> provenance(const Provenance* inherit = nullptr);

  const toml::array* table_array(std::string_view key);
  const toml::table* subtable(std::string_view key);

  // Reports unknown keys (with a did-you-mean) and missing required ones.
  void finish();

 private:
  const toml::node* get(std::string_view key);
  std::optional<Rational> exact_value(std::string_view key, const toml::node& node, bool whole);
  bool check_sign(std::string_view key, const Rational& value, Sign sign, bool whole,
                  const toml::node& node);

  const toml::table& table_;
  const TableSchema& schema_;
  const FileContext& file_;
  std::string label_;
};

// Reads every table of the array `key` ([[key]]) with `reader`, keeping the ones it accepts.
template <typename T, typename Reader>
void read_array(const toml::table& root, std::string_view key, std::string_view schema, const FileContext& file,
                std::vector<T>& out, Reader reader) {
  const toml::node* node = root.get(key);
  if (!node) return;
  const toml::array* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    file.report(node->source(), fmt::format("'{}' must be written as [[{}]] tables", key, key));
    return;
  }
  for (const auto& element : *array) {
    TableReader r(*element.as_table(), table_schema(schema), file, std::string(schema));
    if (auto item = reader(r)) out.push_back(std::move(*item));
  }
}

}  // namespace vidcost
