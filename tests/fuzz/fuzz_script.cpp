// Fuzz target: a script of prompt lines run against the shipped catalog, as `vidcost run` runs
// it. Lines that write files or run other scripts, and the solver commands whose cost grows with
// the volumes asked for (recommend, breakeven), are left out: they have their own tests.
#include <cstdint>
#include <sstream>
#include <string>

#include "cli/shell.h"

using namespace vidcost;

namespace {

bool left_out(const std::string& line) {
  for (const char* word : {"run", "repl", "apply", "revert", "--chart", "recommend", "breakeven", "--catalog",
                           "catalog", "check", "reload", "quit", "exit"}) {
    if (line.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Session session;  // the catalog is loaded once, as in a long prompt session
  Settings base;
  base.catalog_dir = std::string(VIDCOST_REPO_ROOT) + "/pricing";
  base.as_of = Date{2026, 11, 28};
  std::ostringstream out, err;
  Shell shell(session, base, out, err);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  int lines = 0;
  for (std::string line; std::getline(in, line) && lines < 8; ++lines) {
    if (left_out(line)) continue;
    (void)shell.run_line(line);
  }
  return 0;
}
