#include "pricing/usage.h"

#include <fmt/format.h>

#include "catalog/toml_reader.h"
#include "core/error.h"
#include "core/files.h"

namespace vidcost {
namespace {

// More than this many items or needs is not a usage file a person wrote.
constexpr std::size_t kMaxEntries = 1000;
constexpr std::int64_t kMaxCount = 10'000;

const TableSchema& account_schema() {
  static const TableSchema kSchema{
      "[[account]]", "usage files", "One account: a provider in one market, and what it buys each month.",
      ProvenanceRule::None,
      {{"provider", "id", true, "", "The provider (id or alias).", "\"kling\""},
       {"region", "cn|intl", true, "", "The market of the account.", "\"intl\""},
       {"plan", "id", false, "", "The plan subscribed to (id or alias).", "\"pro\""},
       {"packs", "table", false, "", "Credit packs bought a month: `{ PACK-ID = COUNT }`.", "{ topup-100 = 2 }"},
       {"api_packs", "table", false, "", "API unit packs bought a month: `{ PACK-ID = COUNT }`.", "{ trial-1000 = 1 }"},
       {"api", "bool", false, "", "Pays as it goes on the API for what the credits and units do not cover.", "true"},
       {"free_credits", "bool", false, "", "Counts the free daily credits (30 days a month).", "false"}}};
  return kSchema;
}

std::vector<UsagePurchase> read_purchases(TableReader& r, const FileContext& file, std::string_view key) {
  std::vector<UsagePurchase> out;
  const toml::table* t = r.subtable(key);
  if (!t) return out;
  for (const auto& [id, value] : *t) {
    const Location where = file.locate(value.source());
    const auto count = value.value<std::int64_t>();
    if (!value.is_integer() || !count || *count < 1 || *count > kMaxCount) {
      file.report(value.source(), fmt::format("{} '{}': the count must be a whole number from 1 to {}", key,
                                              std::string(id.str()), kMaxCount));
      continue;
    }
    if (out.size() == kMaxEntries) {
      file.report(value.source(), fmt::format("{}: more than {} entries", key, kMaxEntries));
      break;
    }
    out.push_back({std::string(id.str()), *count, where});
  }
  return out;
}

std::optional<UsageAccount> read_account(TableReader& r, const FileContext& file) {
  UsageAccount a;
  a.where = r.where();
  a.provider_where = r.where("provider");
  a.plan_where = r.where("plan");
  a.api_where = r.where("api");
  const auto provider = r.id("provider");
  const auto region = r.region("region");
  if (r.has("plan")) a.plan = r.id("plan");
  a.packs = read_purchases(r, file, "packs");
  a.api_packs = read_purchases(r, file, "api_packs");
  a.api = r.boolean("api").value_or(false);
  a.free_credits = r.boolean("free_credits").value_or(false);
  r.finish();
  if (!provider || !region) return std::nullopt;
  a.provider = *provider;
  a.region = *region;
  r.set_label(fmt::format("[[account]] {} ({})", a.provider, region_name(a.region)));
  if (!a.plan && a.packs.empty() && a.api_packs.empty() && !a.api && !a.free_credits) {
    r.error_here("buys nothing: give a plan, packs, api_packs, api = true or free_credits = true");
    return std::nullopt;
  }
  return a;
}

void read_needs(const TomlFile& toml, const FileContext& file, Usage& usage, Diagnostics& problems) {
  const toml::node* node = toml.root.get("needs");
  const toml::array* array = node ? node->as_array() : nullptr;
  if (!array) {
    if (node) file.report(node->source(), "'needs' must be an array of NEED strings, such as [\"40xkling/2.1/pro@10s\"]");
    else problems.emplace_back(toml.path, 1, 1, "no 'needs': list what is generated a month, such as needs = [\"40x@5s:720p\"]");
    return;
  }
  if (array->empty()) file.report(node->source(), "'needs' is empty: list what is generated a month");
  for (const auto& element : *array) {
    const auto text = element.value<std::string>();
    if (!text) {
      file.report(element.source(), "each need is a string, such as \"40xkling/2.1/pro@10s\"");
      continue;
    }
    if (usage.needs.size() == kMaxEntries) {
      file.report(element.source(), fmt::format("more than {} needs", kMaxEntries));
      break;
    }
    try {
      usage.needs.push_back({parse_need(*text), file.locate(element.source())});
    } catch (const Error& e) {
      file.report(element.source(), e.what());
    }
  }
}

}  // namespace

Usage parse_usage(const std::string& path, const std::string& text) {
  Diagnostics problems;
  Usage usage;
  usage.path = path;
  if (const auto toml = parse_toml(path, text, problems)) {
    check_top_level_keys(*toml, {"needs", "account"}, "(a usage file has needs = [...] and [[account]] tables)",
                         problems);
    const FileContext file(*toml, problems);
    read_needs(*toml, file, usage, problems);
    if (const toml::node* node = toml->root.get("account")) {
      const toml::array* array = node->as_array();
      if (!array || !array->is_array_of_tables()) {
        file.report(node->source(), "'account' must be written as [[account]] tables");
      } else if (array->size() > kMaxEntries) {
        file.report(node->source(), fmt::format("more than {} accounts", kMaxEntries));
      } else {
        for (const auto& element : *array) {
          TableReader r(*element.as_table(), account_schema(), file, "[[account]]");
          if (auto a = read_account(r, file)) usage.accounts.push_back(std::move(*a));
        }
      }
    } else {
      problems.emplace_back(path, 1, 1, "no [[account]]: say what is bought (a plan, packs or the API)");
    }
  }
  if (!problems.empty()) {
    const std::string first = problems.front().to_string();
    throw Error::bad_file(first, std::move(problems));
  }
  return usage;
}

Usage read_usage(const std::filesystem::path& path) { return parse_usage(path.string(), read_input_file(path)); }

}  // namespace vidcost
