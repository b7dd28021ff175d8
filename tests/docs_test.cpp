// Every ```console block in README.md and docs/*.md that starts with "$ vidcost ..." must show
// the real output of that command (stdout, then stderr). scripts/update-doc-examples.py
// rewrites the blocks from the built binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/tokenize.h"
#include "test_support.h"

namespace vidcost {
namespace {

struct Example {
  std::string file;
  int line;
  std::string command;
  std::string expected;
};

std::vector<Example> examples() {
  std::vector<std::string> files = {std::string(VIDCOST_REPO_ROOT) + "/README.md"};
  for (const auto& e : std::filesystem::directory_iterator(std::string(VIDCOST_REPO_ROOT) + "/docs")) {
    if (e.path().extension() == ".md") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<Example> found;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    int number = 0;
    bool in_block = false;
    Example current;
    while (std::getline(in, line)) {
      ++number;
      if (!in_block && line == "```console") {
        in_block = true;
        current = {file, number + 1, "", ""};
      } else if (in_block && line == "```") {
        in_block = false;
        if (!current.command.empty()) found.push_back(current);
      } else if (in_block && current.command.empty() && line.rfind("$ vidcost ", 0) == 0) {
        current.command = line.substr(10);
      } else if (in_block && !current.command.empty()) {
        current.expected += line + "\n";
      }
    }
  }
  return found;
}

TEST(Docs, ExamplesAreRealOutput) {
  const auto all = examples();
  // Examples name files relative to the repository root (seeds/claims.toml, docs/examples/...).
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(VIDCOST_REPO_ROOT);
  EXPECT_GE(all.size(), 10u);
  for (const auto& ex : all) {
    std::vector<std::string> args = tokenize(ex.command);
    const bool dated = std::find(args.begin(), args.end(), "--as-of") != args.end();
    args.insert(args.begin(), {"--catalog", std::string(VIDCOST_REPO_ROOT) + "/pricing"});
    if (!dated) args.insert(args.begin(), {"--as-of", "2026-11-28"});
    const auto r = testing::run(args, false);
    EXPECT_EQ(r.out + r.err, ex.expected) << ex.file << ":" << ex.line << ": $ vidcost " << ex.command
                                          << "\n(run scripts/update-doc-examples.py)";
  }
  std::filesystem::current_path(previous);
}

}  // namespace
}  // namespace vidcost
