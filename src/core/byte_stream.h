// A compact binary form for data vidcost writes for itself and reads back (the catalog cache):
// little-endian variable-length integers and length-prefixed strings. Reading is bounded by
// the bytes at hand, so a truncated or damaged file is an error, never a crash or a huge
// allocation.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vidcost {

// Thrown by ByteReader for bytes that are not what the writer wrote.
class MalformedBytes : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  void u64(std::uint64_t v);  // 1 to 10 bytes, 7 bits each
  void i64(std::int64_t v);   // zigzag, so small negatives stay short
  void boolean(bool v) { bytes_.push_back(v ? '\1' : '\0'); }
  void text(std::string_view s);
  void raw(std::string_view s) { bytes_.append(s); }

  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}

  std::uint64_t u64();
  std::int64_t i64();
  int int32();                              // an i64 that must fit in an int
  bool boolean();
  std::string_view text();                  // a view into the bytes read
  std::string_view raw(std::size_t count);  // exactly `count` bytes
  // A count of items that each take at least `min_item_bytes`: more than the bytes left can
  // hold is malformed (no vector is reserved beyond what the input could fill).
  std::size_t count(std::size_t min_item_bytes = 1);
  // A value below `limit`, for enumerations.
  unsigned below(unsigned limit);

  bool at_end() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// A 128-bit digest of bytes for recognising content already seen (not cryptographic: it guards
// against change and corruption, not against someone who can write the files anyway).
class ContentHash {
 public:
  void add(std::string_view bytes);
  void add_number(std::uint64_t v);
  std::array<std::uint64_t, 2> digest() const;
  std::string hex() const;  // 32 hexadecimal digits

 private:
  std::uint64_t lanes_[4] = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL, 0x27d4eb2f165667c5ULL,
                             0x94d049bb133111ebULL};
  std::uint64_t length_ = 0;
};

}  // namespace vidcost
