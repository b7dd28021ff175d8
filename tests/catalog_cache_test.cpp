// The catalog cache: its byte format, the catalog snapshot, and the cache files (trust, keys,
// damage, pruning). The command-line suites run every golden test through a cache as well
// (test_support.h), which checks that a cached catalog prices exactly as a parsed one.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "acme_catalog.h"
#include "catalog/cache.h"
#include "catalog/snapshot.h"
#include "core/byte_stream.h"
#include "core/files.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;

// ---- bytes ----

TEST(ByteStream, NumbersAndTextsReadBackAsWritten) {
  ByteWriter w;
  const std::uint64_t unsigned_values[] = {0, 1, 127, 128, 16383, 16384, std::uint64_t{1} << 63, ~std::uint64_t{0}};
  const std::int64_t signed_values[] = {0, -1, 1, -64, 64, INT64_MIN, INT64_MAX};
  for (auto v : unsigned_values) w.u64(v);
  for (auto v : signed_values) w.i64(v);
  w.text("可灵, \"quoted\"\n");
  w.text("");
  w.boolean(true);
  ByteReader r(w.bytes());
  for (auto v : unsigned_values) EXPECT_EQ(r.u64(), v);
  for (auto v : signed_values) EXPECT_EQ(r.i64(), v);
  EXPECT_EQ(r.text(), "可灵, \"quoted\"\n");
  EXPECT_EQ(r.text(), "");
  EXPECT_TRUE(r.boolean());
  EXPECT_TRUE(r.at_end());
}

TEST(ByteStream, SmallNumbersTakeOneByte) {
  // 7 bits a byte: 127 fits in one, 128 needs two; zigzag maps -64 to 127 and 64 to 128.
  ByteWriter w;
  w.u64(127);
  EXPECT_EQ(w.bytes().size(), 1u);
  w.u64(128);
  EXPECT_EQ(w.bytes().size(), 3u);
  w.i64(-64);
  EXPECT_EQ(w.bytes().size(), 4u);
  w.i64(64);
  EXPECT_EQ(w.bytes().size(), 6u);
}

TEST(ByteStream, MalformedBytesAreErrorsNotCrashes) {
  EXPECT_THROW(ByteReader("").u64(), MalformedBytes);
  EXPECT_THROW(ByteReader("\x80").u64(), MalformedBytes);  // a continuation with nothing after it
  // Ten bytes whose last carries more than the 64th bit.
  EXPECT_THROW(ByteReader("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02").u64(), MalformedBytes);
  EXPECT_THROW(ByteReader("\x05" "abc").text(), MalformedBytes);  // 5 bytes announced, 3 there
  EXPECT_THROW(ByteReader("\x02").boolean(), MalformedBytes);
  EXPECT_THROW(ByteReader("\x04").below(4), MalformedBytes);
  // A count of a million items in three bytes cannot be real: refused before any allocation.
  ByteWriter w;
  w.u64(1000000);
  w.raw("ab");
  EXPECT_THROW(ByteReader(w.bytes()).count(), MalformedBytes);
  ByteWriter big;
  big.i64(std::int64_t{1} << 40);
  EXPECT_THROW(ByteReader(big.bytes()).int32(), MalformedBytes);
}

TEST(ContentHash, AnyChangeOfByteOrSplitGivesAnotherDigest) {
  auto digest = [](std::initializer_list<std::string_view> parts) {
    ContentHash h;
    for (auto p : parts) h.add(p);
    return h.hex();
  };
  const std::string base = digest({"price = 266\n"});
  EXPECT_EQ(base.size(), 32u);
  EXPECT_EQ(base, digest({"price = 266\n"}));
  EXPECT_NE(base, digest({"price = 267\n"}));
  EXPECT_NE(base, digest({"price = 266"}));
  EXPECT_NE(digest({"ab", "c"}), digest({"a", "bc"}));
  EXPECT_NE(digest({"", "x"}), digest({"x", ""}));
  // Every single-bit change of a 64-byte text gives a different digest.
  std::string text(64, 'k');
  std::set<std::string> seen{digest({text})};
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string changed = text;
      changed[i] = static_cast<char>(changed[i] ^ (1 << bit));
      seen.insert(digest({changed}));
    }
  }
  EXPECT_EQ(seen.size(), 1u + 64 * 8);
}

// ---- the catalog snapshot ----

Catalog acme() { return testing::catalog_from({testing::acme_provider(), testing::fx_seven()}); }

TEST(CatalogSnapshot, TheShippedCatalogReadsBackWhole) {
  const Catalog& shipped = testing::shipped_catalog();
  const std::string bytes = encode_catalog(shipped);
  const auto back = decode_catalog(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(encode_catalog(*back), bytes);  // every field, in order
  ASSERT_EQ(back->providers.size(), shipped.providers.size());
  EXPECT_EQ(back->files, shipped.files);
  EXPECT_EQ(back->fx.rates().size(), shipped.fx.rates().size());
}

TEST(CatalogSnapshot, FieldsKeepTheirValues) {
  const Catalog original = acme();
  const auto back = decode_catalog(encode_catalog(original));
  ASSERT_TRUE(back.has_value());
  const Provider& p = back->providers.at(0);
  EXPECT_EQ(p.id, "acme");
  EXPECT_EQ(p.aliases, std::vector<std::string>{"阿克米"});
  const Plan* pro = find_plan(p, "pro", Date{2026, 1, 1});
  ASSERT_NE(pro, nullptr);
  EXPECT_EQ(pro->price.value->value, Rational(10));  // 10 USD a month, as acme_catalog.h says
  EXPECT_EQ(pro->price.value->currency, Currency::USD);
  EXPECT_EQ(pro->credits_per_month.value, Rational(100));
  const Plan& original_pro = *find_plan(original.providers.at(0), "pro", Date{2026, 1, 1});
  EXPECT_EQ(pro->provenance.where.file, original_pro.provenance.where.file);
  EXPECT_EQ(pro->provenance.where.line, original_pro.provenance.where.line);
  EXPECT_EQ(pro->provenance.as_of, original_pro.provenance.as_of);
  EXPECT_EQ(pro->provenance.effective.to, original_pro.provenance.effective.to);
  const Model* model = find_model(p, "1.0");
  ASSERT_NE(model, nullptr);
  const Mode* mode = find_mode(*model, "720p", Date{2026, 1, 1});
  ASSERT_NE(mode, nullptr);
  EXPECT_EQ(mode->credits.value->at(10), Rational(20));  // 10 s = 20 credits
  ASSERT_EQ(back->fx.rates().size(), 1u);
  EXPECT_EQ(back->fx.rates()[0].rate, Rational(7));  // 1 USD = 7 CNY
}

TEST(CatalogSnapshot, NumbersBeyondSixtyFourBitsStayExact) {
  Catalog c = acme();
  // (10^30 + 1) / 3: neither part fits in 64 bits.
  const Rational huge(BigInt("1000000000000000000000000000001"), BigInt(3));
  c.providers.at(0).plans.at(0).credits_per_month.value = huge;
  const auto back = decode_catalog(encode_catalog(c));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->providers.at(0).plans.at(0).credits_per_month.value, huge);
}

TEST(CatalogSnapshot, EveryTruncationIsRefused) {
  const std::string bytes = encode_catalog(acme());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(decode_catalog(std::string_view(bytes).substr(0, n)).has_value()) << "first " << n << " bytes";
  }
  EXPECT_FALSE(decode_catalog(bytes + "x").has_value());  // bytes after the catalog
}

TEST(CatalogSnapshot, DamagedBytesNeverCrashTheReader) {
  // Each damaged copy either is refused or reads as some catalog; under the sanitizers this
  // also proves no read goes out of bounds and no count allocates beyond the input.
  const std::string bytes = encode_catalog(acme());
  std::mt19937 random(20261129);
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string damaged = bytes;
    const int changes = 1 + static_cast<int>(random() % 4);
    for (int k = 0; k < changes; ++k) damaged[random() % damaged.size()] = static_cast<char>(random() & 0xff);
    if (!decode_catalog(damaged)) ++refused;
  }
  EXPECT_GT(refused, 0);
}

// ---- cache files ----

class CatalogCacheFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vidcost-cache-test-XXXXXX";
    root = mkdtemp(pattern);
    dir = root / "cache";
  }
  void TearDown() override { fs::remove_all(root); }

  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
    return out;
  }

  fs::path root, dir;
  std::vector<NamedText> files{testing::acme_provider(), testing::fx_seven()};
  Catalog catalog = acme();
};

TEST_F(CatalogCacheFiles, AStoredCatalogIsFoundForTheSameFilesOnly) {
  const CatalogCache cache(dir);
  EXPECT_FALSE(cache.find(files, {}).has_value());
  cache.store(files, {}, catalog);
  const auto found = cache.find(files, {});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(encode_catalog(*found), encode_catalog(catalog));

  auto edited = files;
  edited[0].text += "\n";  // one byte more
  EXPECT_FALSE(cache.find(edited, {}).has_value());
  auto renamed = files;
  renamed[1].name = "rates.toml";
  EXPECT_FALSE(cache.find(renamed, {}).has_value());
  // The same files read as an update are another catalog.
  EXPECT_FALSE(cache.find({files[0]}, {files[1]}).has_value());
}

TEST_F(CatalogCacheFiles, TheDirectoryAndFilesArePrivate) {
  CatalogCache(dir).store(files, {}, catalog);
  struct stat info {};
  ASSERT_EQ(::stat(dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  const auto stored = entries();
  ASSERT_EQ(stored.size(), 1u);  // no temporary file left behind
  ASSERT_EQ(::stat(stored[0].c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(CatalogCacheFiles, AFileOthersMayWriteOrALinkIsNotTrusted) {
  const CatalogCache cache(dir);
  cache.store(files, {}, catalog);
  const fs::path entry = entries().at(0);
  ::chmod(entry.c_str(), 0666);
  EXPECT_FALSE(cache.find(files, {}).has_value());
  ::chmod(entry.c_str(), 0600);
  ASSERT_TRUE(cache.find(files, {}).has_value());

  fs::rename(entry, root / "elsewhere.bin");
  fs::create_symlink(root / "elsewhere.bin", entry);
  EXPECT_FALSE(cache.find(files, {}).has_value());
}

TEST_F(CatalogCacheFiles, DamageAnywhereInTheFileIsAMiss) {
  const CatalogCache cache(dir);
  cache.store(files, {}, catalog);
  const fs::path entry = entries().at(0);
  const std::string good = read_input_file(entry, kMaxCacheFileBytes);
  auto write = [&](const std::string& bytes) {
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes;
  };
  // A changed byte in the header, in the key, in the checksum or in the payload: the checksum
  // or the key catches each.
  for (std::size_t at : {std::size_t{3}, std::size_t{30}, std::size_t{60}, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    write(bad);
    EXPECT_FALSE(cache.find(files, {}).has_value()) << "byte " << at;
  }
  write(good.substr(0, good.size() - 10));
  EXPECT_FALSE(cache.find(files, {}).has_value());
  write(good);
  EXPECT_TRUE(cache.find(files, {}).has_value());
}

TEST_F(CatalogCacheFiles, ACacheThatCannotBeWrittenIsSkipped) {
  std::ofstream(root / "not-a-directory") << "x";
  const CatalogCache cache(root / "not-a-directory");
  cache.store(files, {}, catalog);  // no exception, nothing written
  EXPECT_FALSE(cache.find(files, {}).has_value());
}

TEST_F(CatalogCacheFiles, OnlyTheLatestLocationsAreKept) {
  const CatalogCache cache(dir);
  for (std::size_t i = 0; i < kMaxCacheFiles + 4; ++i) {
    auto named = files;
    named[0].name = "acme-" + std::to_string(i) + ".toml";
    cache.store(named, {}, catalog);
    // Distinct times even on a file system with coarse ones.
    const auto when = fs::file_time_type::clock::now() - std::chrono::hours(100 - static_cast<int>(i));
    for (const auto& e : entries()) {
      if (fs::last_write_time(e) > fs::file_time_type::clock::now() - std::chrono::minutes(1)) {
        fs::last_write_time(e, when);
      }
    }
  }
  EXPECT_EQ(entries().size(), kMaxCacheFiles);
  auto latest = files;
  latest[0].name = "acme-" + std::to_string(kMaxCacheFiles + 3) + ".toml";
  EXPECT_TRUE(cache.find(latest, {}).has_value());
  auto first = files;
  first[0].name = "acme-0.toml";
  EXPECT_FALSE(cache.find(first, {}).has_value());
}

// ---- the loader with a cache ----

class CachedLoad : public CatalogCacheFiles {
 protected:
  void SetUp() override {
    CatalogCacheFiles::SetUp();
    catalog_dir = root / "pricing";
    fs::create_directories(catalog_dir);
    for (const auto& f : files) std::ofstream(catalog_dir / f.name) << f.text;
  }
  fs::path catalog_dir;
};

TEST_F(CachedLoad, ASecondLoadReadsTheCacheAndAnEditIsSeen) {
  const CatalogCache cache(dir);
  const LoadResult first = load_catalog({catalog_dir}, {}, &cache);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(entries().size(), 1u);

  // Proof that the second load reads the cache: an entry stored under the same files but with
  // another provider name is what comes back.
  Catalog marked = first.catalog;
  marked.providers.at(0).name = "Acme (from the cache)";
  std::vector<NamedText> texts;
  for (const auto& path : first.catalog.files) texts.push_back({path, read_input_file(path)});
  cache.store(texts, {}, marked);
  EXPECT_EQ(load_catalog({catalog_dir}, {}, &cache).catalog.providers.at(0).name, "Acme (from the cache)");

  // An edited file is parsed again.
  std::ofstream(catalog_dir / "acme.toml", std::ios::app) << "\n# edited\n";
  const LoadResult edited = load_catalog({catalog_dir}, {}, &cache);
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited.catalog.providers.at(0).name, "Acme");
}

TEST_F(CachedLoad, ACatalogWithProblemsIsNeverCached) {
  std::ofstream(catalog_dir / "acme.toml", std::ios::app) << "\n[provider.bad\n";
  const CatalogCache cache(dir);
  const LoadResult first = load_catalog({catalog_dir}, {}, &cache);
  EXPECT_FALSE(first.ok());
  EXPECT_TRUE(entries().empty());
  const LoadResult second = load_catalog({catalog_dir}, {}, &cache);
  ASSERT_EQ(second.problems.size(), first.problems.size());
  EXPECT_EQ(second.problems.at(0).to_string(), first.problems.at(0).to_string());
}

TEST_F(CachedLoad, UpdatesAreReadAndKeyedToo) {
  const CatalogCache cache(dir);
  fs::create_directories(catalog_dir / "updates");
  // From 2026-04-15 acme gives 30 free credits a day instead of 2.
  const NamedText update = testing::acme_free_credits_update();
  std::ofstream(catalog_dir / "updates" / update.name) << update.text;
  const LoadResult parsed = load_catalog({catalog_dir});
  ASSERT_TRUE(parsed.ok()) << parsed.problems.front().to_string();
  const LoadResult first = load_catalog({catalog_dir}, {}, &cache);
  const LoadResult second = load_catalog({catalog_dir}, {}, &cache);
  EXPECT_EQ(entries().size(), 1u);
  EXPECT_EQ(encode_catalog(first.catalog), encode_catalog(parsed.catalog));
  EXPECT_EQ(encode_catalog(second.catalog), encode_catalog(parsed.catalog));
  const auto& free = second.catalog.find_provider("acme")->free;
  ASSERT_EQ(free.size(), 2u);
  EXPECT_EQ(free[1].daily_credits, Rational(30));

  fs::remove(catalog_dir / "updates" / "0001-free.toml");  // a removed update is seen
  EXPECT_EQ(load_catalog({catalog_dir}, {}, &cache).catalog.find_provider("acme")->free.size(), 1u);
}

}  // namespace
}  // namespace vidcost
