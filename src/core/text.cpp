#include "core/text.h"

#include <fmt/format.h>

#include <algorithm>

namespace vidcost {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent swaps cost 1,
  // so the common typo "pirce" is one edit from "price".
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  // A word far longer than any id is no typo of one: no suggestion, and no quadratic table.
  if (word.size() > kLongestSuggested) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate.size() > 2 * kLongestSuggested) continue;
    const std::size_t d = edit_distance(ascii_lower(word), ascii_lower(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = closest_match(word, candidates);
  return match ? " (did you mean '" + *match + "'?)" : "";
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// Decodes one code point; malformed bytes count as one narrow column each.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(s[i]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  if (extra > 0 && i + extra >= s.size()) extra = 0;
  char32_t cp = extra == 0 ? byte : byte & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += 1 + extra;
  return cp;
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D || cp == 0xFE0F;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    width += is_zero_width(cp) ? 0 : is_wide(cp) ? 2 : 1;
  }
  return width;
}

bool already_visible(std::string_view text) {
  // No early exit: the loop is branch-free, and the compiler runs it many bytes at a time.
  unsigned char suspect = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    suspect |= static_cast<unsigned char>((c < 0x20) | (c == 0x7f) | (c == 0xc2) | (c == 0xe2) | (c == 0xd8));
  }
  return suspect == 0;
}

std::string visible(std::string_view text) {
  // Fast path: most text has nothing to escape.
  if (already_visible(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    // C1 controls U+0080..U+009F: C2 80..C2 9F.
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto d = static_cast<unsigned char>(text[i + 1]);
      if (d >= 0x80 && d <= 0x9f) {
        out += fmt::format("\\u{:04x}", d);
        i += 2;
        continue;
      }
    }
    // U+061C (D8 9C); U+200E, U+200F, U+202A..U+202E (E2 80 8E/8F/AA..AE); U+2066..U+2069 (E2 81 A6..A9).
    if (c == 0xd8 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x9c) {
      out += "\\u061c";
      i += 2;
      continue;
    }
    if (c == 0xe2 && i + 2 < text.size()) {
      const auto d = static_cast<unsigned char>(text[i + 1]);
      const auto e = static_cast<unsigned char>(text[i + 2]);
      const bool bidi = (d == 0x80 && (e == 0x8e || e == 0x8f || (e >= 0xaa && e <= 0xae))) ||
                        (d == 0x81 && e >= 0xa6 && e <= 0xa9);
      if (bidi) {
        const unsigned cp = 0x2000u + ((d & 0x3fu) << 6) + (e & 0x3fu);
        out += fmt::format("\\u{:04x}", cp);
        i += 3;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

namespace {

template <typename Parts>
void join_parts(std::string& out, const Parts& parts, std::string_view separator) {
  out.clear();
  for (const auto& part : parts) {
    if (!out.empty()) out.append(separator);
    out.append(part);
  }
}

}  // namespace

void join_into(std::string& out, const std::vector<std::string>& parts, std::string_view separator) {
  join_parts(out, parts, separator);
}

void join_into(std::string& out, std::span<const std::string_view> parts, std::string_view separator) {
  join_parts(out, parts, separator);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  join_into(out, parts, separator);
  return out;
}

}  // namespace vidcost
