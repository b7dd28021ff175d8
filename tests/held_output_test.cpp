// A script's held output: nothing lost, nothing reordered against its diagnostics.
#include "cli/held_output.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace vidcost {
namespace {

TEST(HeldOutput, HoldsShortWritesUntilFlushedAndWritesThemInOrder) {
  std::ostringstream target, err;
  std::string expected;
  {
    HeldStream held(target, err);
    for (int i = 0; i < 1000; ++i) {
      const std::string line = "line " + std::to_string(i) + '\n';
      held.stream() << line;
      expected += line;
    }
    EXPECT_EQ(target.str(), "");  // 1000 short lines (under 12 KB) fit in the hold
    held.stream().flush();
    EXPECT_EQ(target.str(), expected);
    held.stream() << 'x';
  }
  EXPECT_EQ(target.str(), expected + "x");  // written when it ends
}

TEST(HeldOutput, WritesWhenTheHoldFillsAndPassesLargeTextStraightThrough) {
  std::ostringstream target, err;
  HeldStream held(target, err);
  const std::string piece(1000, 'a');
  // 66 pieces of 1000 bytes: the 66th no longer fits in 65 536, so the first 65 are written.
  for (int i = 0; i < 66; ++i) held.stream() << piece;
  EXPECT_EQ(target.str().size(), 65000u);
  const std::string large(HeldOutput::kHold + 1, 'b');
  held.stream() << large;  // what was held first, then the large text itself
  EXPECT_EQ(target.str().size(), 66000u + large.size());
  EXPECT_EQ(target.str().substr(66000), large);
}

TEST(HeldOutput, AnyWriteToTheErrorStreamWritesTheHeldOutputFirst) {
  std::ostringstream target, err;
  std::ostream* tie_before = err.tie();
  {
    HeldStream held(target, err);
    held.stream() << "answer\n";
    EXPECT_EQ(target.str(), "");
    err << "warning\n";
    EXPECT_EQ(target.str(), "answer\n");  // before the diagnostic went out
    EXPECT_EQ(err.str(), "warning\n");
  }
  EXPECT_EQ(err.tie(), tie_before);  // the error stream's own tie is given back
}

TEST(HeldOutput, ATargetThatFailsFailsTheHeldStream) {
  std::ostringstream target, err;
  target.setstate(std::ios::badbit);
  HeldStream held(target, err);
  held.stream() << "lost\n";
  EXPECT_TRUE(held.stream().good());  // held, not yet written
  held.stream().flush();
  EXPECT_TRUE(held.stream().bad());
}

}  // namespace
}  // namespace vidcost
