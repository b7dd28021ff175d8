#include "cli/held_output.h"

#include <cstring>

namespace vidcost {

HeldOutput::HeldOutput(std::ostream& target) : target_(target), held_(new char[kHold]) {
  setp(held_.get(), held_.get() + kHold);
}

HeldOutput::~HeldOutput() { sync(); }

bool HeldOutput::write_held() {
  const std::streamsize n = pptr() - pbase();
  setp(held_.get(), held_.get() + kHold);
  if (n > 0) target_.write(held_.get(), n);
  return static_cast<bool>(target_);
}

std::streamsize HeldOutput::xsputn(const char* text, std::streamsize n) {
  if (n > epptr() - pptr()) {
    if (!write_held()) return 0;
    if (static_cast<std::size_t>(n) >= kHold) {  // as large as the hold: no point copying it
      target_.write(text, n);
      return target_ ? n : 0;
    }
  }
  std::memcpy(pptr(), text, static_cast<std::size_t>(n));
  pbump(static_cast<int>(n));
  return n;
}

HeldOutput::int_type HeldOutput::overflow(int_type c) {
  if (!write_held()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int HeldOutput::sync() {
  if (!write_held()) return -1;
  target_.flush();
  return target_ ? 0 : -1;
}

HeldStream::HeldStream(std::ostream& out, std::ostream& err)
    : buffer_(out), stream_(&buffer_), err_(err), err_tie_(err.tie(&stream_)) {}

HeldStream::~HeldStream() { err_.tie(err_tie_); }  // buffer_, destroyed last, writes what is held

}  // namespace vidcost
