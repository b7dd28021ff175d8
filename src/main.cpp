// vidcost: builds the session, runs one command line, exits with its code.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/errors.h"
#include "process_memory.h"

int main(int argc, char** argv) {
  vidcost::prepare_process_memory();
  std::ios::sync_with_stdio(false);
  // Never destroyed: at exit the system takes back a catalog's memory at once, faster than
  // freeing it entry by entry (a static pointer, so leak checkers still see it as reachable).
  static vidcost::Session& session = *new vidcost::Session;
  session.stdout_is_terminal = isatty(STDOUT_FILENO) != 0;
  session.catalog_cache = vidcost::catalog_cache_from_environment();
  std::vector<std::string> args(argv + 1, argv + argc);
  // With no command on a terminal, vidcost opens the prompt.
  if (args.empty() && isatty(STDIN_FILENO)) args.push_back("repl");
  const int code = vidcost::run_command_line(args, session, std::cout, std::cerr);
  return vidcost::finish_output(std::cout, std::cerr, code);
}
