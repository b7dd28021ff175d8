// `vidcost check FILE`: checks the claims of a claims file against the catalog; exit 1 when any
// claim fails.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "pricing/claims.h"

namespace vidcost {
namespace {

int run_check(Context& ctx, const std::string& path) {
  const Market market = ctx.market();
  const std::vector<Claim> claims = read_claims(path, *market.catalog);
  Table t;
  t.columns = {{"id"}, {"result"}, {"computed"}, {"expected"}, {"outlet", false}, {"date", false},
               {"statement", false}};
  int held = 0, failed = 0, unchecked = 0;
  for (const auto& c : claims) {
    // Each claim on the market of its own date, unless --as-of asks for one date.
    const ClaimOutcome o = check_claim_on_its_date(market, c, !ctx.options.as_of, [&ctx] {
      return ServingModel{&ctx.compute(), &ctx.time_model()};
    });
    (o.result == ClaimOutcome::Result::Holds ? held : o.result == ClaimOutcome::Result::Fails ? failed : unchecked)++;
    std::string result(claim_result_name(o.result));
    if (!o.inferred.empty()) result += fmt::format(" (on inferred figures: {})", fmt::join(o.inferred, ", "));
    t.add_row({Cell::of(c.id), Cell::of(result), Cell::of(o.computed), Cell::of(o.expected), Cell::of(c.outlet),
               Cell::of(c.date.to_string()), Cell::of(c.statement)});
  }
  t.footnotes.push_back(fmt::format("{} claims: {} hold, {} fail, {} cannot be checked. Each claim is checked on the "
                                    "market of its own date{}.",
                                    claims.size(), held, failed, unchecked,
                                    ctx.options.as_of ? fmt::format(" (here: {}, from --as-of)", ctx.as_of().to_string())
                                                      : ""));
  ctx.render(t);
  return failed > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace

void attach_check(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("check", "Check a claims file against the catalog (exit 1 if a claim fails)");
  auto file = fresh_options<std::string>(cmd);
  cmd->add_option("file", *file, "A claims file, such as seeds/claims.toml")->required();
  cmd->footer("See docs/claims.md for the format.");
  cmd->callback([file, &action] { action = [file](Context& ctx) { return run_check(ctx, *file); }; });
}

}  // namespace vidcost
