#include "cli/bill_view.h"

#include <map>

#include <fmt/format.h>

#include "pricing/staleness.h"

namespace vidcost {
namespace {

std::string money(const Rational& r) { return format_fixed(r, 2); }

std::string item_name(const BillItem& item) {
  switch (item.kind) {
    case BillItem::Kind::Plan: return "plan " + item.id;
    case BillItem::Kind::Pack: return "pack " + item.id;
    case BillItem::Kind::ApiPack: return "API pack " + item.id;
    case BillItem::Kind::Free: return "free credits";
    case BillItem::Kind::Api: return "pay-as-you-go API";
    case BillItem::Kind::Unused: return "unused";
  }
  return "";
}

Cell opt_plain(const std::optional<Rational>& r) { return r ? Cell::number(format_plain(*r)) : Cell::null(); }

Cell trust_date(const Trust& t) { return t.as_of.year > 9000 ? Cell::null() : Cell::of(t.as_of.to_string()); }

// One matched row of a bill: what is compared between two bills.
struct Keyed {
  std::string section, account, item;
  Rational amount;
};

std::vector<Keyed> keyed_rows(const Bill& bill) {
  std::vector<Keyed> rows;
  for (const auto& item : bill.items) rows.push_back({"item", item.account, item_name(item), item.amount});
  for (const auto& line : bill.lines) rows.push_back({"need", line.account, line.need + " as " + line.generation, line.cost});
  rows.push_back({"total", "", "", bill.total});
  if (bill.recommended) rows.push_back({"recommend", "", "best of the market", bill.recommended->total});
  return rows;
}

}  // namespace

Table bill_table(const Bill& bill, const Market& market) {
  Table t;
  t.columns = {{"section"}, {"account"}, {"item"}, {"detail"}, {"quantity"}, {"unit"},
               {"amount"}, {"currency"}, {"bought", false}, {"used"}, {"left"}, {"expiring"},
               {"app_clips", false}, {"unit_clips", false}, {"api_clips", false}, {"per_second"},
               {"amount_exact", false}, {"confidence"}, {"inferred", false}, {"as_of", false},
               {"stale", false}, {"source", false}};
  const std::string code(currency_code(bill.currency));
  StaleReport stale(market);
  auto trust_cells = [&](std::vector<Cell>& row, const Trust& trust, bool has) {
    if (!has) {
      for (int i = 0; i < 5; ++i) row.push_back(Cell::null());
      return;
    }
    const bool old = stale.row(trust);
    row.push_back(Cell::of(std::string(confidence_name(trust.confidence))));
    row.push_back(Cell::of(trust.inferred));
    row.push_back(trust_date(trust));
    row.push_back(Cell::of(old));
    row.push_back(Cell::of(fmt::format("{}", fmt::join(trust.sources, "; "))));
  };
  for (const auto& item : bill.items) {
    const bool unused = item.kind == BillItem::Kind::Unused;
    std::vector<Cell> row{Cell::of("item"), Cell::of(item.account), Cell::of(item_name(item)),
                          Cell::of(item.name),
                          Cell::of(item.quantity), Cell::of(item.unit), Cell::number(money(item.amount)), Cell::of(code),
                          opt_plain(item.bought), opt_plain(item.used), opt_plain(item.left), opt_plain(item.expiring),
                          Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::of(format_exact(item.amount))};
    trust_cells(row, item.trust, !unused);
    t.add_row(std::move(row));
  }
  for (const auto& line : bill.lines) {
    std::vector<Cell> row{Cell::of("need"), Cell::of(line.account), Cell::of(line.need), Cell::of(line.generation),
                          Cell::of(line.count), Cell::of("clip"), Cell::number(money(line.cost)), Cell::of(code),
                          Cell::null(), line.credits > 0 || line.units > 0 ? Cell::number(format_plain(line.credits > 0 ? line.credits : line.units)) : Cell::null(),
                          Cell::null(), Cell::null(), Cell::of(line.app_clips), Cell::of(line.unit_clips),
                          Cell::of(line.api_clips), Cell::number(format_fixed(line.per_second, 4)),
                          Cell::of(format_exact(line.cost))};
    trust_cells(row, line.trust, true);
    t.add_row(std::move(row));
  }
  {
    std::vector<Cell> row{Cell::of("total"), Cell::null(), Cell::of("this bill"), Cell::of(fmt::format("{} s of video a month", bill.seconds_a_month)),
                          Cell::null(), Cell::of("month"), Cell::number(money(bill.total)), Cell::of(code),
                          Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(),
                          Cell::number(format_fixed(bill.per_second, 4)), Cell::of(format_exact(bill.total))};
    trust_cells(row, bill.trust, true);
    t.add_row(std::move(row));
  }
  if (bill.recommended) {
    const RecommendedOption& r = *bill.recommended;
    std::vector<Cell> row{Cell::of("recommend"), Cell::null(), Cell::of("best of the market"), Cell::of(r.summary),
                          Cell::null(), Cell::of("month"), Cell::number(money(r.total)), Cell::of(code),
                          Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(),
                          Cell::number(format_fixed(r.per_second, 4)), Cell::of(format_exact(r.total))};
    trust_cells(row, r.trust, true);
    t.add_row(std::move(row));
    const Rational share = bill.total > 0 ? *bill.saving * 100 / bill.total : Rational(0);
    std::vector<Cell> saving{Cell::of("saving"), Cell::null(), Cell::of("bill - recommend"),
                             Cell::of(fmt::format("{}% of the bill", format_fixed(share, 1))), Cell::null(),
                             Cell::of("month"), Cell::number(money(*bill.saving)), Cell::of(code)};
    for (int i = 0; i < 8; ++i) saving.push_back(Cell::null());
    saving.push_back(Cell::of(format_exact(*bill.saving)));
    trust_cells(saving, r.trust, false);
    t.add_row(std::move(saving));
  }
  t.footnotes.push_back(fmt::format(
      "A month, in {}. Needs draw on free credits, then plan credits, then packs; a need's amount is its pay-as-you-go "
      "spend plus its share of the prepaid credits it used. Amounts rounded half to even to 2 decimals, per-second "
      "prices to 4; used is credits (or API units) a month. Confidence: the weakest figure a row rests on.",
      code));
  if (!bill.recommended) t.footnotes.push_back("recommend has no answer for these needs: " + bill.recommend_note);
  if (!bill.inferred.empty()) {
    t.footnotes.push_back(fmt::format("Inferred figures: {}.", fmt::join(bill.inferred, "; ")));
  }
  if (!bill.proven) t.footnotes.push_back("The split of the needs between credits and the API is valid but not proven the cheapest (an account too large to combine them exactly).");
  if (const auto s = stale.footnote(); !s.empty()) t.footnotes.push_back(s);
  return t;
}

Table bill_diff_table(const Bill& before, const Bill& after, const std::string& before_name,
                      const std::string& after_name, bool& changed) {
  Table t;
  t.columns = {{"section"}, {"account"}, {"item"}, {"before"}, {"after"}, {"change"}, {"change_pct"}, {"currency"}};
  const std::string code(currency_code(before.currency));
  const auto a = keyed_rows(before), b = keyed_rows(after);
  std::vector<bool> matched(b.size(), false);
  changed = before.currency != after.currency;
  auto pct = [](const Rational& from, const Rational& to) {
    return from == 0 ? Cell::null() : Cell::number(format_fixed((to - from) * 100 / from, 1));
  };
  for (const auto& row : a) {
    std::size_t j = 0;
    while (j < b.size() && (matched[j] || b[j].section != row.section || b[j].account != row.account || b[j].item != row.item)) ++j;
    if (j == b.size()) {
      changed = true;
      t.add_row({Cell::of(row.section), Cell::of(row.account), Cell::of(row.item), Cell::number(money(row.amount)),
                 Cell::null(), Cell::number(money(-row.amount)), Cell::null(), Cell::of(code)});
      continue;
    }
    matched[j] = true;
    if (!(row.amount == b[j].amount)) changed = true;
    t.add_row({Cell::of(row.section), Cell::of(row.account), Cell::of(row.item), Cell::number(money(row.amount)),
               Cell::number(money(b[j].amount)), Cell::number(money(b[j].amount - row.amount)), pct(row.amount, b[j].amount),
               Cell::of(code)});
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    if (matched[j]) continue;
    changed = true;
    t.add_row({Cell::of(b[j].section), Cell::of(b[j].account), Cell::of(b[j].item), Cell::null(),
               Cell::number(money(b[j].amount)), Cell::number(money(b[j].amount)), Cell::null(), Cell::of(code)});
  }
  t.footnotes.push_back(fmt::format("before: {}; after: {}. Amounts a month in {}, rounded half to even to 2 decimals; "
                                    "changes compared exactly.",
                                    before_name, after_name, code));
  t.footnotes.push_back(changed ? "The bills differ (exit 1)." : "The bills are the same (exit 0).");
  return t;
}

}  // namespace vidcost
