#include "core/files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {
namespace {

Error failure(const std::string& what, const std::filesystem::path& path, int error = errno) {
  return Error::io(fmt::format("{}: cannot {}: {}", path.string(), what, std::strerror(error)));
}

// Closes a descriptor on every path out of a scope.
struct Descriptor {
  int fd = -1;
  explicit Descriptor(int d) : fd(d) {}
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
};

// Writes every byte, retrying interrupted writes; false with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

class PosixLock : public FileLock {
 public:
  explicit PosixLock(int fd) : fd_(fd) {}
  ~PosixLock() override { ::close(fd_); }  // closing releases the flock

 private:
  int fd_;
};

class PosixFileSystem : public FileSystem {
 public:
  std::unique_ptr<FileLock> lock_directory(const std::filesystem::path& dir, double wait_seconds) override {
    // The lock is on the directory itself, so taking it writes nothing.
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw failure("open", dir);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      if (error != EWOULDBLOCK && error != EINTR) {
        ::close(fd);
        throw failure("lock", dir, error);
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        ::close(fd);
        throw Error::busy(fmt::format("another update of {} is running (it holds the lock); waited {} s",
                                      dir.string(), wait_seconds));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::make_unique<PosixLock>(fd);
  }

  void create_directories(const std::filesystem::path& dir) override {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error::io(fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
  }

  std::vector<std::string> list_directory(const std::filesystem::path& dir) override {
    std::vector<std::string> names;
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) throw Error::io(fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
    for (const auto& entry : it) names.push_back(entry.path().filename().string());
    return names;
  }

  void write_new_file(const std::filesystem::path& path, const std::string& bytes) override {
    Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (file.fd < 0) throw failure("create", path);
    if (!write_all(file.fd, bytes)) throw failure("write", path);
    if (::fsync(file.fd) != 0) throw failure("sync", path);
    const int fd = file.fd;
    file.fd = -1;
    if (::close(fd) != 0) throw failure("close", path);
  }

  void link(const std::filesystem::path& from, const std::filesystem::path& to) override {
    if (::link(from.c_str(), to.c_str()) != 0) throw failure("name", to);
  }

  void remove(const std::filesystem::path& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw failure("remove", path);
  }

  void sync_directory(const std::filesystem::path& dir) override {
    Descriptor d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (d.fd < 0) throw failure("open", dir);
    if (::fsync(d.fd) != 0) throw failure("sync", dir);
  }
};

}  // namespace

FileSystem& posix_file_system() {
  static PosixFileSystem fs;
  return fs;
}

std::string read_input_file(const std::filesystem::path& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked right after.
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (file.fd < 0) throw failure("read", path);
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) throw failure("read", path);
  if (S_ISDIR(info.st_mode)) throw Error::bad_input(fmt::format("{}: is a directory, not a file", path.string()));
  if (!S_ISREG(info.st_mode)) {
    throw Error::bad_input(fmt::format("{}: not a regular file (a FIFO, device or socket); refusing to read it",
                                       path.string()));
  }
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    throw Error::bad_input(fmt::format("{}: {} bytes, more than the {} bytes an input file may have",
                                       path.string(), info.st_size, max_bytes));
  }
  std::string text;
  text.resize(static_cast<std::size_t>(info.st_size));
  std::size_t have = 0;
  for (;;) {
    if (have == text.size()) text.resize(text.size() + 4096);  // the file grew while read
    const ssize_t n = ::read(file.fd, text.data() + have, text.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure("read", path);
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    if (have > max_bytes) {
      throw Error::bad_input(fmt::format("{}: more than the {} bytes an input file may have", path.string(),
                                         max_bytes));
    }
  }
  text.resize(have);
  return text;
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644));
  if (file.fd < 0) throw failure("write", path);
  if (!write_all(file.fd, text)) throw failure("write", path);
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) != 0) throw failure("write", path);
}

std::optional<std::string> read_private_file(const std::filesystem::path& path, std::size_t max_bytes) {
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
  if (file.fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_uid != ::geteuid() ||
      (info.st_mode & (S_IWGRP | S_IWOTH)) != 0 || static_cast<std::size_t>(info.st_size) > max_bytes) {
    return std::nullopt;
  }
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t have = 0;
  while (have < bytes.size()) {
    const ssize_t n = ::read(file.fd, bytes.data() + have, bytes.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;  // an error, or the file shrank while read
    have += static_cast<std::size_t>(n);
  }
  return bytes;
}

bool replace_private_file(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path temporary = path.string() + "." + std::to_string(::getpid()) + ".tmp";
  {
    Descriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (file.fd < 0) return false;
    if (!write_all(file.fd, bytes)) {
      ::unlink(temporary.c_str());
      return false;
    }
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace vidcost
