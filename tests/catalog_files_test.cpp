// A catalog directory holds other people's files: only regular files are read, links may not
// lead out, an unreadable updates/ folder is an error, and an update of free credits from a
// date leaves the earlier allowances alone.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "acme_catalog.h"
#include "catalog/loader.h"
#include "core/files.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;

struct TempCatalog {
  fs::path dir;
  TempCatalog() {
    char pattern[] = "/tmp/vidcost-files-XXXXXX";
    dir = mkdtemp(pattern);
    fs::copy_file(std::string(VIDCOST_TEST_DATA) + "/fixtures/base_provider.toml", dir / "acme.toml");
  }
  ~TempCatalog() { fs::remove_all(dir); }
};

std::string problems_of(const fs::path& dir) {
  std::string all;
  for (const auto& p : load_catalog({dir}).problems) all += p.to_string() + "\n";
  return all;
}

TEST(CatalogFiles, AFifoIsRefusedNotWaitedOn) {
  TempCatalog c;
  ASSERT_EQ(::mkfifo((c.dir / "x.toml").c_str(), 0644), 0);
  EXPECT_NE(problems_of(c.dir).find("x.toml: not a regular file (a FIFO, device or socket); refusing to read it"),
            std::string::npos);
}

TEST(CatalogFiles, ALinkOutOfTheCatalogIsRefused) {
  TempCatalog c;
  fs::create_symlink("/dev/zero", c.dir / "zero.toml");
  EXPECT_NE(problems_of(c.dir).find("zero.toml: a symbolic link that leads out of the catalog directory"),
            std::string::npos);
}

TEST(CatalogFiles, ADirectoryNamedLikeAFileIsSaidToBeOne) {
  TempCatalog c;
  fs::create_directory(c.dir / "y.toml");
  EXPECT_NE(problems_of(c.dir).find("y.toml: is a directory, not a catalog file"), std::string::npos);
}

TEST(CatalogFiles, AnUpdatesFolderThatCannotBeReadIsAnError) {
  TempCatalog c;
  std::ofstream(c.dir / "updates") << "not a directory\n";
  EXPECT_NE(problems_of(c.dir).find("updates: cannot read the directory"), std::string::npos) << problems_of(c.dir);
}

TEST(CatalogFiles, AnUpdateOfFreeCreditsFromADateKeepsTheEarlierOnes) {
  const char* provider = R"([provider]
id = "acme"
name = "Acme"

[sources.A1]
title = "Acme price list"
as_of = 2025-01-01

[free]
daily_credits = 66
source = "A1"
as_of = 2025-01-01
effective_from = 2025-01-01
confidence = "high"
)";
  // From 2026-04-15, 30 a day.
  const LoadResult r = load_catalog_texts({{"acme.toml", provider}}, {testing::acme_free_credits_update()});
  ASSERT_TRUE(r.ok()) << r.problems.front().to_string();
  const auto& free = r.catalog.find_provider("acme")->free;
  ASSERT_EQ(free.size(), 2u);
  // 66 a day until 2026-04-15, then 30: the earlier allowance is ended, not deleted.
  EXPECT_EQ(free[0].daily_credits, Rational(66));
  EXPECT_EQ(free[0].provenance.effective.to->to_string(), "2026-04-15");
  EXPECT_EQ(free[1].daily_credits, Rational(30));
}

}  // namespace
}  // namespace vidcost
