// The catalog schema as data: every table, every key, its type, unit, meaning and example.
// The loader checks unknown and missing keys against it, and `vidcost catalog schema`
// prints it, which is where docs/catalog.md comes from: one description, two uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vidcost {

struct FieldSchema {
  std::string_view key;
  std::string_view type;  // as documented: "string", "id", "amount", "integer", ...
  bool required;
  std::string_view unit;
  std::string_view meaning;
  std::string_view example;
};

enum class ProvenanceRule { None, Required, Inherited };

struct TableSchema {
  std::string_view name;  // "[[plan]]", "[provider]", ...
  std::string_view file;  // which files it appears in
  std::string_view meaning;
  ProvenanceRule provenance;
  std::vector<FieldSchema> fields;

  // The table's own fields plus the provenance fields its rule adds.
  std::vector<FieldSchema> all_fields() const;
  std::vector<std::string> keys() const;
  const FieldSchema* find(std::string_view key) const;
  const FieldSchema* find_own(std::string_view key) const;
};

const std::vector<TableSchema>& catalog_schema();
// The provenance keys a table's rule adds: required ones, or (inherited) all optional.
const std::vector<FieldSchema>& provenance_fields(bool required);
const TableSchema& table_schema(std::string_view name);

// The reference as Markdown (the body of docs/catalog.md).
std::string schema_markdown();

}  // namespace vidcost
