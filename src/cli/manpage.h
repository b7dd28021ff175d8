// The manual page, in roff, made from the command table (every command, its options and
// example), the global options, the exit codes and the environment: `vidcost manpage`.
#pragma once

#include <string>

namespace vidcost {

std::string manpage();

}  // namespace vidcost
