// Helpers for the command-line suites: running a command line in-process with captured output.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/context.h"
#include "test_catalogs.h"

namespace vidcost::testing {

struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `args` against the shipped catalog on a fixed date, so results do not depend on today.
// Catalogs come through a catalog cache shared by every test (the first load of a catalog
// fills it, later ones read it), so each golden output also proves that a cached catalog
// prices exactly as a parsed one.
inline RunResult run(std::vector<std::string> args, bool pin = true) {
  if (pin) {
    args.insert(args.begin(), {"--catalog", std::string(VIDCOST_REPO_ROOT) + "/pricing", "--as-of", "2026-11-28"});
  }
  Session session;
  session.catalog_cache = CatalogCache(VIDCOST_TEST_CACHE_DIR);
  std::ostringstream out, err;
  const int code = run_command_line(args, session, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace vidcost::testing
