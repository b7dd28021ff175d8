// A usage file: what an account buys each month and what it generates, the input of `bill`.
// docs/bill.md documents the format; docs/examples/studio-usage.toml is a worked example.
//
//   needs = ["40xkling/2.1/pro@10s", "60x@5s:720p"]   # clips a month, as `recommend` takes them
//
//   [[account]]
//   provider = "kling"
//   region = "intl"
//   plan = "pro"                  # optional: the plan subscribed to
//   packs = { topup-100 = 2 }     # optional: credit packs bought a month
//   api_packs = { trial-1000 = 1 } # optional: API unit packs bought a month
//   api = true                    # pays as it goes on the API for what the credits do not cover
//   free_credits = false          # counts the free daily credits
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "pricing/need.h"

namespace vidcost {

struct UsagePurchase {
  std::string id;
  std::int64_t count = 0;  // bought a month, 1 to 10 000
  Location where;
};

struct UsageAccount {
  std::string provider;
  Region region = Region::Intl;
  std::optional<std::string> plan;
  std::vector<UsagePurchase> packs, api_packs;
  bool api = false;
  bool free_credits = false;
  Location where, provider_where, plan_where, api_where;
};

struct UsageNeed {
  Need need;
  Location where;
};

struct Usage {
  std::string path;
  std::vector<UsageAccount> accounts;
  std::vector<UsageNeed> needs;
};

// Reads and checks the file's form (not yet against the catalog). Throws Error::bad_file with
// every problem at its file:line:col, Error::io when it cannot be read.
Usage read_usage(const std::filesystem::path& path);
// The same from text already read (tests), named `path` in messages.
Usage parse_usage(const std::string& path, const std::string& text);

}  // namespace vidcost
