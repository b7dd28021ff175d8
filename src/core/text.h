// Small text helpers shared by the catalog, the grammar and the reports:
// edit distance for "did you mean", lower-casing of ASCII ids, joining, and terminal display width.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidcost {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a small edit distance, for "did you mean '...'?".
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// Words longer than this get no suggestion.
inline constexpr std::size_t kLongestSuggested = 64;
// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

std::string ascii_lower(std::string_view s);

// Text from a catalog, an update or the user, made safe to print on a terminal or in a file a
// terminal may show: control characters (C0, DEL, C1) and bidirectional overrides and isolates
// become visible escapes (\x1b, \u202e), so nothing printed can move the cursor, retitle the
// window or reorder what the reader sees. Other text, CJK included, is unchanged.
std::string visible(std::string_view text);
// Whether visible(text) == text, cheaply: no byte that could start an escaped character.
bool already_visible(std::string_view text);

// "a, b, c": the parts with `separator` between them (once something has been written: empty
// parts at the start add none). join_into writes into `out`, replacing what it held, so a
// buffer kept by the caller is reused.
std::string join(const std::vector<std::string>& parts, std::string_view separator);
void join_into(std::string& out, const std::vector<std::string>& parts, std::string_view separator);
void join_into(std::string& out, std::span<const std::string_view> parts, std::string_view separator);

// Columns a UTF-8 string takes on a terminal: East Asian wide and fullwidth characters take two.
std::size_t display_width(std::string_view utf8);

}  // namespace vidcost
