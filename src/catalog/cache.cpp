#include "catalog/cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "catalog/snapshot.h"
#include "core/byte_stream.h"
#include "core/files.h"

namespace vidcost {
namespace {

constexpr std::string_view kMagic = "vidcost catalog cache\n";

// The running executable: a rebuilt or upgraded vidcost never reads what another one wrote,
// even if someone forgot to bump kSnapshotFormat.
void add_executable(ContentHash& hash) {
  struct stat info {};
  if (::stat("/proc/self/exe", &info) != 0) return;
  for (auto v : {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
                 static_cast<std::uint64_t>(info.st_size), static_cast<std::uint64_t>(info.st_mtim.tv_sec),
                 static_cast<std::uint64_t>(info.st_mtim.tv_nsec)}) {
    hash.add_number(v);
  }
}

void add_names(ContentHash& hash, const std::vector<NamedText>& files, const std::vector<NamedText>& updates) {
  hash.add_number(files.size());
  for (const auto& f : files) hash.add(f.name);
  hash.add_number(updates.size());
  for (const auto& f : updates) hash.add(f.name);
}

// Which cache file: one per catalog location (the names of its files), so an edited catalog
// replaces its entry instead of adding one.
std::string file_name(const std::vector<NamedText>& files, const std::vector<NamedText>& updates) {
  ContentHash hash;
  add_names(hash, files, updates);
  return "catalog-" + hash.hex().substr(0, 16) + ".bin";
}

// What the entry must have been made from: the format, the executable, every name and byte.
std::string content_key(const std::vector<NamedText>& files, const std::vector<NamedText>& updates) {
  ContentHash hash;
  hash.add_number(kSnapshotFormat);
  add_executable(hash);
  add_names(hash, files, updates);
  for (const auto& f : files) hash.add(f.text);
  for (const auto& f : updates) hash.add(f.text);
  return hash.hex();
}

std::string checksum(std::string_view bytes) {
  ContentHash hash;
  hash.add(bytes);
  return hash.hex();
}

// The directory, created private to the user where it is missing. False when it cannot be
// used: not a directory, or one that someone else owns.
bool prepare_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return false;
  struct stat info {};
  return ::lstat(dir.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid();
}

// Keeps at most kMaxCacheFiles entries, removing the least recently written.
void prune(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> entries;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("catalog-", 0) != 0 || it->path().extension() != ".bin") continue;
    std::error_code time_ec;
    const auto when = it->last_write_time(time_ec);
    if (!time_ec) entries.emplace_back(when, it->path());
  }
  if (entries.size() <= kMaxCacheFiles) return;
  std::sort(entries.begin(), entries.end());
  for (std::size_t i = 0; i + kMaxCacheFiles < entries.size(); ++i) std::filesystem::remove(entries[i].second, ec);
}

}  // namespace

CatalogCache::Key CatalogCache::key(const std::vector<NamedText>& files, const std::vector<NamedText>& updates) {
  return {file_name(files, updates), content_key(files, updates)};
}

// A cache file: the magic line, the content key, the payload's checksum, then the payload
// (encode_catalog's bytes).
std::optional<Catalog> CatalogCache::find(const Key& key) const {
  const auto bytes = read_private_file(dir_ / key.file_name, kMaxCacheFileBytes);
  if (!bytes) return std::nullopt;
  try {
    ByteReader in(*bytes);
    if (in.raw(kMagic.size()) != kMagic) return std::nullopt;
    if (in.text() != key.content) return std::nullopt;
    const std::string_view sum = in.text();
    const std::string_view payload = in.text();
    if (!in.at_end() || sum != checksum(payload)) return std::nullopt;
    return decode_catalog(payload);
  } catch (const MalformedBytes&) {
    return std::nullopt;
  }
}

void CatalogCache::store(const Key& key, const Catalog& catalog) const {
  if (!prepare_directory(dir_)) return;
  const std::string payload = encode_catalog(catalog);
  ByteWriter out;
  out.raw(kMagic);
  out.text(key.content);
  out.text(checksum(payload));
  out.text(payload);
  if (replace_private_file(dir_ / key.file_name, out.bytes())) prune(dir_);
}

}  // namespace vidcost
