// Splits a prompt or script line into words the way a POSIX shell would for simple cases:
// blanks separate words, 'single' and "double" quotes group, backslash escapes one character,
// and an unquoted # starts a comment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vidcost {

// Throws Error (BadInput) on an unterminated quote.
std::vector<std::string> tokenize(std::string_view line);

}  // namespace vidcost
