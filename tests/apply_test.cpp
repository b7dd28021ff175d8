// `catalog apply` as a transaction: the on-disk names of update files, the order they are read
// in, and an apply stopped at every one of its steps, by an I/O error or by a crash, leaving the
// old catalog or the new one and never a catalog that does not load.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "catalog/apply.h"
#include "catalog/layout.h"
#include "core/error.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;

const std::string kBase = std::string(VIDCOST_TEST_DATA) + "/fixtures/base_provider.toml";

// A raise of the Acme Pro plan from 2026-01-01: a valid update of the base provider.
const char* kRaise = R"([provider]
id = "acme"
name = "Acme"

[[plan]]
id = "pro"
name = "Pro"
region = "intl"
currency = "USD"
billing = "month"
price = "12.00"
credits_per_month = 100
source = "A1"
as_of = 2025-12-01
confidence = "high"
effective_from = 2026-01-01
)";

// A catalog directory of its own, with the base provider, removed at the end of the test.
struct TempCatalog {
  fs::path dir;
  fs::path update;
  TempCatalog() {
    char pattern[] = "/tmp/vidcost-apply-XXXXXX";
    dir = mkdtemp(pattern);
    fs::create_directories(dir / "catalog");
    fs::copy_file(kBase, dir / "catalog" / "acme.toml");
    update = dir / "raise.toml";
    std::ofstream(update) << kRaise;
  }
  ~TempCatalog() { fs::remove_all(dir); }
  fs::path catalog() const { return dir / "catalog"; }
};

// Every file under `dir` and its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_input_file(e.path());
  }
  return files;
}

std::map<std::string, std::string> visible(std::map<std::string, std::string> files) {
  std::erase_if(files, [](const auto& f) { return is_temporary_name(fs::path(f.first).filename().string()); });
  return files;
}

// Thrown by the faulty file system when it plays a crash: no vidcost code catches it, so the
// apply stops dead, as a killed process would, without any cleanup.
struct Crash {};

// The real file system, with a fault at step `fail_at` (counted from 1): an I/O error at that
// one step, or a crash from that step on.
class FaultyFileSystem : public FileSystem {
 public:
  enum class Fault { None, IoError, Crash };
  FaultyFileSystem(Fault fault, int fail_at) : fault_(fault), fail_at_(fail_at) {}
  int steps() const { return step_; }

  std::unique_ptr<FileLock> lock_directory(const fs::path& dir, double wait) override {
    step();
    return real_.lock_directory(dir, wait);
  }
  void create_directories(const fs::path& dir) override {
    step();
    real_.create_directories(dir);
  }
  std::vector<std::string> list_directory(const fs::path& dir) override {
    step();
    return real_.list_directory(dir);
  }
  void write_new_file(const fs::path& path, const std::string& bytes) override {
    step();
    real_.write_new_file(path, bytes);
  }
  void link(const fs::path& from, const fs::path& to) override {
    step();
    real_.link(from, to);
  }
  void remove(const fs::path& path) override {
    step();
    real_.remove(path);
  }
  void sync_directory(const fs::path& dir) override {
    step();
    real_.sync_directory(dir);
  }

 private:
  void step() {
    ++step_;
    if (fault_ == Fault::Crash && step_ >= fail_at_) throw Crash{};
    if (fault_ == Fault::IoError && step_ == fail_at_) throw Error::io("injected I/O error");
  }
  FileSystem& real_ = posix_file_system();
  Fault fault_;
  int fail_at_;
  int step_ = 0;
};

ApplyOutcome apply(FileSystem& fs, const TempCatalog& t) {
  return apply_update(fs, t.catalog(), t.update, {}, [](const Catalog&, const Catalog&) { return true; });
}

// The catalog directory after a successful apply: the base file and the update under its name.
std::map<std::string, std::string> applied_state(const TempCatalog& t) {
  auto files = snapshot(t.catalog());
  files["updates/0001-raise.toml"] = kRaise;
  return files;
}

int steps_of_a_clean_apply() {
  TempCatalog t;
  FaultyFileSystem counting(FaultyFileSystem::Fault::None, 0);
  apply(counting, t);
  return counting.steps();
}

TEST(Layout, UpdatesAreReadInNumericOrderHandWrittenFirst) {
  EXPECT_TRUE(update_read_before("9999-a.toml", "10000-b.toml"));
  EXPECT_FALSE(update_read_before("10000-b.toml", "9999-a.toml"));
  EXPECT_TRUE(update_read_before("fix.toml", "0001-a.toml"));  // no number counts as 0
  EXPECT_TRUE(update_read_before("0002-a.toml", "0002-b.toml"));
}

TEST(Layout, TheNextNameSortsAfterEveryUpdate) {
  EXPECT_EQ(next_update_name({}, "cut.toml"), "0001-cut.toml");
  EXPECT_EQ(next_update_name({"0001-a.toml", "fix.toml", ".0002-b.toml.7.tmp"}, "cut.toml"), "0002-cut.toml");
  // Past 9999 the number grows instead of colliding.
  EXPECT_EQ(next_update_name({"9999-a.toml"}, "cut.toml"), "10000-cut.toml");
  EXPECT_EQ(next_update_name({"10000-a.toml", "9999-b.toml"}, "cut.toml"), "10001-cut.toml");
  EXPECT_TRUE(is_temporary_name(temporary_name("0001-cut.toml", 42)));
  EXPECT_FALSE(is_temporary_name("0001-cut.toml"));
}

TEST(Apply, RecordsTheUpdateUnderItsNextName) {
  TempCatalog t;
  const ApplyOutcome outcome = apply(posix_file_system(), t);
  ASSERT_TRUE(outcome.recorded);
  EXPECT_EQ(outcome.recorded->filename(), "0001-raise.toml");
  EXPECT_EQ(read_input_file(*outcome.recorded), kRaise);
  const LoadResult after = load_catalog({t.catalog()});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after.catalog.providers[0].plans.size(), 2u);  // the old Pro plan, ended, and the new one
}

TEST(Apply, AHandWrittenUpdateIsCheckedInTheOrderItIsRead) {
  TempCatalog t;
  // A hand-written update that raises the plan from 2026-06-01; "fix.toml" is read before any
  // numbered update, so the recorded raise (from 2026-01-01) would come after it and conflict.
  fs::create_directories(t.catalog() / "updates");
  std::string later = kRaise;
  later.replace(later.find("2026-01-01"), 10, "2026-06-01");
  std::ofstream(t.catalog() / "updates" / "fix.toml") << later;
  ASSERT_TRUE(load_catalog({t.catalog()}).ok());
  const auto before = snapshot(t.catalog());
  try {
    apply(posix_file_system(), t);
    FAIL() << "the raise conflicts with the later hand-written one";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidCatalog);
  }
  EXPECT_EQ(snapshot(t.catalog()), before);
  EXPECT_TRUE(load_catalog({t.catalog()}).ok());
}

TEST(Apply, AFailureAtAnyStepLeavesTheOldCatalogOrTheNewOneAndNoTemporaryFile) {
  const int steps = steps_of_a_clean_apply();
  ASSERT_GE(steps, 6);  // lock, list, create, write, link, remove, sync
  TempCatalog reference;
  const auto old_state = snapshot(reference.catalog());
  const auto new_state = applied_state(reference);
  for (int at = 1; at <= steps; ++at) {
    TempCatalog t;
    FaultyFileSystem faulty(FaultyFileSystem::Fault::IoError, at);
    EXPECT_THROW(apply(faulty, t), Error) << "step " << at;
    const auto state = snapshot(t.catalog());
    EXPECT_TRUE(state == old_state || state == new_state) << "step " << at;
    EXPECT_EQ(visible(state), state) << "step " << at << ": a temporary file was left behind";
    EXPECT_TRUE(load_catalog({t.catalog()}).ok()) << "step " << at;
  }
}

TEST(Apply, ACrashAtAnyStepLeavesACatalogThatLoadsAsTheOldOrTheNew) {
  const int steps = steps_of_a_clean_apply();
  TempCatalog reference;
  const auto old_state = snapshot(reference.catalog());
  const auto new_state = applied_state(reference);
  int old_seen = 0, new_seen = 0;
  for (int at = 1; at <= steps; ++at) {
    TempCatalog t;
    FaultyFileSystem crashing(FaultyFileSystem::Fault::Crash, at);
    EXPECT_THROW(apply(crashing, t), Crash) << "step " << at;
    // A crash may leave a hidden temporary file; readers never see it.
    const auto state = visible(snapshot(t.catalog()));
    const bool is_old = state == old_state, is_new = state == new_state;
    EXPECT_TRUE(is_old || is_new) << "step " << at;
    old_seen += is_old;
    new_seen += is_new;
    EXPECT_TRUE(load_catalog({t.catalog()}).ok()) << "step " << at;
    // The next apply goes ahead (or finds the update already there) and names the leftover.
    if (is_old) {
      const ApplyOutcome next = apply(posix_file_system(), t);
      EXPECT_TRUE(next.recorded) << "step " << at;
      EXPECT_EQ(visible(snapshot(t.catalog())), new_state) << "step " << at;
    }
  }
  EXPECT_GT(old_seen, 0);
  EXPECT_GT(new_seen, 0);
}

TEST(Apply, TheUpdateIsReadOnce) {
  // The bytes checked are the bytes recorded, even if the file changes after it was read:
  // the decision callback rewrites the file between the check and the write.
  TempCatalog t;
  const auto outcome = apply_update(posix_file_system(), t.catalog(), t.update, {}, [&](const Catalog&, const Catalog&) {
    std::ofstream(t.update) << "this is not TOML = = =";
    return true;
  });
  ASSERT_TRUE(outcome.recorded);
  EXPECT_EQ(read_input_file(*outcome.recorded), kRaise);
  EXPECT_TRUE(load_catalog({t.catalog()}).ok());
}

TEST(Apply, OnlyItsOwnTemporaryFilesAreRemoved) {
  TempCatalog t;
  fs::create_directories(t.catalog() / "updates");
  const fs::path other = t.catalog() / "updates" / ".someone-else.tmp";
  std::ofstream(other) << "not ours";
  const ApplyOutcome outcome = apply(posix_file_system(), t);
  EXPECT_TRUE(fs::exists(other));
  ASSERT_EQ(outcome.leftovers.size(), 1u);
  EXPECT_EQ(outcome.leftovers[0], other);
}

}  // namespace
}  // namespace vidcost
