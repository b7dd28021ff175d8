// SPEC and SPEC-PATTERN: "provider/model/mode[@DURATION]", with '*' or missing parts as wildcards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/types.h"

namespace vidcost {

struct SpecPattern {
  std::optional<std::string> provider;  // nullopt = any
  std::optional<std::string> model;
  std::optional<std::string> mode;
  std::optional<int> seconds;

  std::string to_string() const;
};

// Throws Error (BadInput) with a clear message on malformed text.
SpecPattern parse_spec_pattern(std::string_view text);
// Parses "10s", "10" or "10 s" as whole seconds; throws Error (BadInput) otherwise.
int parse_duration(std::string_view text);

// One concrete generation: a mode of a model at one duration.
struct Generation {
  const Provider* provider = nullptr;
  const Model* model = nullptr;
  const Mode* mode = nullptr;
  int seconds = 0;

  std::string spec() const;  // "kling/2.1/pro@5s"
  void append_spec(std::string& out) const;
};

// Every generation matching the pattern at `as_of`. When `exact` is set the pattern must name
// provider, model and mode, and unknown names are errors (Error::unknown) with the candidates.
std::vector<Generation> resolve_generations(const Catalog& catalog, const SpecPattern& pattern, const Date& as_of,
                                            bool exact);

}  // namespace vidcost
