// What changed between two catalogs: entries added, removed and changed (figure by figure), and
// the per-second prices those changes move.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pricing/quote.h"

namespace vidcost {

struct FieldChange {
  std::string field;
  std::string before;  // empty: absent
  std::string after;
};

// Replaces: a dated new version of an entry, shown as the fields it changes from the version it
// ends (a field it drops shows "(removed)").
enum class ChangeKind { Added, Removed, Changed, Replaces };
std::string_view change_kind_name(ChangeKind k);

// An entry is named "plan pro", "mode 2.1/pro", "rate intl 2.1/pro", ... plus its
// effective_from, so the dated versions of one id are separate entries.
struct EntryChange {
  ChangeKind kind = ChangeKind::Changed;
  std::string provider;
  std::string entry;
  Location where;                   // in the catalog that has it (the new one when both do)
  std::vector<FieldChange> fields;  // every figure for Added/Removed, the differing ones for Changed
};

// One generation on one offer whose per-second price differs on `date`.
struct PriceMove {
  Date date;
  ChangeKind kind = ChangeKind::Changed;
  std::optional<Quote> before;
  std::optional<Quote> after;
};

struct CatalogDiff {
  std::vector<EntryChange> entries;
  std::vector<PriceMove> prices;
  bool empty() const { return entries.empty() && prices.empty(); }
};

// Prices are compared on `as_of` and on every date an added, removed or changed entry starts
// or ends; a move seen on several of those dates is reported once, on the first.
// Plans are priced on `basis` (the renewal price by default, as everywhere).
CatalogDiff diff_catalogs(const Catalog& before, const Catalog& after, const Date& as_of,
                          std::optional<Region> region, PriceBasisChoice basis = PriceBasisChoice::Renewal);

}  // namespace vidcost
