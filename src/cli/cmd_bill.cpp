// `vidcost bill USAGE.toml`: the monthly bill of what a usage file buys and generates, beside
// what `recommend` would pay; with --compare-as-of or --compare-catalog, two bills line by line
// (exit 1 when they differ, so a script can watch a bill).
#include <fmt/format.h>

#include "cli/bill_view.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "core/error.h"
#include "pricing/bill.h"

namespace vidcost {
namespace {

struct BillOptions {
  std::string usage, compare_as_of, compare_catalog;
};

int run_bill(Context& ctx, const BillOptions& o) {
  if (!o.compare_as_of.empty() && !o.compare_catalog.empty()) {
    throw Error::bad_input("--compare-as-of and --compare-catalog compare with one bill each; give one of them");
  }
  const Usage usage = read_usage(o.usage);
  const Market market = ctx.market();
  const Bill bill = make_bill(market, usage);
  if (o.compare_as_of.empty() && o.compare_catalog.empty()) {
    ctx.render_market(bill_table(bill, market));
    return kExitOk;
  }
  Market other = market;
  std::string before_name = fmt::format("the market as of {}", market.date.to_string());
  std::string after_name;
  if (!o.compare_as_of.empty()) {
    other.date = parse_date_option(o.compare_as_of, "--compare-as-of");
    after_name = fmt::format("the market as of {} (--compare-as-of)", other.date.to_string());
  } else {
    other.catalog = &ctx.session.catalog(o.compare_catalog, ctx.options.overlays, ctx.options.assumptions);
    before_name = fmt::format("the catalog in {} as of {}", ctx.catalog_dir(), market.date.to_string());
    after_name = fmt::format("the catalog in {} (--compare-catalog)", o.compare_catalog);
  }
  const Bill after = make_bill(other, usage);
  bool changed = false;
  Table t = bill_diff_table(bill, after, before_name, after_name, changed);
  ctx.note_what_ifs(t);
  ctx.render(t);
  return changed ? kExitCheckFailed : kExitOk;
}

}  // namespace

void attach_bill(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("bill", "A month's bill for a usage file, beside what recommend would pay");
  auto o = fresh_options<BillOptions>(cmd);
  cmd->add_option("usage", o->usage, "USAGE.toml: what the accounts buy and generate a month (docs/bill.md)")->required();
  cmd->add_option("--compare-as-of", o->compare_as_of,
                  "Also bill it on this date and show both, line by line (exit 1 when they differ)");
  cmd->add_option("--compare-catalog", o->compare_catalog,
                  "Also bill it with this catalog directory and show both, line by line (exit 1 when they differ)");
  cmd->footer("Example: vidcost bill docs/examples/studio-usage.toml\n"
              "         vidcost bill docs/examples/studio-usage.toml --compare-as-of 2027-01-01");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_bill(ctx, *o); }; });
}

}  // namespace vidcost
