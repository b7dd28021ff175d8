// Fuzz target: the small grammars a user types: SPEC patterns, NEED lines, durations, dates,
// exact decimals and the prompt's word splitting. Bad input is an Error, nothing else.
#include <cstdint>
#include <string>

#include "cli/tokenize.h"
#include "core/date.h"
#include "core/error.h"
#include "money/decimal.h"
#include "pricing/need.h"
#include "pricing/spec.h"

using namespace vidcost;

namespace {

template <typename F>
void expect_only_errors(F f) {
  try {
    f();
  } catch (const Error&) {
    // Bad input, said as such: fine.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  expect_only_errors([&] { (void)parse_spec_pattern(text).to_string(); });
  expect_only_errors([&] { (void)parse_need(text); });
  expect_only_errors([&] { (void)parse_duration(text); });
  expect_only_errors([&] { (void)tokenize(text); });
  (void)Date::parse(text);
  (void)parse_exact(text);
  return 0;
}
