// What an installed vidcost carries besides the binary, made from the command table: shell
// completion (the prompt's candidates, asked for by the bash, zsh and fish scripts) and the man
// page, which must name every command and option.
#include <gtest/gtest.h>

#include "cli/manpage.h"
#include "test_support.h"

namespace vidcost {
namespace {

using testing::run;

std::string words(std::vector<std::string> line) {
  line.insert(line.begin(), {"completion", "words", "--"});
  const auto r = run(line);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(Completion, CommandsOptionsValuesAndCatalogIds) {
  EXPECT_EQ(words({"pri"}), "price\n");
  EXPECT_EQ(words({"b"}), "bill\nbreakeven\n");
  EXPECT_EQ(words({"compare", "--format", ""}), "csv\njson\nmarkdown\ntable\n");
  EXPECT_EQ(words({"--region", "cn", "comp"}), "compare\ncompletion\n");  // after a global option
  EXPECT_EQ(words({"price", "kling/2.1/pro@"}), "kling/2.1/pro@10s\nkling/2.1/pro@5s\n");
  EXPECT_EQ(words({"recommend", "--provider", "hai"}), "hailuo\n");
  EXPECT_EQ(words({"export", ""}), "litellm\nprices\n");
  EXPECT_NE(words({"compare", "--gro"}).find("--group-by"), std::string::npos);
}

TEST(Completion, ScriptsForThreeShellsAskTheBinary) {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    const auto r = run({"completion", shell});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("vidcost completion words --"), std::string::npos) << shell;
  }
  EXPECT_NE(run({"completion", "bash"}).out.find("complete -o default -F _vidcost vidcost"), std::string::npos);
  EXPECT_EQ(run({"completion", "tcsh"}).exit_code, 2);
}

TEST(ManPage, NamesEveryCommandOptionAndExitCode) {
  const std::string man = manpage();
  EXPECT_EQ(man.rfind(".TH VIDCOST 1", 0), 0u);
  for (const auto& c : command_table()) {
    EXPECT_NE(man.find(".SS vidcost " + std::string(c.name) + "\n"), std::string::npos) << c.name;
  }
  for (const char* sub : {".SS vidcost catalog validate", ".SS vidcost catalog apply", ".SS vidcost export litellm",
                          ".SS vidcost completion bash"}) {
    EXPECT_NE(man.find(sub), std::string::npos) << sub;
  }
  for (const char* option : {"\\-\\-compare\\-as\\-of", "\\-\\-assume", "\\-\\-overlay", "\\-\\-as\\-of", "\\-\\-best"}) {
    EXPECT_NE(man.find(option), std::string::npos) << option;
  }
  EXPECT_NE(man.find(".SH EXIT STATUS"), std::string::npos);
  EXPECT_NE(man.find("5 a file that cannot be read or written"), std::string::npos);
  EXPECT_NE(man.find(".SH EXAMPLES"), std::string::npos);
  // No line starts a roff request by accident (a '.' or '\\'' from the text).
  std::istringstream lines(man);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || (line[0] != '.' && line[0] != '\'')) continue;
    const std::string request = line.substr(1, line.find(' ') == std::string::npos ? std::string::npos : line.find(' ') - 1);
    EXPECT_TRUE(request == "TH" || request == "SH" || request == "SS" || request == "TP" || request == "B" ||
                request == "I" || request == "PP" || request == "nf" || request == "fi" || request == "br")
        << line;
  }
}

}  // namespace
}  // namespace vidcost
