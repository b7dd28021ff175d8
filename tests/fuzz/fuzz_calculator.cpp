// Fuzz target: the calculator line. Any text either evaluates exactly or is an Error.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "money/calculator.h"

using namespace vidcost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const FxTable fx = [] {
    FxTable t;
    t.add({Currency::USD, Currency::CNY, Rational(71, 10), Date{2025, 6, 30}, "fuzz"});
    return t;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    std::string note;
    (void)describe(evaluate(text, fx, Date{2025, 7, 1}, &note));
  } catch (const Error&) {
  }
  return 0;
}
