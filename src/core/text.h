// Small text helpers shared by the catalog, the grammar and the reports:
// edit distance for "did you mean", lower-casing of ASCII ids, and terminal display width.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vidcost {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a small edit distance, for "did you mean '...'?".
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" when nothing is close.
// Words longer than this get no suggestion.
inline constexpr std::size_t kLongestSuggested = 64;
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

std::string ascii_lower(std::string_view s);

// Columns a UTF-8 string takes on a terminal: East Asian wide and fullwidth characters take two.
std::size_t display_width(std::string_view utf8);

}  // namespace vidcost
