// Reading input files safely, and the file-system steps of a catalog update behind an interface
// (FileSystem) so that tests can stop an update at any step, as a crash or an I/O error would.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vidcost {

// The largest input file vidcost reads (a catalog file, an update, a claims or usage file, a
// script). The largest shipped catalog file is about 100 KB.
inline constexpr std::size_t kMaxInputFileBytes = 8u << 20;

// Reads a whole regular file. Refuses FIFOs, devices, sockets and directories (Error::bad_input)
// and files larger than `max_bytes`; a file that cannot be opened or read is Error::io, with
// the system's reason (no such file, permission denied, ...).
std::string read_input_file(const std::filesystem::path& path, std::size_t max_bytes = kMaxInputFileBytes);

// The whole of a file vidcost keeps for itself (a cache entry), or nullopt unless it is a
// regular file, not a symbolic link, owned by the user, writable by nobody else, and at most
// `max_bytes`: anything else is not to be trusted, and not an error.
std::optional<std::string> read_private_file(const std::filesystem::path& path, std::size_t max_bytes);

// Replaces `path` with `bytes` (mode 0600), written under a temporary name and renamed, so a
// reader sees the old file or the new one. False, leaving nothing behind, when it cannot.
bool replace_private_file(const std::filesystem::path& path, std::string_view bytes);

// Writes an output file the user named (a chart, a report), replacing it. Error::io when it
// cannot be written completely.
void write_text_file(const std::filesystem::path& path, const std::string& text);

// An exclusive advisory lock, released when destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

// The file-system operations a catalog update performs, one call per step. Every failure
// throws vidcost::Error (kind Io, or Busy for a lock another process holds).
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Locks the directory itself (flock), waiting up to `wait_seconds` for another holder.
  virtual std::unique_ptr<FileLock> lock_directory(const std::filesystem::path& dir, double wait_seconds) = 0;
  virtual void create_directories(const std::filesystem::path& dir) = 0;
  // Names in `dir` (not paths); an existing but unreadable directory is an error.
  virtual std::vector<std::string> list_directory(const std::filesystem::path& dir) = 0;
  // Creates `path`, which must not exist, writes `bytes` and syncs them to disk.
  virtual void write_new_file(const std::filesystem::path& path, const std::string& bytes) = 0;
  // Gives `from` the second name `to`, failing if `to` exists (link(2): never replaces).
  virtual void link(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  virtual void remove(const std::filesystem::path& path) = 0;
  // Makes the directory's entries (new names, removals) durable.
  virtual void sync_directory(const std::filesystem::path& dir) = 0;
};

// The real file system (POSIX calls).
FileSystem& posix_file_system();

}  // namespace vidcost
