#include "core/files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace vidcost {
namespace {

std::runtime_error failure(const std::string& what, const std::filesystem::path& path) {
  return std::runtime_error(fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
}

void write_all(int fd, const std::string& bytes, const std::filesystem::path& path) {
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure("cannot write", path);
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void fsync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw failure("cannot open", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw failure("cannot sync", dir);
}

}  // namespace

DirectoryLock::DirectoryLock(const std::filesystem::path& dir, double wait_seconds) {
  // The lock is on the directory itself, so taking it writes nothing.
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw failure("cannot open", dir);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const auto error = failure("cannot lock", dir);
      ::close(fd_);
      throw error;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw std::runtime_error(fmt::format("another update of {} is running (it holds the lock); waited {} s",
                                           dir.string(), wait_seconds));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

void write_file_atomically(const std::filesystem::path& target, const std::string& bytes) {
  const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string temp_name = ".";
  temp_name.append(target.filename().string()).append(".tmp");
  const std::filesystem::path temp = dir / temp_name;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw failure("cannot create", temp);
  try {
    write_all(fd, bytes, temp);
    if (::fsync(fd) != 0) throw failure("cannot sync", temp);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  // Tests set this to stop the process where a crash would do the most harm.
  if (const char* crash = std::getenv("VIDCOST_TEST_CRASH"); crash && std::string(crash) == "before-rename") {
    std::_Exit(70);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const auto error = failure("cannot rename into place", target);
    ::unlink(temp.c_str());
    throw error;
  }
  fsync_directory(dir);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}", path.string()));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace vidcost
