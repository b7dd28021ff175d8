// `vidcost catalog diff OLD NEW` and `vidcost catalog apply UPDATE.toml`: what a change to the
// catalog moves, and recording it safely as a dated update file.
#include <fmt/format.h>

#include "catalog/apply.h"
#include "catalog/loader.h"
#include "catalog/revert.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/quote_table.h"
#include "core/error.h"
#include "core/files.h"
#include "core/text.h"
#include "pricing/catalog_diff.h"

namespace vidcost {
namespace {

struct DiffOptions {
  std::string before;
  std::string after;
};

struct ApplyRequestText {
  std::string update;
  bool dry_run = false;
  double wait_seconds = 10;
};

struct RevertRequestText {
  std::string update;
  std::string reason;
  bool dry_run = false;
  double wait_seconds = 10;
};

std::string where_text(const Location& l) { return l.file.empty() ? "" : fmt::format("{}:{}", l.file, l.line); }

std::string per_second_text(const std::optional<Quote>& q) {
  if (!q) return "";
  if (!q->priced()) return "unpriced";
  return format_fixed(q->price->per_second.value, 4) + " " + std::string(currency_code(q->currency));
}

Table diff_table(const CatalogDiff& diff) {
  Table t;
  t.columns = {{"section"}, {"change"}, {"provider"},   {"item", true}, {"field", true},
               {"before", true}, {"after", true}, {"change_pct"}, {"date"}, {"where", false}};
  for (const auto& e : diff.entries) {
    for (const auto& f : e.fields) {
      t.add_row({Cell::of("entry"), Cell::of(std::string(change_kind_name(e.kind))), Cell::of(e.provider),
                 Cell::of(e.entry), Cell::of(f.field), Cell::of(f.before), Cell::of(f.after), Cell::null(),
                 Cell::null(), Cell::of(where_text(e.where))});
    }
  }
  for (const auto& p : diff.prices) {
    const Quote& q = p.after ? *p.after : *p.before;
    const bool comparable = p.before && p.after && p.before->priced() && p.after->priced() &&
                            p.before->price->per_second.currency == p.after->price->per_second.currency;
    const Cell change =
        comparable ? change_percent(p.before->price->per_second.value, p.after->price->per_second.value) : Cell::null();
    t.add_row({Cell::of("price"), Cell::of(std::string(change_kind_name(p.kind))), Cell::of(q.generation.provider->id),
               Cell::of(q.generation.spec()),
               Cell::of(fmt::format("{} {}", offer_kind_name(q.kind), q.offer_id)),
               Cell::of(per_second_text(p.before)), Cell::of(per_second_text(p.after)), change,
               Cell::of(p.date.to_string()), Cell::null()});
  }
  t.footnotes.push_back("For price rows, field is the offer and before/after its per-second price. Prices are "
                        "compared on --as-of and on each date a changed entry starts or ends; per-second "
                        "prices rounded half to even to 4 decimals.");
  return t;
}

// Loads a catalog named on the command line; Error (InvalidCatalog) when it does not validate.
Catalog load_or_throw(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error::io(fmt::format("{}: no such file or directory", path));
  LoadResult result = load_catalog({path});
  if (!result.ok()) {
    const std::size_t n = result.problems.size();
    throw Error::invalid_catalog(fmt::format("{} does not validate ({} problem{})", path, n, n == 1 ? "" : "s"),
                                 std::move(result.problems));
  }
  return std::move(result.catalog);
}

CatalogDiff diff_of(const Context& ctx, const Catalog& before, const Catalog& after) {
  return diff_catalogs(before, after, ctx.as_of(), ctx.options.region,
                       ctx.options.price_basis.value_or(PriceBasisChoice::Renewal));
}

int run_diff(Context& ctx, const DiffOptions& o) {
  const Catalog before = load_or_throw(o.before);
  const Catalog after = load_or_throw(o.after);
  const CatalogDiff diff = diff_of(ctx, before, after);
  if (diff.empty()) return kExitOk;
  ctx.render(diff_table(diff));
  return kExitCheckFailed;
}

// Shows what an update (or a revert) changes and records it unless it changes nothing or this
// is a dry run; `nothing` is said when it changes nothing.
ApplyDecision show_and_decide(Context& ctx, bool dry_run, std::string nothing) {
  return [&ctx, dry_run, nothing = std::move(nothing)](const Catalog& before, const Catalog& after) {
    const CatalogDiff diff = diff_of(ctx, before, after);
    if (diff.empty()) {
      ctx.err << "vidcost: " << nothing << "; the catalog is unchanged\n";
      return false;
    }
    ctx.render(diff_table(diff));
    if (dry_run) ctx.err << "dry run: the catalog is unchanged\n";
    return true;
  };
}

void report_outcome(Context& ctx, const ApplyOutcome& outcome, const std::string& verb) {
  for (const auto& leftover : outcome.leftovers) {
    ctx.err << fmt::format("note: {} is a temporary file an interrupted apply left behind; it is ignored and may be "
                           "deleted\n",
                           leftover.string());
  }
  if (outcome.recorded) {
    ctx.session.forget_catalogs();  // later lines of a session see the new catalog
    ctx.err << fmt::format("{}: {} (undo with 'vidcost catalog revert {}')\n", verb, outcome.recorded->string(),
                           outcome.recorded->filename().string());
  }
}

int run_apply(Context& ctx, const ApplyRequestText& o) {
  const ApplyOptions options{o.dry_run, o.wait_seconds};
  const auto decide = show_and_decide(ctx, o.dry_run, fmt::format("{} changes nothing", visible(o.update)));
  report_outcome(ctx, apply_update(posix_file_system(), ctx.catalog_dir(), o.update, options, decide), "applied");
  return kExitOk;
}

int run_revert(Context& ctx, const RevertRequestText& o) {
  const std::filesystem::path dir = ctx.catalog_dir();
  const std::string target = find_recorded_update(posix_file_system(), dir, o.update);
  const ApplyOptions options{o.dry_run, o.wait_seconds};
  const auto decide =
      show_and_decide(ctx, o.dry_run, fmt::format("reverting {} changes nothing (is it reverted already?)", target));
  const ApplyOutcome outcome = apply_update_text(posix_file_system(), dir, revert_name(target),
                                                 revert_text(target, o.reason), options, decide);
  report_outcome(ctx, outcome, "reverted " + target + " with");
  return kExitOk;
}

}  // namespace

void attach_catalog_updates(CLI::App* catalog, Action& action) {
  CLI::App* diff = catalog->add_subcommand("diff", "Entries added, removed and changed between two catalogs, and the "
                                                   "per-second prices they move");
  auto d = fresh_options<DiffOptions>(diff);
  diff->add_option("old", d->before, "The old catalog: a directory or a file")->required();
  diff->add_option("new", d->after, "The new catalog: a directory or a file")->required();
  diff->footer("Exit codes: 0 the catalogs are equal, 1 they differ, 3 one does not validate.");
  diff->callback([d, &action] { action = [d](Context& ctx) { return run_diff(ctx, *d); }; });

  CLI::App* apply = catalog->add_subcommand("apply", "Validate an update file with the catalog, print its diff, then "
                                                     "record it in the catalog's updates/ directory");
  auto a = fresh_options<ApplyRequestText>(apply);
  apply->add_option("update", a->update, "An update file in the catalog schema (see docs/updating-the-catalog.md)")
      ->required();
  apply->add_flag("--dry-run,-n", a->dry_run, "Validate and print the diff; change nothing");
  apply->add_option("--wait", a->wait_seconds, "Seconds to wait for another apply to finish (default 10)")
      ->check(CLI::NonNegativeNumber);
  apply->footer("Exit codes: 0 applied (or nothing to do), 2 bad usage, 3 the update or the catalog does not "
                "validate (nothing changed), 4 another apply holds the lock, 5 a file could not be read or written "
                "(nothing changed unless the message says it was recorded).");
  apply->callback([a, &action] { action = [a](Context& ctx) { return run_apply(ctx, *a); }; });

  CLI::App* revert = catalog->add_subcommand("revert", "Undo an update: record a revert of it (itself an update, "
                                                       "undone by reverting it), after printing its diff");
  auto r = fresh_options<RevertRequestText>(revert);
  revert->add_option("update", r->update, "The update to undo: its file name in updates/ (with or without .toml) or "
                                          "its number")
      ->required();
  revert->add_option("--reason", r->reason, "Why, recorded in the revert");
  revert->add_flag("--dry-run,-n", r->dry_run, "Validate and print the diff; change nothing");
  revert->add_option("--wait", r->wait_seconds, "Seconds to wait for another apply to finish (default 10)")
      ->check(CLI::NonNegativeNumber);
  revert->footer("Exit codes: 0 reverted (or nothing to do), 2 bad usage or an unknown update, 3 the catalog without "
                 "the update does not validate (nothing changed), 4 another apply holds the lock, 5 a file could not "
                 "be read or written.");
  revert->callback([r, &action] { action = [r](Context& ctx) { return run_revert(ctx, *r); }; });
}

}  // namespace vidcost
