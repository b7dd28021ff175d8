#include "core/byte_stream.h"

#include <cstring>
#include <limits>

namespace vidcost {

void ByteWriter::u64(std::uint64_t v) {
  while (v >= 0x80) {
    bytes_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  bytes_.push_back(static_cast<char>(v));
}

void ByteWriter::i64(std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v);
  u64((u << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0));
}

void ByteWriter::text(std::string_view s) {
  u64(s.size());
  bytes_.append(s);
}

std::uint64_t ByteReader::u64() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (rest_.empty()) throw MalformedBytes("ends inside a number");
    const auto byte = static_cast<unsigned char>(rest_.front());
    rest_.remove_prefix(1);
    if (shift == 63 && byte > 1) throw MalformedBytes("a number beyond 64 bits");
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  throw MalformedBytes("a number beyond 64 bits");
}

std::int64_t ByteReader::i64() {
  const std::uint64_t u = u64();
  return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

int ByteReader::int32() {
  const std::int64_t v = i64();
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    throw MalformedBytes("a number beyond int");
  }
  return static_cast<int>(v);
}

bool ByteReader::boolean() { return below(2) == 1; }

std::string_view ByteReader::raw(std::size_t count) {
  if (count > rest_.size()) throw MalformedBytes("ends inside a field");
  const std::string_view out = rest_.substr(0, count);
  rest_.remove_prefix(count);
  return out;
}

std::string_view ByteReader::text() { return raw(count()); }

std::size_t ByteReader::count(std::size_t min_item_bytes) {
  const std::uint64_t n = u64();
  if (min_item_bytes == 0) min_item_bytes = 1;
  if (n > rest_.size() / min_item_bytes) throw MalformedBytes("a count larger than the bytes left");
  return static_cast<std::size_t>(n);
}

unsigned ByteReader::below(unsigned limit) {
  const std::uint64_t v = u64();
  if (v >= limit) throw MalformedBytes("a value out of range");
  return static_cast<unsigned>(v);
}

namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t word, std::uint64_t multiplier) {
  h ^= word;
  h *= multiplier;
  return h ^ (h >> 29);
}

std::uint64_t finish(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}

}  // namespace

// Four 64-bit lanes, each taking every fourth 8-byte word (independent multiplications, so the
// processor runs them side by side), folded into two halves and finished with MurmurHash3's
// avalanche. Each add() folds in how many bytes it had left over, so splitting the same bytes
// differently between calls gives another digest.
void ContentHash::add(std::string_view bytes) {
  constexpr std::uint64_t kOdd = 0x87c37b91114253d5ULL, kEven = 0x9E3779B185EBCA87ULL;
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  for (; left >= 32; p += 32, left -= 32) {
    std::uint64_t w[4];
    std::memcpy(w, p, 32);
    lanes_[0] = mix(lanes_[0], w[0], kOdd);
    lanes_[1] = mix(lanes_[1], w[1], kEven);
    lanes_[2] = mix(lanes_[2], w[2], kOdd);
    lanes_[3] = mix(lanes_[3], w[3], kEven);
  }
  for (std::size_t lane = 0; left >= 8; p += 8, left -= 8, ++lane) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    lanes_[lane] = mix(lanes_[lane], word, lane % 2 ? kEven : kOdd);
  }
  std::uint64_t tail = 0;
  if (left > 0) std::memcpy(&tail, p, left);
  tail ^= static_cast<std::uint64_t>(left + 1) << 56;
  lanes_[0] = mix(lanes_[0], tail, kOdd);
  lanes_[1] = mix(lanes_[1], tail, kEven);
  length_ += bytes.size();
}

void ContentHash::add_number(std::uint64_t v) {
  lanes_[2] = mix(lanes_[2], v, 0x4cf5ad432745937fULL);
  lanes_[3] = mix(lanes_[3], v, 0x52dce729da3ed4d1ULL);
}

std::array<std::uint64_t, 2> ContentHash::digest() const {
  auto rotate = [](std::uint64_t v, int r) { return (v << r) | (v >> (64 - r)); };
  return {finish(lanes_[0] ^ rotate(lanes_[2], 17) ^ length_),
          finish(lanes_[1] ^ rotate(lanes_[3], 31) ^ (length_ * 0x165667B19E3779F9ULL))};
}

std::string ContentHash::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint64_t half : digest()) {
    for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kDigits[(half >> shift) & 0xf]);
  }
  return out;
}

}  // namespace vidcost
