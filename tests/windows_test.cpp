// The shipped catalog over time: on every date from 2025-06 to the market day, each priced row
// rests only on entries in force that day. The test enumerates the entries in force itself
// (from their windows, not through the pricing code) and checks that the rows `compare` would
// show are exactly the quotes of those entries.
#include <gtest/gtest.h>

#include <set>

#include <fmt/format.h>

#include "pricing/quote.h"
#include "pricing/spec.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

// The first of every month, and every day an entry starts or ends with the day before it.
std::set<Date> walk_dates(const Catalog& c, const Date& first, const Date& last) {
  std::set<Date> dates;
  for (Date d = first; d <= last; d = Date{d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1}) {
    dates.insert(d);
  }
  auto add = [&](const Provenance& p) {
    for (const auto& edge : {p.effective.from, p.effective.to}) {
      if (!edge) continue;
      for (const Date& d : {*edge, edge->plus_days(-1)}) {
        if (first <= d && d <= last) dates.insert(d);
      }
    }
  };
  for (const auto& p : c.providers) {
    for (const auto& x : p.plans) add(x.provenance);
    for (const auto& x : p.packs) add(x.provenance);
    for (const auto& x : p.api_packs) add(x.provenance);
    for (const auto& a : p.apis) {
      add(a.provenance);
      for (const auto& r : a.rates) add(r.provenance);
    }
    for (const auto& m : p.models) {
      for (const auto& x : m.modes) add(x.provenance);
    }
  }
  return dates;
}

// The offers of `p` whose own window contains `d`, as the catalog's entries say.
std::vector<OfferRef> in_force(const Provider& p, const Date& d) {
  std::vector<OfferRef> out;
  for (const auto& x : p.plans) {
    if (x.provenance.effective.contains(d)) out.push_back({OfferKind::Plan, &x});
  }
  for (const auto& x : p.packs) {
    if (x.provenance.effective.contains(d)) out.push_back({OfferKind::Pack, &x});
  }
  for (const auto& x : p.apis) {
    if (x.provenance.effective.contains(d)) out.push_back({OfferKind::Api, &x});
  }
  for (const auto& x : p.api_packs) {
    if (x.provenance.effective.contains(d)) out.push_back({OfferKind::ApiPack, &x});
  }
  return out;
}

// A rate that prices the generation on `d` in an API list (its own window inside the list's).
bool rate_in_force(const ApiOffer& api, const Generation& g, const Date& d) {
  for (const auto& r : api.rates) {
    if (r.model == g.model->id && r.mode == g.mode->id && r.provenance.effective.contains(d)) return true;
  }
  return false;
}

std::string row_key(const Quote& q) {
  return fmt::format("{} {} {} {}", q.generation.spec(), offer_kind_name(q.kind), q.offer_id,
                     q.priced() ? format_plain(q.price->per_second.value, 12) : "unpriced");
}

TEST(Windows, EveryPricedRowRestsOnEntriesInForceThatDay) {
  const Catalog& c = testing::shipped_catalog();
  const Date first{2025, 6, 1};
  std::size_t dates = 0, priced = 0;
  for (const Date& d : walk_dates(c, first, testing::kMarketDay)) {
    ++dates;
    const QuoteOptions options{d, 1, std::nullopt, std::nullopt};
    for (const auto& g : resolve_generations(c, SpecPattern{}, d, false)) {
      ASSERT_TRUE(g.mode->provenance.effective.contains(d)) << g.spec() << " on " << d.to_string();
      std::multiset<std::string> shown, expected;
      for (const auto& q : quote_all(g, options)) {
        if (!q.priced()) continue;
        shown.insert(row_key(q));
        ++priced;
      }
      for (const OfferRef& offer : in_force(*g.provider, d)) {
        if (offer.kind == OfferKind::Api && !rate_in_force(*std::get<const ApiOffer*>(offer.entry), g, d)) continue;
        if (offer.kind == OfferKind::ApiPack) {
          // Units of a pack are spent at the rates of its price list in force that day.
          const auto* pack = std::get<const ApiPack*>(offer.entry);
          bool rated = false;
          for (const auto& api : g.provider->apis) {
            if (api.id == pack->api && api.provenance.effective.contains(d) && rate_in_force(api, g, d)) rated = true;
          }
          if (!rated) continue;
        }
        auto q = quote_offer(g, offer, options);
        if (q && q->priced()) expected.insert(row_key(*q));
      }
      EXPECT_EQ(shown, expected) << g.spec() << " on " << d.to_string();
    }
  }
  // The walk is not vacuous: many dates, and thousands of priced rows across them.
  EXPECT_GT(dates, 40u);
  EXPECT_GT(priced, 10000u);
}

TEST(Windows, EveryShippedEntryHasAWindowStartAndSaysWhatItIs) {
  const Catalog& c = testing::shipped_catalog();
  auto check = [](const Provenance& p, const std::string& what) {
    EXPECT_TRUE(p.effective.from.has_value()) << what << " at " << p.where.file << ":" << p.where.line;
    EXPECT_FALSE(p.effective_from_basis.empty()) << what << " at " << p.where.file << ":" << p.where.line;
  };
  for (const auto& p : c.providers) {
    for (const auto& x : p.plans) check(x.provenance, "plan " + x.id);
    for (const auto& x : p.packs) check(x.provenance, "pack " + x.id);
    for (const auto& x : p.api_packs) check(x.provenance, "api_pack " + x.id);
    for (const auto& a : p.apis) check(a.provenance, "api " + a.id);
    for (const auto& m : p.models) {
      for (const auto& x : m.modes) check(x.provenance, "mode " + m.id + "/" + x.id);
    }
    for (const auto& f : p.free) check(f.provenance, "free credits of " + p.id);
  }
}

}  // namespace
}  // namespace vidcost
