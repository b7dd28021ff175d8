#include "pricing/need.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {

Need parse_need(std::string_view text) {
  Need n;
  n.text = std::string(text);
  const auto x = text.find('x');
  const std::string count(x == std::string_view::npos ? "" : text.substr(0, x));
  if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos || count.size() > 6) {
    throw Error::bad_input(fmt::format("need '{}': write COUNTxSPEC (40xkling/2.1/pro@10s) or "
                                       "COUNTx@DURATION:RESOLUTION (40x@10s:1080p)",
                                       text));
  }
  n.count = std::stoi(count);
  if (n.count == 0) throw Error::bad_input(fmt::format("need '{}': the count of clips must be at least 1", text));
  const std::string_view rest = text.substr(x + 1);
  if (!rest.empty() && rest[0] == '@') {
    const auto colon = rest.find(':');
    n.seconds = parse_duration(rest.substr(1, colon == std::string_view::npos ? std::string_view::npos : colon - 1));
    if (colon != std::string_view::npos) n.resolution = ascii_lower(rest.substr(colon + 1));
    if (colon != std::string_view::npos && n.resolution.empty()) {
      throw Error::bad_input(fmt::format("need '{}': give a resolution after ':', such as 1080p", text));
    }
    return n;
  }
  n.spec = parse_spec_pattern(rest);
  if (!n.spec->seconds) throw Error::bad_input(fmt::format("need '{}': give the clip length, as in {}@5s", text, rest));
  n.seconds = *n.spec->seconds;
  return n;
}

}  // namespace vidcost
