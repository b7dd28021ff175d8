// `vidcost manpage`: the manual page in roff (installed as man1/vidcost.1).
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/manpage.h"

namespace vidcost {

void attach_manpage(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("manpage", "The manual page in roff, made from the command table");
  cmd->footer("Example: vidcost manpage | man -l -");
  cmd->callback([&action] {
    action = [](Context& ctx) {
      ctx.out << manpage();
      return kExitOk;
    };
  });
}

}  // namespace vidcost
