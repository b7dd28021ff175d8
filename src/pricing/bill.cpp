#include "pricing/bill.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "pricing/need_problem.h"
#include "pricing/offer.h"
#include "pricing/optimise.h"

namespace vidcost {
namespace {

namespace opt = optimiser;

[[noreturn]] void fail_at(const Location& where, const std::string& message) {
  throw Error::bad_input(Diagnostic(where, message).to_string());
}

// One usage account resolved against the catalog on the market's date.
struct Resolved {
  const UsageAccount* usage = nullptr;
  const Provider* provider = nullptr;
  std::string label;  // "kling (intl)"
  const Plan* plan = nullptr;
  std::optional<PlanPrice> plan_price;
  std::vector<std::pair<const Pack*, std::int64_t>> packs;
  std::vector<std::pair<const ApiPack*, std::int64_t>> api_packs;
};

// Entries of `list` whose id (or alias) is `id`, in any region and on any date, for messages.
template <typename T, typename Names>
[[noreturn]] void not_sold(const Location& where, const std::string& what, const std::string& id, const Provider& p,
                           const UsageAccount& a, const Date& date, const std::vector<T>& list, Names named) {
  std::vector<std::string> ids;
  for (const auto& e : list) {
    if (!named(e)) {
      if (e.region == a.region && e.provenance.effective.contains(date) &&
          std::find(ids.begin(), ids.end(), e.id) == ids.end()) {
        ids.push_back(e.id);
      }
      continue;
    }
    if (e.region != a.region) {
      fail_at(where, fmt::format("{} '{}' of {} is sold in the {} market, not {}; give it its own [[account]] with "
                                 "region = \"{}\"",
                                 what, id, p.id, region_name(e.region), region_name(a.region), region_name(e.region)));
    }
  }
  for (const auto& e : list) {
    if (named(e) && e.region == a.region) {
      fail_at(where, fmt::format("{} '{}' of {} is not sold on {}", what, id, p.id, date.to_string()));
    }
  }
  fail_at(where, fmt::format("{} has no {} '{}' in the {} market on {}{}", p.id, what, id, region_name(a.region),
                             date.to_string(), did_you_mean(id, ids)));
}

Resolved resolve(const Market& market, const UsageAccount& a) {
  const Catalog& catalog = *market.catalog;
  const Date& date = market.date;
  Resolved r;
  r.usage = &a;
  r.provider = catalog.find_provider(a.provider);
  if (!r.provider) {
    fail_at(a.provider_where, fmt::format("no provider '{}' in the catalog{}", a.provider,
                                          did_you_mean(a.provider, catalog.provider_ids())));
  }
  const Provider& p = *r.provider;
  r.label = fmt::format("{} ({})", p.id, region_name(a.region));
  if (market.region && *market.region != a.region) {
    fail_at(a.where, fmt::format("the account {} is in the {} market, which --region {} leaves out", r.label,
                                 region_name(a.region), region_name(*market.region)));
  }
  if (a.plan) {
    for (const auto& plan : p.plans) {
      if (names(plan.id, plan.aliases, *a.plan) && plan.region == a.region && plan.provenance.effective.contains(date)) {
        r.plan = &plan;
      }
    }
    if (!r.plan) {
      not_sold(a.plan_where, "plan", *a.plan, p, a, date, p.plans,
               [&](const Plan& plan) { return names(plan.id, plan.aliases, *a.plan); });
    }
    r.plan_price = plan_price(*r.plan, market.price_basis);
    if (!r.plan_price) fail_at(a.plan_where, fmt::format("the price of plan '{}' of {} is unknown: {}", r.plan->id, p.id, r.plan->price.reason));
    if (!r.plan->credits_per_month.known()) {
      fail_at(a.plan_where, fmt::format("the credits of plan '{}' of {} are unknown: {}", r.plan->id, p.id,
                                        r.plan->credits_per_month.reason));
    }
  }
  for (const auto& bought : a.packs) {
    const Pack* found = nullptr;
    for (const auto& pack : p.packs) {
      if (pack.id == bought.id && pack.region == a.region && pack.provenance.effective.contains(date)) found = &pack;
    }
    if (!found) not_sold(bought.where, "pack", bought.id, p, a, date, p.packs, [&](const Pack& e) { return e.id == bought.id; });
    if (!found->credits.known()) {
      fail_at(bought.where, fmt::format("the credits of pack '{}' of {} are unknown: {}", found->id, p.id, found->credits.reason));
    }
    r.packs.emplace_back(found, bought.count);
  }
  for (const auto& bought : a.api_packs) {
    const ApiPack* found = nullptr;
    for (const auto& pack : p.api_packs) {
      if (pack.id == bought.id && pack.region == a.region && pack.provenance.effective.contains(date)) found = &pack;
    }
    if (!found) {
      not_sold(bought.where, "API pack", bought.id, p, a, date, p.api_packs, [&](const ApiPack& e) { return e.id == bought.id; });
    }
    r.api_packs.emplace_back(found, bought.count);
  }
  if (a.api && offers_of(p, date, OfferKind::Api, a.region).empty()) {
    fail_at(a.api_where, fmt::format("{} has no API in the {} market on {}", p.id, region_name(a.region), date.to_string()));
  }
  return r;
}

// Bought a month: a count up to this (packs times their credits can pass the catalog's limit).
constexpr std::int64_t kMaxBought = 1'000'000'000'000;

// "kling (intl): credits, API; hailuo (cn): API": where a line could be made, for messages.
std::string servers_of(const NeedProblem& b, std::size_t line) {
  std::map<int, std::set<std::string>> channels;
  for (const auto& c : b.problem.lines[line].candidates) {
    auto& set = channels[c.account];
    if (c.credits_per_clip) set.insert("app credits");
    if (c.api_per_clip) set.insert("API");
    if (c.units_per_clip) set.insert("API packs");
  }
  std::vector<std::string> parts;
  for (const auto& [account, set] : channels) {
    parts.push_back(fmt::format("{} ({})", b.problem.accounts[static_cast<std::size_t>(account)].label, fmt::join(set, ", ")));
    if (parts.size() == 6) break;
  }
  return fmt::format("{}{}", fmt::join(parts, "; "), channels.size() > parts.size() ? "; ..." : "");
}


// An account's prepaid spend and balances a month, in the bill's currency.
struct Prepaid {
  Rational credit_cost = 0, unit_cost = 0;
  std::int64_t plan_credits = 0, pack_credits = 0, free_credits = 0;
  std::int64_t units = 0;  // in optimiser units (API units x the account's unit scale)
};

// Credits used a month, drawn free first, then the plan's, then packs (shortest validity first):
// fills used / left / expiring of the account's items.
void draw_credits(std::vector<BillItem>& items, std::size_t first, const Resolved& r, std::int64_t used) {
  std::int64_t left_to_draw = used;
  auto draw = [&](BillItem& item, bool expires) {
    const Rational bought = item.bought.value_or(0);
    const Rational take = std::min(bought, Rational(left_to_draw));
    left_to_draw -= static_cast<std::int64_t>(numerator(take));
    item.used = take;
    item.left = bought - take;
    item.expiring = expires ? bought - take : Rational(0);
  };
  std::vector<std::pair<int, BillItem*>> packs;
  for (std::size_t i = first; i < items.size(); ++i) {
    BillItem& item = items[i];
    if (item.kind == BillItem::Kind::Free) draw(item, true);
  }
  for (std::size_t i = first; i < items.size(); ++i) {
    BillItem& item = items[i];
    if (item.kind == BillItem::Kind::Plan) draw(item, !(r.plan && r.plan->credits_roll_over));
  }
  for (std::size_t i = first, k = 0; i < items.size(); ++i) {
    if (items[i].kind != BillItem::Kind::Pack) continue;
    packs.emplace_back(r.packs[k].first->validity_days.value_or(1 << 30), &items[i]);
    ++k;
  }
  std::stable_sort(packs.begin(), packs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [validity, item] : packs) draw(*item, validity <= 31);
}

}  // namespace

Bill make_bill(const Market& market, const Usage& usage) {
  if (usage.needs.empty()) throw Error::bad_input(usage.path + ": no needs");
  std::vector<Resolved> accounts;
  std::map<std::pair<const Provider*, Region>, std::size_t> by_account;
  for (const auto& a : usage.accounts) {
    Resolved r = resolve(market, a);
    if (!by_account.emplace(std::make_pair(r.provider, a.region), accounts.size()).second) {
      fail_at(a.where, fmt::format("a second [[account]] for {}; put everything it buys in one", r.label));
    }
    accounts.push_back(std::move(r));
  }

  Bill bill;
  const bool all_cn = std::all_of(usage.accounts.begin(), usage.accounts.end(),
                                  [](const UsageAccount& a) { return a.region == Region::CN; });
  bill.currency = market.display.value_or(all_cn ? Currency::CNY : Currency::USD);
  auto in = [&](const Amount& a) { return market.value_in(a, bill.currency); };

  NeedRequest request;
  for (const auto& n : usage.needs) {
    request.needs.push_back(n.need);
    bill.seconds_a_month += static_cast<std::int64_t>(n.need.count) * n.need.seconds;
  }
  request.free_credits = std::any_of(usage.accounts.begin(), usage.accounts.end(),
                                     [](const UsageAccount& a) { return a.free_credits; });
  // Every account of the market, as `recommend` sees it; the ones the file does not buy are then
  // emptied, and the others hold just what it buys, already paid for.
  const NeedProblem market_problem = build_need_problem(market, request, bill.currency);
  NeedProblem b = market_problem;
  std::vector<Prepaid> prepaid(b.problem.accounts.size());
  std::vector<int> resolved_of(b.problem.accounts.size(), -1);
  for (std::size_t i = 0; i < b.problem.accounts.size(); ++i) {
    opt::Account& a = b.problem.accounts[i];
    const AccountInfo& info = b.accounts[i];
    const auto found = by_account.find({info.provider, info.region});
    const std::optional<Rational> unit_price = a.unit_price;
    a.plans.clear();
    a.packs.clear();
    a.unit_packs.clear();
    a.unit_price.reset();
    if (found == by_account.end()) {
      a.free_credits_per_month = 0;
      continue;
    }
    const Resolved& r = accounts[found->second];
    resolved_of[i] = static_cast<int>(found->second);
    Prepaid& pp = prepaid[i];
    if (r.plan) {
      pp.credit_cost += in(r.plan_price->amount) / Rational(r.plan->months());
      pp.plan_credits = as_count(*r.plan->credits_per_month.value, kMaxBought).value_or(0);
    }
    for (const auto& [pack, count] : r.packs) {
      pp.credit_cost += in(pack->price) * Rational(count);
      pp.pack_credits += as_count((*pack->credits.value + pack->bonus_credits) * count, kMaxBought).value_or(0);
    }
    for (const auto& [pack, count] : r.api_packs) {
      pp.unit_cost += in(pack->price) * Rational(count);
      pp.units += as_count(pack->units * info.unit_scale * count, kMaxBought).value_or(0);
    }
    if (!r.usage->free_credits) a.free_credits_per_month = 0;
    pp.free_credits = a.free_credits_per_month;
    // What is bought is already paid for: it costs the search nothing, so it serves first.
    if (pp.plan_credits + pp.pack_credits > 0) a.plans.push_back({"bought", Rational(0), pp.plan_credits + pp.pack_credits});
    if (pp.units > 0 && !info.unit_packs.empty()) {
      a.unit_packs.push_back({"bought", Rational(0), pp.units, 0, 1});
      if (r.usage->api) a.unit_price = unit_price;
    }
  }
  for (std::size_t l = 0; l < b.problem.lines.size(); ++l) {
    auto& candidates = b.problem.lines[l].candidates;
    auto& infos = b.candidates[l];
    for (std::size_t c = candidates.size(); c-- > 0;) {
      opt::Candidate& cand = candidates[c];
      const auto ai = static_cast<std::size_t>(cand.account);
      const opt::Account& a = b.problem.accounts[ai];
      const bool bought = resolved_of[ai] >= 0;
      if (!bought || (a.plans.empty() && a.free_credits_per_month == 0)) cand.credits_per_clip.reset();
      if (!bought || !accounts[static_cast<std::size_t>(resolved_of[ai])].usage->api) cand.api_per_clip.reset();
      if (a.unit_packs.empty()) cand.units_per_clip.reset();
      if (cand.credits_per_clip || cand.api_per_clip || cand.units_per_clip) continue;
      candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(c));
      infos.erase(infos.begin() + static_cast<std::ptrdiff_t>(c));
    }
    if (candidates.empty()) {
      const UsageNeed& n = usage.needs[l];
      fail_at(n.where, fmt::format("need '{}': nothing the usage file buys can make it; it can be made on {}",
                                   n.need.text, servers_of(market_problem, l)));
    }
  }

  const auto solution = narrowed([&] { return opt::optimise(b.problem); });
  if (!solution) {
    for (std::size_t l = 0; l < b.problem.lines.size(); ++l) {
      opt::Problem alone = b.problem;
      alone.lines = {b.problem.lines[l]};
      if (!narrowed([&] { return opt::optimise(alone); })) {
        const UsageNeed& n = usage.needs[l];
        fail_at(n.where, fmt::format("need '{}' is more than the credits and units bought a month; buy more packs, "
                                     "or set api = true on the account to pay for the rest as you go",
                                     n.need.text));
      }
    }
    fail_at({usage.path, 1, 1}, "the needs together are more than the credits and units bought a month; buy more "
                                "packs, or set api = true on an account to pay for the rest as you go");
  }
  bill.proven = solution->proven;

  auto note_inferred = [&](const std::vector<std::string>& names) {
    for (const auto& n : names) {
      if (std::find(bill.inferred.begin(), bill.inferred.end(), n) == bill.inferred.end()) bill.inferred.push_back(n);
    }
  };
  // The lines: clips by channel, credits and units used, pay-as-you-go spent.
  std::vector<Rational> account_credits(b.problem.accounts.size(), 0), account_units(b.problem.accounts.size(), 0),
      account_api(b.problem.accounts.size(), 0);
  std::vector<Rational> line_api(b.problem.lines.size(), 0);
  for (std::size_t l = 0; l < b.problem.lines.size(); ++l) {
    const auto& line = b.problem.lines[l];
    const auto& lu = solution->lines[l];
    const auto& c = line.candidates[static_cast<std::size_t>(lu.candidate)];
    const CandidateInfo& ci = b.candidates[l][static_cast<std::size_t>(lu.candidate)];
    const auto ai = static_cast<std::size_t>(c.account);
    BillLine out;
    out.need = line.text;
    out.generation = c.generation;
    out.account = b.problem.accounts[ai].label;
    out.count = line.count;
    out.app_clips = lu.app_clips;
    out.unit_clips = lu.unit_clips;
    out.api_clips = lu.api_clips;
    out.credits = Rational(lu.app_clips) * Rational(c.credits_per_clip.value_or(0));
    out.units = ci.units_per_clip ? Rational(lu.unit_clips) * *ci.units_per_clip : Rational(0);
    line_api[l] = c.api_per_clip ? Rational(lu.api_clips) * *c.api_per_clip : Rational(0);
    account_credits[ai] += out.credits;
    account_units[ai] += out.units * b.accounts[ai].unit_scale;
    account_api[ai] += line_api[l];
    if (lu.app_clips > 0) {
      out.trust.merge(ci.app_trust);
      note_inferred(ci.app_inferred);
    }
    if (lu.api_clips > 0 || (lu.unit_clips > 0 && b.problem.accounts[ai].unit_price)) {
      out.trust.merge(ci.api_trust);
      note_inferred(ci.api_inferred);
    }
    if (lu.unit_clips > 0) {
      out.trust.merge(ci.unit_trust);
      note_inferred(ci.unit_inferred);
    }
    bill.lines.push_back(std::move(out));
  }

  // The accounts: what each buys, in the file's order, with what the lines drew on it.
  std::vector<Rational> credit_share(b.problem.accounts.size(), 0), unit_share(b.problem.accounts.size(), 0),
      unit_payg(b.problem.accounts.size(), 0);
  for (std::size_t ri = 0; ri < accounts.size(); ++ri) {
    const Resolved& r = accounts[ri];
    const auto ai = static_cast<std::size_t>(std::find(resolved_of.begin(), resolved_of.end(), static_cast<int>(ri)) -
                                             resolved_of.begin());
    const bool in_problem = ai < resolved_of.size();
    const Prepaid pp = in_problem ? prepaid[ai] : Prepaid{};
    const opt::AccountUse* use = nullptr;
    if (in_problem) {
      for (const auto& u : solution->accounts) {
        if (static_cast<std::size_t>(u.account) == ai) use = &u;
      }
    }
    const std::size_t first = bill.items.size();
    if (r.usage->free_credits && pp.free_credits > 0) {
      BillItem item{BillItem::Kind::Free, r.label, "daily", "free daily credits", 1, "month", Rational(0),
                    std::nullopt, Rational(pp.free_credits), {}, {}, {}, "credits", {}};
      if (const FreeCredits* free = free_credits_on(*r.provider, market.date)) {
        item.trust.add(free->provenance, fmt::format("free credits of {}", r.label));
      }
      bill.items.push_back(std::move(item));
    }
    if (r.plan) {
      BillItem item{BillItem::Kind::Plan, r.label, r.plan->id, r.plan->name, 1, "month",
                    in(r.plan_price->amount) / Rational(r.plan->months()), r.plan_price->amount,
                    Rational(pp.plan_credits), {}, {}, {}, "credits", {}};
      if (r.plan->months() > 1) item.unit = fmt::format("month (1/{} of a {})", r.plan->months(), billing_name(r.plan->billing));
      item.trust.add(r.plan->provenance, fmt::format("plan {} of {}", r.plan->id, r.label));
      if (r.plan->provenance.inferred) note_inferred({fmt::format("plan {} of {}", r.plan->id, r.label)});
      bill.items.push_back(std::move(item));
    }
    for (const auto& [pack, count] : r.packs) {
      BillItem item{BillItem::Kind::Pack, r.label, pack->id, pack->name, count, "pack", in(pack->price) * Rational(count),
                    pack->price, (*pack->credits.value + pack->bonus_credits) * count, {}, {}, {}, "credits", {}};
      item.trust.add(pack->provenance, fmt::format("pack {} of {}", pack->id, r.label));
      if (pack->provenance.inferred) note_inferred({fmt::format("pack {} of {}", pack->id, r.label)});
      bill.items.push_back(std::move(item));
    }
    draw_credits(bill.items, first, r, use ? use->credits_used_per_month : 0);
    Rational units_left = in_problem ? std::min(account_units[ai], Rational(pp.units)) : Rational(0);
    for (const auto& [pack, count] : r.api_packs) {
      const Rational bought = pack->units * count;
      BillItem item{BillItem::Kind::ApiPack, r.label, pack->id, pack->name, count, "pack",
                    in(pack->price) * Rational(count), pack->price, bought, {}, {}, {}, "units", {}};
      const Rational used_here = std::min(bought, units_left / (in_problem ? b.accounts[ai].unit_scale : Rational(1)));
      units_left -= used_here * (in_problem ? b.accounts[ai].unit_scale : Rational(1));
      item.used = used_here;
      item.left = bought - used_here;
      item.expiring = pack->validity_days && *pack->validity_days <= 31 ? bought - used_here : Rational(0);
      item.trust.add(pack->provenance, fmt::format("API pack {} of {}", pack->id, r.label));
      if (pack->provenance.inferred) note_inferred({fmt::format("API pack {} of {}", pack->id, r.label)});
      bill.items.push_back(std::move(item));
    }
    if (use && use->api_cost > 0) {
      std::int64_t clips = 0;
      Trust trust;
      for (std::size_t l = 0; l < bill.lines.size(); ++l) {
        const auto& c = b.problem.lines[l].candidates[static_cast<std::size_t>(solution->lines[l].candidate)];
        if (static_cast<std::size_t>(c.account) != ai) continue;
        const std::int64_t n = bill.lines[l].api_clips + (b.problem.accounts[ai].unit_price ? bill.lines[l].unit_clips : 0);
        clips += n;
        if (n > 0) trust.merge(b.candidates[l][static_cast<std::size_t>(solution->lines[l].candidate)].api_trust);
      }
      bill.items.push_back({BillItem::Kind::Api, r.label, "", "pay-as-you-go API", clips, "clip", use->api_cost,
                            std::nullopt, std::nullopt, {}, {}, {}, "", trust});
    }
    // Shares of the prepaid spend: the bought credits (units) used, over those bought.
    if (in_problem) {
      const std::int64_t bought_credits = pp.plan_credits + pp.pack_credits;
      const std::int64_t used_bought = use ? std::max<std::int64_t>(0, use->credits_used_per_month - use->free_used_per_month) : 0;
      if (bought_credits > 0) credit_share[ai] = pp.credit_cost * Rational(std::min(used_bought, bought_credits)) / Rational(bought_credits);
      if (pp.units > 0) unit_share[ai] = pp.unit_cost * std::min(account_units[ai], Rational(pp.units)) / Rational(pp.units);
      if (use) unit_payg[ai] = use->api_cost - account_api[ai];
      const Rational unused = pp.credit_cost - credit_share[ai] + pp.unit_cost - unit_share[ai];
      if (unused > 0) {
        bill.items.push_back({BillItem::Kind::Unused, r.label, "", "paid for, not used", 1, "month", unused,
                              std::nullopt, std::nullopt, {}, {}, {}, "", {}});
      }
    }
  }

  // Each line's cost: its pay-as-you-go plus its share of what its account prepaid and used.
  for (std::size_t l = 0; l < bill.lines.size(); ++l) {
    BillLine& line = bill.lines[l];
    const auto ai = static_cast<std::size_t>(
        b.problem.lines[l].candidates[static_cast<std::size_t>(solution->lines[l].candidate)].account);
    line.cost = line_api[l];
    if (account_credits[ai] > 0) line.cost += credit_share[ai] * line.credits / account_credits[ai];
    const Rational units = line.units * b.accounts[ai].unit_scale;
    if (account_units[ai] > 0) line.cost += (unit_share[ai] + unit_payg[ai]) * units / account_units[ai];
    line.per_second = line.cost / Rational(static_cast<std::int64_t>(line.count) * usage.needs[l].need.seconds);
  }
  bill.total = 0;
  for (const auto& item : bill.items) {
    if (item.kind != BillItem::Kind::Unused) bill.total += item.amount;
    bill.trust.merge(item.trust);
  }
  for (const auto& line : bill.lines) bill.trust.merge(line.trust);
  bill.per_second = bill.total / Rational(bill.seconds_a_month);

  // What `recommend` pays for the same needs in the same market and currency.
  Market same = market;
  same.display = bill.currency;
  try {
    RecommendRequest rec;
    rec.needs = request.needs;
    rec.free_credits = request.free_credits;
    const RecommendResult best = recommend(same, rec);
    bill.recommended = best.best;
    bill.saving = bill.total - best.best.total;
  } catch (const Error& e) {
    bill.recommend_note = e.what();
  }
  return bill;
}

}  // namespace vidcost
