// Output text built in place and written out in chunks: few writes, never the whole output in
// memory, and room made ahead so a short field is copied with one check and no library call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>

namespace vidcost {

// The first and last sizeof(Word) bytes of n (sizeof(Word) <= n <= 2 x sizeof(Word)): two
// loads and two stores that overlap in the middle, covering all n.
template <typename Word>
void copy_overlapping(char* to, const char* from, std::size_t n) {
  Word head, tail;
  std::memcpy(&head, from, sizeof(Word));
  std::memcpy(&tail, from + n - sizeof(Word), sizeof(Word));
  std::memcpy(to, &head, sizeof(Word));
  std::memcpy(to + n - sizeof(Word), &tail, sizeof(Word));
}

// Copies n bytes. Up to sixteen with two overlapping loads and stores (or a few bytes), where a
// call to memcpy would cost more than the copy; longer text through memcpy.
inline void copy_bytes(char* to, const char* from, std::size_t n) {
  if (n > 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {
    copy_overlapping<std::uint64_t>(to, from, n);
  } else if (n >= 4) {
    copy_overlapping<std::uint32_t>(to, from, n);
  } else {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
  }
}

class ChunkedText {
 public:
  static constexpr std::size_t kChunk = 64 * 1024;

  // The storage of the last one on this thread is taken over, so a script that renders a table
  // a line grows it once; one made while another is alive gets its own.
  explicit ChunkedText(std::ostream& out) : out_(out) {
    storage_.swap(spare());
    if (storage_.size() < 4096) storage_.resize(4096);
  }
  ~ChunkedText() {
    flush();
    if (storage_.size() <= 4 * kChunk) storage_.swap(spare());
  }
  ChunkedText(const ChunkedText&) = delete;
  ChunkedText& operator=(const ChunkedText&) = delete;

  // At least n writable bytes after the text; commit(k) keeps the first k written there.
  char* room(std::size_t n) {
    if (storage_.size() - used_ < n) storage_.resize(std::max(storage_.size() * 2, used_ + n));
    return storage_.data() + used_;
  }
  void commit(std::size_t n) { used_ += n; }

  ChunkedText& operator+=(std::string_view s) {
    copy_bytes(room(s.size()), s.data(), s.size());
    used_ += s.size();
    return *this;
  }
  ChunkedText& operator+=(char c) {
    *room(1) = c;
    ++used_;
    return *this;
  }

  void maybe_flush() {
    if (used_ >= kChunk) flush();
  }
  void flush() {
    if (used_ > 0) out_.write(storage_.data(), static_cast<std::streamsize>(used_));
    used_ = 0;
  }

 private:
  static std::string& spare() {
    thread_local std::string kept;
    return kept;
  }
  std::ostream& out_;
  std::string storage_;  // sized to its room: the text is the first used_ bytes
  std::size_t used_ = 0;
};

}  // namespace vidcost
