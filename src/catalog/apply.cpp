#include "catalog/apply.h"

#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

#include "catalog/layout.h"
#include "core/error.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;

std::string count_problems(std::size_t n) { return fmt::format("{} problem{}", n, n == 1 ? "" : "s"); }

void require_catalog_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error::bad_input(fmt::format("the catalog {} is not a directory; updates are applied to a catalog directory",
                                       dir.string()));
  }
}

}  // namespace

ApplyOutcome apply_update(FileSystem& files, const fs::path& dir, const fs::path& update, const ApplyOptions& options,
                          const ApplyDecision& decide) {
  require_catalog_directory(dir);  // before the update is read: the first thing wrong is said
  // Read once: what is checked is exactly what is recorded, whatever happens to the file meanwhile.
  return apply_update_text(files, dir, update, read_input_file(update), options, decide);
}

ApplyOutcome apply_update_text(FileSystem& files, const fs::path& dir, const fs::path& update,
                               const std::string& bytes, const ApplyOptions& options, const ApplyDecision& decide) {
  require_catalog_directory(dir);
  std::error_code ec;
  std::unique_ptr<FileLock> lock;
  if (!options.dry_run) lock = files.lock_directory(dir, options.wait_seconds);

  const fs::path updates = dir / kUpdatesDir;
  std::vector<std::string> existing;
  if (fs::exists(fs::symlink_status(updates, ec))) existing = files.list_directory(updates);
  ApplyOutcome outcome;
  for (const auto& name : existing) {
    if (is_temporary_name(name)) outcome.leftovers.push_back(updates / name);
  }
  const std::string name = next_update_name(existing, update);
  for (const auto& other : existing) {
    if (!is_hidden(other) && fs::path(other).extension() == ".toml" && !update_read_before(other, name)) {
      throw Error::bad_input(fmt::format("cannot name the update so that it is read after {}; rename that file",
                                         (updates / other).string()));
    }
  }

  LoadResult before = load_catalog({dir});
  if (!before.ok()) {
    const std::string message = fmt::format("the catalog does not validate as it is ({}); fix it before applying updates",
                                            count_problems(before.problems.size()));
    throw Error::invalid_catalog(message, std::move(before.problems));
  }
  // The new file sorts after every update file, so reading it last is the order it will have.
  LoadResult after = load_catalog({dir}, {NamedText{update.string(), bytes}});
  if (!after.ok()) {
    const std::string message = fmt::format("{} does not apply ({}); the catalog is unchanged", update.string(),
                                            count_problems(after.problems.size()));
    throw Error::invalid_catalog(message, std::move(after.problems));
  }
  if (!decide(before.catalog, after.catalog) || options.dry_run) return outcome;

  const fs::path target = updates / name;
  const fs::path temporary = updates / temporary_name(name, static_cast<long>(::getpid()), existing);
  files.create_directories(updates);
  bool named = false;
  try {
    files.write_new_file(temporary, bytes);
    files.link(temporary, target);  // fails rather than replace a file of that name
    named = true;
    files.remove(temporary);
    files.sync_directory(updates);
  } catch (const Error& e) {
    // Only this apply's own temporary file is removed; the error may have left it behind.
    try {
      files.remove(temporary);
    } catch (const Error&) {
    }
    if (!named) throw Error::io(fmt::format("{}; the catalog is unchanged", e.what()));
    throw Error::io(fmt::format("{} was recorded, but: {}", target.string(), e.what()));
  }
  outcome.recorded = target;
  return outcome;
}

}  // namespace vidcost
