// Golden tests of the CLI: each line of golden/cases.txt is "NAME: ARGS"; the command's exit
// code, stdout and stderr must equal golden/NAME.out. VIDCOST_UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace vidcost {
namespace {

struct GoldenCase {
  std::string name;
  std::vector<std::string> args;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

const std::string kData = "{data}";

// "{data}" in a case stands for the tests' directory, so cases can name fixture files.
std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string w; in >> w;) {
    if (auto at = w.find(kData); at != std::string::npos) w.replace(at, kData.size(), VIDCOST_TEST_DATA);
    words.push_back(w);
  }
  return words;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The recorded output names fixture files as "{data}/..." and the checkout as "{repo}",
// wherever the checkout is.
std::string without_data_dir(const std::string& text) {
  return replace_all(replace_all(text, VIDCOST_TEST_DATA, kData), VIDCOST_REPO_ROOT, "{repo}");
}

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  std::ifstream in(std::string(VIDCOST_TEST_DATA) + "/golden/cases.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(':');
    cases.push_back({line.substr(0, colon), split_words(line.substr(colon + 1))});
  }
  return cases;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesTheRecordedOutput) {
  const GoldenCase& c = GetParam();
  const auto r = testing::run(c.args);
  const std::string actual = without_data_dir("exit: " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out +
                                              "--- stderr\n" + r.err);
  const std::string path = std::string(VIDCOST_TEST_DATA) + "/golden/" + c.name + ".out";
  if (const char* update = std::getenv("VIDCOST_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path) << actual;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing " << path << "; run with VIDCOST_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str());
}

INSTANTIATE_TEST_SUITE_P(Cli, Golden, ::testing::ValuesIn(golden_cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace vidcost
