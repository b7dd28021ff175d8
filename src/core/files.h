// File-system steps that must not leave a half-done state: an exclusive lock on a directory and
// a whole-file write that either happens completely or not at all.
#pragma once

#include <filesystem>
#include <string>

namespace vidcost {

// An advisory lock (flock) on the directory DIR, held until destruction. Waits up to
// `wait_seconds` for another holder; throws std::runtime_error when it cannot get the lock.
class DirectoryLock {
 public:
  DirectoryLock(const std::filesystem::path& dir, double wait_seconds);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_ = -1;
};

// Writes `bytes` to `target` through a temporary file in the same directory: write, fsync,
// rename, fsync the directory. A crash leaves either no `target` or the whole of it (and at
// most a hidden ".*.tmp" file, which catalog readers ignore). Throws std::runtime_error.
void write_file_atomically(const std::filesystem::path& target, const std::string& bytes);

// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace vidcost
