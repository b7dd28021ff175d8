// A script's output held back and written in large pieces: 20 000 short lines become a few
// hundred writes instead of 20 000, where every write is a system call.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>

namespace vidcost {

class HeldOutput : public std::streambuf {
 public:
  static constexpr std::size_t kHold = 64 * 1024;

  explicit HeldOutput(std::ostream& target);
  ~HeldOutput() override;  // writes what is held, as flush() does
  HeldOutput(const HeldOutput&) = delete;
  HeldOutput& operator=(const HeldOutput&) = delete;

 protected:
  std::streamsize xsputn(const char* text, std::streamsize n) override;
  int_type overflow(int_type c) override;
  // Writes what is held to the target and flushes it; -1 when the target fails.
  int sync() override;

 private:
  bool write_held();
  std::ostream& target_;
  std::unique_ptr<char[]> held_;
};

// An ostream over a HeldOutput, tied to an error stream for as long as it lives: anything
// written to the error stream first writes out what is held, so diagnostics stay in order with
// the output even when both go to one file. Written out when it ends.
class HeldStream {
 public:
  HeldStream(std::ostream& out, std::ostream& err);
  ~HeldStream();
  HeldStream(const HeldStream&) = delete;
  HeldStream& operator=(const HeldStream&) = delete;

  std::ostream& stream() { return stream_; }

 private:
  HeldOutput buffer_;
  std::ostream stream_;
  std::ostream& err_;
  std::ostream* err_tie_;
};

}  // namespace vidcost
