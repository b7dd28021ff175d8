#include "catalog/layout.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace vidcost {
namespace {

namespace fs = std::filesystem;

bool is_toml(const fs::path& p) { return p.extension() == ".toml"; }

bool is_compute(const fs::path& p) { return catalog_file_kind(p) == CatalogFileKind::Compute; }

// The leading decimal number of a name, 0 when there is none. Very long numbers saturate.
std::uint64_t leading_number(std::string_view name, std::size_t& digits) {
  digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  std::uint64_t n = 0;
  const auto r = std::from_chars(name.data(), name.data() + digits, n);
  if (r.ec == std::errc::result_out_of_range) n = UINT64_MAX;
  return n;
}

// Adds the regular files among `dir`'s *.toml entries to `out` (via `keep`), reporting the others
// to `sink(file)`: the problems of the loader that reads that kind of file (nullptr: skip it).
template <typename Sink, typename Keep>
void scan(const fs::path& dir, Diagnostics& problems, Sink sink, Keep keep) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    problems.emplace_back(dir.string(), 0, 0, fmt::format("cannot read the directory: {}", ec.message()));
    return;
  }
  std::error_code canonical_ec;
  const fs::path root = fs::weakly_canonical(dir, canonical_ec);
  for (const auto& entry : it) {
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    if (is_hidden(name) || !is_toml(p)) continue;
    Diagnostics* report = sink(p);
    if (!report) continue;
    std::error_code type_ec;
    if (entry.is_symlink(type_ec)) {
      const fs::path target = fs::weakly_canonical(p, type_ec);
      const auto [end, _] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
      if (type_ec || end != root.end()) {
        report->emplace_back(p.string(), 0, 0, "a symbolic link that leads out of the catalog directory; refusing "
                                                "to read it");
        continue;
      }
    }
    if (entry.is_directory(type_ec)) {
      report->emplace_back(p.string(), 0, 0, "is a directory, not a catalog file");
      continue;
    }
    if (!entry.is_regular_file(type_ec)) {
      report->emplace_back(p.string(), 0, 0, "not a regular file (a FIFO, device or socket); refusing to read it");
      continue;
    }
    keep(p);
  }
}

}  // namespace

CatalogFileKind catalog_file_kind(const fs::path& file) {
  const std::string name = file.filename().string();
  if (name == "fx.toml") return CatalogFileKind::Fx;
  if (name.rfind("compute", 0) == 0) return CatalogFileKind::Compute;
  return CatalogFileKind::Provider;
}

bool is_hidden(std::string_view name) { return !name.empty() && name.front() == '.'; }

bool update_read_before(std::string_view a, std::string_view b) {
  std::size_t da = 0, db = 0;
  const auto na = leading_number(a, da), nb = leading_number(b, db);
  if (na != nb) return na < nb;
  return a < b;
}

std::vector<fs::path> update_files(const fs::path& dir, Diagnostics& problems) {
  std::vector<fs::path> found;
  const fs::path updates = dir / kUpdatesDir;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(updates, ec))) return found;
  scan(updates, problems, [&](const fs::path&) { return &problems; }, [&](const fs::path& p) { found.push_back(p); });
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return update_read_before(a.filename().string(), b.filename().string());
  });
  return found;
}

CatalogFiles list_catalog_files(const fs::path& dir, Diagnostics& problems) {
  CatalogFiles files;
  // Compute files are listed too, but their problems are the compute loader's to report.
  Diagnostics compute_problems;
  scan(
      dir, problems, [&](const fs::path& p) { return is_compute(p) ? &compute_problems : &problems; },
      [&](const fs::path& p) { (is_compute(p) ? files.compute : files.catalog).push_back(p); });
  std::sort(files.catalog.begin(), files.catalog.end());
  std::sort(files.compute.begin(), files.compute.end());
  files.updates = update_files(dir, problems);
  return files;
}

std::vector<fs::path> compute_files(const fs::path& dir, Diagnostics& problems) {
  std::vector<fs::path> found;
  scan(
      dir, problems, [&](const fs::path& p) { return is_compute(p) ? &problems : nullptr; },
      [&](const fs::path& p) { found.push_back(p); });
  std::sort(found.begin(), found.end());
  return found;
}

std::string next_update_name(const std::vector<std::string>& existing, const fs::path& update) {
  std::uint64_t last = 0;
  for (const auto& name : existing) {
    if (is_hidden(name)) continue;
    std::size_t digits = 0;
    last = std::max(last, leading_number(name, digits));
  }
  // Saturated numbers cannot grow: the stem still sorts the new file after the others.
  const std::uint64_t next = last == UINT64_MAX ? last : last + 1;
  return fmt::format("{:04}-{}.toml", next, update.stem().string());
}

std::string temporary_name(std::string_view final_name, long process_id, const std::vector<std::string>& existing) {
  for (int n = 0;; ++n) {
    std::string name = n == 0 ? fmt::format(".{}.{}.tmp", final_name, process_id)
                              : fmt::format(".{}.{}-{}.tmp", final_name, process_id, n);
    if (std::find(existing.begin(), existing.end(), name) == existing.end()) return name;
  }
}

bool is_temporary_name(std::string_view name) {
  return is_hidden(name) && name.size() > 4 && name.substr(name.size() - 4) == ".tmp";
}

}  // namespace vidcost
