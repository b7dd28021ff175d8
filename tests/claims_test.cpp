// Claims files on the small catalog (acme_catalog.h): each kind of claim holding or failing,
// and a quantity that names nothing reported at its place in the file.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "acme_catalog.h"
#include "core/error.h"
#include "pricing/claims.h"

namespace vidcost {
namespace {

struct ClaimsFile {
  std::filesystem::path path;
  explicit ClaimsFile(const std::string& text) {
    path = std::filesystem::temp_directory_path() / ("vidcost-claims-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path) << text;
  }
  ~ClaimsFile() { std::filesystem::remove(path); }
};

const Market kMarket{&testing::acme_catalog(), testing::kMarketDay, {}, {}};

// Pro: 0.10 USD x 10 cr / 5 s = 0.20 USD/s; the annual plan 0.08 x 10 / 5 = 0.16.
const char* kClaims = R"(
[[claim]]
id = "annual-is-a-fifth-cheaper"
outlet = "test"
date = 2026-01-01
statement = "pro costs 1.25 times the annual plan"
kind = "ratio"
a = { spec = "acme/1.0/720p@5s", plan = "pro" }
b = { spec = "acme/1.0/720p@5s", plan = "pro-annual" }
expected = "1.25"
tolerance = 0

[[claim]]
id = "annual-is-cheaper"
outlet = "test"
date = 2026-01-01
statement = "the annual plan is cheaper"
kind = "less"
a = { spec = "acme/1.0/720p@5s", plan = "pro" }
b = { spec = "acme/1.0/720p@5s", plan = "pro-annual" }

[[claim]]
id = "pro-in-range"
outlet = "test"
date = 2026-01-01
statement = "pro is between 0.1 and 0.3 USD a second"
kind = "range"
a = { spec = "acme/1.0/720p@5s", plan = "pro" }
min = "0.1"
max = "0.3"
currency = "USD"

[[claim]]
id = "acme-tops-intl"
outlet = "test"
date = 2026-01-01
statement = "acme has the dearest monthly plan abroad"
kind = "highest-plan-price"
region = "intl"
provider = "acme"
)";

TEST(Claims, EachKindHoldsOrFails) {
  ClaimsFile file(kClaims);
  const auto claims = read_claims(file.path, testing::acme_catalog());
  ASSERT_EQ(claims.size(), 4u);
  EXPECT_EQ(check_claim(kMarket, claims[0]).result, ClaimOutcome::Result::Holds);  // 0.2 / 0.16 = 1.25
  EXPECT_EQ(check_claim(kMarket, claims[1]).result, ClaimOutcome::Result::Fails);  // 0.2 is not < 0.16
  EXPECT_EQ(check_claim(kMarket, claims[2]).result, ClaimOutcome::Result::Holds);
  EXPECT_EQ(check_claim(kMarket, claims[3]).result, ClaimOutcome::Result::Holds);
  EXPECT_EQ(check_claim(kMarket, claims[0]).computed, "ratio 1.25 (USD 0.2000/s / USD 0.1600/s)");
  // The typed figure and bounds: 0.2 / 0.16 = 5/4, expected 1.25 +/- 0.
  const ClaimOutcome ratio = check_claim(kMarket, claims[0]);
  ASSERT_TRUE(ratio.figure);
  EXPECT_EQ(ratio.figure->value, Rational(5, 4));
  EXPECT_EQ(ratio.figure->unit, "ratio");
  EXPECT_EQ(*ratio.expected_min, Rational(5, 4));
  // An international plan ladder is reported in dollars (acme pro, 10 USD a month).
  const ClaimOutcome top = check_claim(kMarket, claims[3]);
  EXPECT_EQ(top.computed, "acme pro at USD 10.00/month");
  EXPECT_EQ(top.figure->currency, Currency::USD);
}

// Pro is 10 USD until 2027-01-01, then 12: 10 credits a 5 s clip is 0.10 x 10 / 5 = 0.20 USD/s,
// then 0.12 x 10 / 5 = 0.24.
const char* kDatedClaims = R"(
[[claim]]
id = "pro-at-twenty-cents"
outlet = "test"
date = 2026-06-01
statement = "pro costs 0.20 USD a second"
kind = "range"
a = { spec = "acme/1.0/720p@5s", plan = "pro" }
min = "0.19"
max = "0.21"
currency = "USD"

[[claim]]
id = "hd-on-the-plan"
outlet = "test"
date = 2026-06-01
statement = "1080p on the pro plan costs 0.20 USD a second"
kind = "range"
a = { spec = "acme/1.0/1080p@5s", plan = "pro" }
min = "0.19"
max = "0.21"
currency = "USD"

[[claim]]
id = "gold-range"
outlet = "test"
date = 2026-06-01
statement = "gold is under a yuan a second"
kind = "range"
a = { spec = "acme/1.0/720p@5s", plan = "gold" }
min = "0.1"
max = "1"
currency = "CNY"
)";

TEST(Claims, EachIsCheckedOnItsOwnDateUnlessAsked) {
  ClaimsFile file(kDatedClaims);
  const auto claims = read_claims(file.path, testing::acme_catalog());
  ASSERT_EQ(claims.size(), 3u);
  const Market later{&testing::acme_catalog(), *Date::parse("2027-02-01"), {}, {}};
  // On its own date (2026-06-01): 0.20 USD/s holds. On the later market (--as-of): 0.24 fails.
  EXPECT_EQ(check_claim_on_its_date(later, claims[0], true).result, ClaimOutcome::Result::Holds);
  const auto today = check_claim_on_its_date(later, claims[0], false);
  EXPECT_EQ(today.result, ClaimOutcome::Result::Fails);
  EXPECT_EQ(today.computed, "USD 0.2400/s");
}

TEST(Claims, AClaimThatCannotBeCheckedSaysWhyAndIsNotAnError) {
  // 1080p is sold only through the API: no plan price exists to check the claim on.
  ClaimsFile file(kDatedClaims);
  const auto claims = read_claims(file.path, testing::acme_catalog());
  const auto hd = check_claim_on_its_date(kMarket, claims[1], true);
  EXPECT_EQ(hd.result, ClaimOutcome::Result::Unchecked);
  EXPECT_EQ(hd.expected, "on 2026-06-01: " + file.path.string() +
                             ":19:5: claim 'hd-on-the-plan': plan 'pro' has no price for acme/1.0/1080p@5s");
}

TEST(Claims, AVerdictOnInferredFiguresNamesThem) {
  // Gold: 77 CNY / 100 credits x 10 credits / 5 s = 1.54 CNY/s, outside the claim's 0.1 to 1: it
  // fails, and the outcome names the inferred credits it rests on.
  ClaimsFile file(kDatedClaims);
  const auto claims = read_claims(file.path, testing::acme_catalog());
  const auto gold = check_claim_on_its_date(kMarket, claims[2], true);
  EXPECT_EQ(gold.result, ClaimOutcome::Result::Fails);
  ASSERT_FALSE(gold.inferred.empty());
  EXPECT_NE(gold.inferred.front().find("gold"), std::string::npos) << gold.inferred.front();
}

TEST(Claims, AQuantityThatNamesNothingIsReportedAtItsPlace) {
  ClaimsFile file(R"([[claim]]
id = "typo"
outlet = "test"
date = 2026-01-01
statement = "x"
kind = "less"
a = { spec = "acme/1.0/720p@5s", plan = "proo" }
b = { spec = "acme/1.0/720p@5s", plan = "pro" }
)");
  const auto claims = read_claims(file.path, testing::acme_catalog());
  try {
    check_claim(kMarket, claims.at(0));
    FAIL();
  } catch (const Error& e) {
    ASSERT_NE(e.unknown_name(), nullptr);
    EXPECT_EQ(e.unknown_name()->name, "proo");
    EXPECT_EQ(e.context(), file.path.string() + ":7:5: claim 'typo'");
  }
}

TEST(Claims, EveryProblemOfTheFileIsReported) {
  ClaimsFile file(R"([[claim]]
id = "a"
outlet = "test"
date = 2026-01-01
statement = "x"
kind = "ratios"

[[claim]]
id = "b"
outlet = "test"
date = 2026-01-01
statement = "x"
kind = "highest-plan-price"
region = "intl"
provider = "acm"
)");
  try {
    read_claims(file.path, testing::acme_catalog());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].where.line, 6);
    EXPECT_EQ(e.problems()[1].where.line, 15);
  }
}

}  // namespace
}  // namespace vidcost
