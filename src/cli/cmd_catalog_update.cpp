// `vidcost catalog diff OLD NEW` and `vidcost catalog apply UPDATE.toml`: what a change to the
// catalog moves, and recording it safely as a dated update file.
#include <memory>

#include <fmt/format.h>

#include "catalog/loader.h"
#include "cli/commands.h"
#include "cli/quote_table.h"
#include "core/errors.h"
#include "core/files.h"
#include "pricing/catalog_diff.h"

namespace vidcost {
namespace {

struct DiffOptions {
  std::string before;
  std::string after;
};

struct ApplyOptions {
  std::string update;
  bool dry_run = false;
  double wait_seconds = 10;
};

std::string where_text(const Location& l) { return l.file.empty() ? "" : fmt::format("{}:{}", l.file, l.line); }

std::string per_second_text(const std::optional<Quote>& q) {
  if (!q) return "";
  if (!q->priced()) return "unpriced";
  return format_fixed(q->per_second->value, 4) + " " + std::string(currency_code(q->currency));
}

Table diff_table(const CatalogDiff& diff) {
  Table t;
  t.columns = {{"section"}, {"change"}, {"provider"},   {"item", true, 40}, {"field", true, 30},
               {"before", true, 36}, {"after", true, 36}, {"change_pct"}, {"date"}, {"where", false}};
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
                            p.before->per_second->currency == p.after->per_second->currency;
    const Cell change =
        comparable ? change_percent(p.before->per_second->value, p.after->per_second->value) : Cell::null();
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

LoadResult load_or_report(Context& ctx, const std::vector<std::filesystem::path>& paths,
                          const std::vector<std::filesystem::path>& updates = {}) {
  LoadResult result = load_catalog(paths, updates);
  for (const auto& problem : result.problems) ctx.err << problem.to_string() << '\n';
  return result;
}

int run_diff(Context& ctx, const DiffOptions& o) {
  ctx.render_options();
  for (const auto& p : {o.before, o.after}) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) throw UsageError(fmt::format("no such file or directory: {}", p));
  }
  const LoadResult before = load_or_report(ctx, {o.before});
  const LoadResult after = load_or_report(ctx, {o.after});
  if (!before.ok() || !after.ok()) return kExitInvalidCatalog;
  const CatalogDiff diff = diff_catalogs(before.catalog, after.catalog, ctx.as_of(), ctx.region());
  if (diff.empty()) return kExitOk;
  ctx.render(diff_table(diff));
  return kExitCheckFailed;
}

// The next free name: updates/0007-<stem>.toml. The number keeps updates in the order applied.
std::filesystem::path next_update_path(const std::filesystem::path& dir, const std::filesystem::path& update) {
  int last = 0;
  for (const auto& existing : update_files(dir)) {
    const std::string name = existing.filename().string();
    if (name.size() > 5 && name[4] == '-' && std::isdigit(static_cast<unsigned char>(name[0]))) {
      last = std::max(last, std::atoi(name.substr(0, 4).c_str()));
    }
  }
  return dir / kUpdatesDir / fmt::format("{:04}-{}.toml", last + 1, update.stem().string());
}

void remove_stale_temporaries(const std::filesystem::path& updates) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(updates, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 4 && name[0] == '.' && e.path().extension() == ".tmp") std::filesystem::remove(e.path(), ec);
  }
}

int run_apply(Context& ctx, const ApplyOptions& o) {
  ctx.render_options();
  const std::filesystem::path dir = ctx.catalog_dir();
  const std::filesystem::path update = o.update;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(update, ec)) throw UsageError(fmt::format("no such update file: {}", o.update));
  if (!std::filesystem::is_directory(dir, ec)) {
    throw UsageError(fmt::format("the catalog {} is not a directory; updates are applied to a catalog directory",
                                 dir.string()));
  }
  const std::string bytes = read_file(update);
  // Everything from validation to the rename happens under the lock, so two applies cannot
  // both validate against the same old catalog.
  std::unique_ptr<DirectoryLock> lock;
  if (!o.dry_run) {
    try {
      lock = std::make_unique<DirectoryLock>(dir, o.wait_seconds);
    } catch (const std::exception& e) {
      ctx.err << "vidcost: " << e.what() << '\n';
      return kExitBusy;
    }
  }
  const LoadResult before = load_or_report(ctx, {dir});
  if (!before.ok()) {
    ctx.err << "vidcost: the catalog does not validate as it is; fix it before applying updates\n";
    return kExitInvalidCatalog;
  }
  const LoadResult after = load_or_report(ctx, {dir}, {update});
  if (!after.ok()) {
    ctx.err << fmt::format("vidcost: {} does not apply ({} problem{}); the catalog is unchanged\n", o.update,
                           after.problems.size(), after.problems.size() == 1 ? "" : "s");
    return kExitInvalidCatalog;
  }
  const CatalogDiff diff = diff_catalogs(before.catalog, after.catalog, ctx.as_of(), ctx.region());
  if (diff.empty()) {
    ctx.err << fmt::format("vidcost: {} changes nothing; the catalog is unchanged\n", o.update);
    return kExitOk;
  }
  ctx.render(diff_table(diff));
  if (o.dry_run) {
    ctx.err << "dry run: the catalog is unchanged\n";
    return kExitOk;
  }
  const std::filesystem::path target = next_update_path(dir, update);
  try {
    std::filesystem::create_directories(target.parent_path());
    remove_stale_temporaries(target.parent_path());
    write_file_atomically(target, bytes);
  } catch (const std::exception& e) {
    ctx.err << "vidcost: " << e.what() << "; the catalog is unchanged\n";
    return kExitUsage;
  }
  ctx.session.forget_catalogs();  // later lines of a session see the new catalog
  ctx.err << fmt::format("applied: {} (delete that file to undo)\n", target.string());
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
  auto a = fresh_options<ApplyOptions>(apply);
  apply->add_option("update", a->update, "An update file in the catalog schema (see docs/updating-the-catalog.md)")
      ->required();
  apply->add_flag("--dry-run,-n", a->dry_run, "Validate and print the diff; change nothing");
  apply->add_option("--wait", a->wait_seconds, "Seconds to wait for another apply to finish (default 10)")
      ->check(CLI::NonNegativeNumber);
  apply->footer("Exit codes: 0 applied (or nothing to do), 2 bad usage or a write failed, 3 the update or the "
                "catalog does not validate (nothing changed), 4 another apply holds the lock.");
  apply->callback([a, &action] { action = [a](Context& ctx) { return run_apply(ctx, *a); }; });
}

}  // namespace vidcost
