// Every file in fixtures/bad/ starts with "# expect: LINE:COL: message"; loading it must report
// exactly that problem (among possibly others).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/loader.h"

namespace vidcost {
namespace {

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(std::string(VIDCOST_TEST_DATA) + "/fixtures/bad")) {
    names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BadCatalog : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCatalog, ReportsTheExpectedProblemAtItsLine) {
  const std::string path = std::string(VIDCOST_TEST_DATA) + "/fixtures/bad/" + GetParam() + ".toml";
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  const std::string prefix = "# expect: ";
  ASSERT_EQ(header.rfind(prefix, 0), 0u) << "fixture lacks an expect header";
  const std::string expected = path + ":" + header.substr(prefix.size());
  const LoadResult r = load_catalog({path});
  ASSERT_FALSE(r.ok());
  bool found = false;
  for (const auto& p : r.problems) found = found || p.to_string() == expected;
  EXPECT_TRUE(found) << "expected: " << expected << "\nfirst reported: " << r.problems.front().to_string();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadCatalog, ::testing::ValuesIn(fixture_names()),
                         [](const auto& info) { return info.param; });

TEST(BadCatalogFixtures, AreAtLeastTwentyFive) { EXPECT_GE(fixture_names().size(), 25u); }

}  // namespace
}  // namespace vidcost
