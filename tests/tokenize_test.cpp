#include <gtest/gtest.h>

#include "cli/tokenize.h"
#include "core/error.h"

namespace vidcost {
namespace {

TEST(Tokenize, SplitsLikeAShell) {
  EXPECT_EQ(tokenize("price  kling/2.1/pro@5s --plan pro"),
            (std::vector<std::string>{"price", "kling/2.1/pro@5s", "--plan", "pro"}));
  EXPECT_EQ(tokenize("compare 'kling/*/pro' # all pro modes"),
            (std::vector<std::string>{"compare", "kling/*/pro"}));
  EXPECT_EQ(tokenize("a \"b c\" d\\ e ''"), (std::vector<std::string>{"a", "b c", "d e", ""}));
  EXPECT_EQ(tokenize("= 266 CNY / 3000"), (std::vector<std::string>{"=", "266", "CNY", "/", "3000"}));
  EXPECT_TRUE(tokenize("   # only a comment").empty());
  EXPECT_EQ(tokenize("x#y"), (std::vector<std::string>{"x#y"}));
}

TEST(Tokenize, UnterminatedQuoteIsAnError) {
  EXPECT_THROW(tokenize("price 'kling"), Error);
  EXPECT_THROW(tokenize("price \"kling"), Error);
}

}  // namespace
}  // namespace vidcost
