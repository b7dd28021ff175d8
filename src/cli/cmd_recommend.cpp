// `vidcost recommend NEED...`: the cheapest way to pay for a monthly need of clips, exactly,
// over plans, credit packs, free credits and pay-as-you-go APIs (rules in pricing/optimise.h).
#include <memory>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/errors.h"
#include "core/text.h"
#include "pricing/optimise.h"
#include "pricing/quote.h"
#include "pricing/spec.h"

namespace vidcost {
namespace {

namespace opt = optimiser;

struct RecommendOptions {
  std::vector<std::string> needs;
  std::vector<std::string> providers;
  int months = 1;
  bool no_free = false;
};

// "40xkling/2.1/pro@10s" or "40x@10s:1080p".
struct Need {
  std::string text;
  int count = 0;
  std::optional<SpecPattern> spec;
  int seconds = 0;
  std::string resolution;  // generic needs only; empty: any
};

Need parse_need(const std::string& text) {
  Need n;
  n.text = text;
  const auto x = text.find('x');
  const std::string count = x == std::string::npos ? "" : text.substr(0, x);
  if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos || count.size() > 6) {
    throw UsageError(fmt::format("need '{}': write COUNTxSPEC (40xkling/2.1/pro@10s) or COUNTx@DURATION:RESOLUTION "
                                 "(40x@10s:1080p)",
                                 text));
  }
  n.count = std::stoi(count);
  if (n.count == 0) throw UsageError(fmt::format("need '{}': the count of clips must be at least 1", text));
  const std::string rest = text.substr(x + 1);
  if (!rest.empty() && rest[0] == '@') {
    const auto colon = rest.find(':');
    n.seconds = parse_duration(rest.substr(1, colon == std::string::npos ? std::string::npos : colon - 1));
    if (colon != std::string::npos) n.resolution = ascii_lower(rest.substr(colon + 1));
    if (colon != std::string::npos && n.resolution.empty()) {
      throw UsageError(fmt::format("need '{}': give a resolution after ':', such as 1080p", text));
    }
    return n;
  }
  n.spec = parse_spec_pattern(rest);
  if (!n.spec->seconds) {
    throw UsageError(fmt::format("need '{}': give the clip length, as in {}@5s", text, rest));
  }
  n.seconds = *n.spec->seconds;
  return n;
}

// The problem in the result currency, and what each index of it stands for.
struct Built {
  opt::Problem problem;
  Currency currency = Currency::USD;
  std::vector<const Provider*> account_provider;
  std::vector<Region> account_region;
  std::vector<std::vector<std::string>> plan_names, pack_names;
  std::vector<std::vector<std::string>> plan_periods;  // "12 months", "1 year"
  std::int64_t seconds_a_month = 0;
  std::vector<std::string> notes;
};

std::optional<std::int64_t> whole(const Rational& r) {
  if (denominator(r) != 1 || r < 0 || r > Rational(1'000'000'000)) return std::nullopt;
  return static_cast<std::int64_t>(numerator(r));
}

Built build(Context& ctx, const RecommendOptions& o, const std::vector<Need>& needs) {
  const Catalog& catalog = ctx.catalog();
  const Date as_of = ctx.as_of();
  const auto region = ctx.region();
  Built b;
  b.currency = ctx.display_currency().value_or(region == Region::CN ? Currency::CNY : Currency::USD);
  b.problem.months = o.months;
  auto in = [&](const Amount& a) { return catalog.fx.convert(a, b.currency, as_of).amount.value; };

  std::vector<const Provider*> providers;
  for (const auto& name : o.providers) {
    const Provider* p = catalog.find_provider(name);
    if (!p) throw UsageError(fmt::format("unknown provider '{}'{}", name, did_you_mean(name, catalog.provider_ids())));
    providers.push_back(p);
  }
  if (providers.empty()) {
    for (const auto& p : catalog.providers) providers.push_back(&p);
  }

  // Accounts: each provider in each market.
  std::map<std::pair<const Provider*, Region>, int> account_index;
  for (const Provider* p : providers) {
    for (Region r : {Region::CN, Region::Intl}) {
      if (region && *region != r) continue;
      opt::Account a{p->id, fmt::format("{} ({})", p->id, region_name(r)), {}, {}, 0};
      std::vector<std::string> plan_names, pack_names, plan_periods;
      for (const auto& plan : p->plans) {
        if (plan.region != r || !plan.provenance.effective.contains(as_of) || !plan.price.known() ||
            !plan.credits_per_month.known()) {
          continue;
        }
        if (plan.billing == Billing::Year && o.months < 12) continue;  // the commitment is longer than the need
        const auto credits = whole(*plan.credits_per_month.value);
        if (!credits) continue;
        const int periods = plan.billing == Billing::Year ? (o.months + 11) / 12 : o.months;
        a.plans.push_back({plan.id, in(*plan.price.value) * periods, *credits});
        plan_names.push_back(plan.name);
        plan_periods.push_back(fmt::format("{} {}{}", periods, plan.billing == Billing::Year ? "year" : "month",
                                           periods == 1 ? "" : "s"));
      }
      for (const auto& pack : p->packs) {
        if (pack.region != r || !pack.provenance.effective.contains(as_of) || !pack.credits.known()) continue;
        if (pack.validity_days && *pack.validity_days < 30 * o.months) continue;  // must last the horizon
        const auto credits = whole(*pack.credits.value + pack.bonus_credits);
        if (!credits || *credits == 0) continue;
        a.packs.push_back({pack.id, in(pack.price), *credits});
        pack_names.push_back(pack.name);
      }
      if (!o.no_free && p->free && p->free->provenance.effective.contains(as_of)) {
        a.free_credits_per_month = whole(p->free->daily_credits * 30).value_or(0);
      }
      account_index[{p, r}] = static_cast<int>(b.problem.accounts.size());
      b.problem.accounts.push_back(std::move(a));
      b.account_provider.push_back(p);
      b.account_region.push_back(r);
      b.plan_names.push_back(plan_names);
      b.plan_periods.push_back(plan_periods);
      b.pack_names.push_back(pack_names);
    }
  }

  QuoteOptions qo{as_of, 1, std::nullopt, OfferKind::Api};
  for (const Need& need : needs) {
    std::vector<Generation> gens;
    if (need.spec) {
      gens = resolve_generations(catalog, *need.spec, as_of, false);
      if (need.spec->provider && !o.providers.empty() &&
          std::none_of(providers.begin(), providers.end(),
                       [&](const Provider* p) { return p == catalog.find_provider(*need.spec->provider); })) {
        throw UsageError(fmt::format("need '{}' names a provider that --provider leaves out", need.text));
      }
      if (gens.empty()) resolve_generations(catalog, *need.spec, as_of, true);  // throws a did-you-mean
    } else {
      for (const auto& g : resolve_generations(catalog, SpecPattern{std::nullopt, std::nullopt, std::nullopt,
                                                                    need.seconds},
                                               as_of, false)) {
        if (need.resolution.empty() || ascii_lower(g.mode->resolution) == need.resolution) gens.push_back(g);
      }
    }
    opt::Line line{need.text, need.count, {}};
    std::set<std::string> seen;  // an account and its two prices: identical candidates add nothing
    for (const auto& g : gens) {
      for (Region r : {Region::CN, Region::Intl}) {
        auto it = account_index.find({g.provider, r});
        if (it == account_index.end()) continue;
        opt::Candidate c{it->second, g.spec(), std::nullopt, std::nullopt, g.seconds};
        if (g.mode->in_app && g.mode->credits.known()) {
          auto found = g.mode->credits.value->find(g.seconds);
          if (found != g.mode->credits.value->end()) c.credits_per_clip = whole(found->second);
        }
        for (const auto& offer : g.provider->apis) {
          if (offer.region != r || !offer.provenance.effective.contains(as_of)) continue;
          auto q = quote_api(g, offer, qo);
          if (!q || !q->clip_price) continue;
          const Rational price = in(*q->clip_price);
          if (!c.api_per_clip || price < *c.api_per_clip) c.api_per_clip = price;
        }
        if (!c.credits_per_clip && !c.api_per_clip) continue;
        const std::string key = fmt::format("{}|{}|{}", c.account, c.credits_per_clip.value_or(-1),
                                            c.api_per_clip ? format_exact(*c.api_per_clip) : "-");
        if (seen.insert(key).second) line.candidates.push_back(std::move(c));
      }
    }
    if (line.candidates.empty()) {
      const std::string what = need.spec ? need.spec->to_string()
                                         : fmt::format("@{}s{}", need.seconds,
                                                       need.resolution.empty() ? "" : ":" + need.resolution);
      throw UsageError(fmt::format("need '{}': {}", need.text,
                                  gens.empty() ? fmt::format("no generation in the catalog matches {}", what)
                                               : fmt::format("no offer{} prices {} (credits or API price unknown)",
                                                             region ? " in region " + std::string(region_name(*region))
                                                                    : "",
                                                             what)));
    }
    b.seconds_a_month += static_cast<std::int64_t>(need.count) * need.seconds;
    b.problem.lines.push_back(std::move(line));
  }
  return b;
}

std::string money(const Rational& r) { return format_fixed(r, 2); }

// "kling (intl): plan ultra, 2 x topup-100, 12 API clips"
std::string summary(const Built& b, const opt::Solution& s) {
  std::vector<std::string> parts;
  for (const auto& use : s.accounts) {
    const opt::Account& a = b.problem.accounts[static_cast<std::size_t>(use.account)];
    std::vector<std::string> items;
    if (use.plan >= 0) items.push_back("plan " + a.plans[static_cast<std::size_t>(use.plan)].id);
    for (std::size_t k = 0; k < use.packs.size(); ++k) {
      if (use.packs[k] > 0) items.push_back(fmt::format("{} x {}", use.packs[k], a.packs[k].id));
    }
    if (use.free_used_per_month > 0) items.push_back("free credits");
    int api = 0;
    for (std::size_t l = 0; l < s.lines.size(); ++l) {
      const auto& line = b.problem.lines[l];
      if (line.candidates[static_cast<std::size_t>(s.lines[l].candidate)].account == use.account) {
        api += s.lines[l].api_clips;
      }
    }
    if (api > 0) items.push_back(fmt::format("{} API clip{} a month", api, api == 1 ? "" : "s"));
    parts.push_back(fmt::format("{}: {}", a.label, fmt::join(items, ", ")));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

struct Rows {
  Table& t;
  const Built& b;
  std::string code;

  void add(const std::string& section, const std::string& account, const std::string& item, const std::string& id,
           const std::string& name, Cell quantity, const std::optional<Rational>& amount, const std::string& detail) {
    t.add_row({Cell::of(section), account.empty() ? Cell::null() : Cell::of(account), Cell::of(item),
               id.empty() ? Cell::null() : Cell::of(id), name.empty() ? Cell::null() : Cell::of(name),
               std::move(quantity), amount ? Cell::number(money(*amount)) : Cell::null(),
               amount ? Cell::of(code) : Cell::null(), detail.empty() ? Cell::null() : Cell::of(detail)});
  }

  void total(const std::string& section, const opt::Solution& s) {
    const Rational per_second = s.total / Rational(b.seconds_a_month * b.problem.months);
    add(section, "", "total", "", "", Cell::null(), s.total,
        fmt::format("{}; {} {}/s over {} s; {} unused credits", summary(b, s), code, format_fixed(per_second, 4),
                    b.seconds_a_month * b.problem.months, s.unused_credits));
  }

  void detailed(const std::string& section, const opt::Solution& s) {
    for (const auto& use : s.accounts) {
      const auto ai = static_cast<std::size_t>(use.account);
      const opt::Account& a = b.problem.accounts[ai];
      if (use.plan >= 0) {
        const auto pi = static_cast<std::size_t>(use.plan);
        add(section, a.label, "plan", a.plans[pi].id, b.plan_names[ai][pi], Cell::of(b.plan_periods[ai][pi]),
            use.plan_cost, fmt::format("{} credits a month, expire monthly", a.plans[pi].credits_per_month));
      }
      for (std::size_t k = 0; k < use.packs.size(); ++k) {
        if (use.packs[k] == 0) continue;
        add(section, a.label, "pack", a.packs[k].id, b.pack_names[ai][k], Cell::of(use.packs[k]),
            a.packs[k].price * use.packs[k], fmt::format("{} credits each", a.packs[k].credits));
      }
      if (use.free_used_per_month > 0) {
        add(section, a.label, "free", "daily", "free daily credits", Cell::of(use.free_used_per_month),
            Rational(0), "credits used a month");
      }
      if (use.api_cost > 0) {
        add(section, a.label, "api", "", "pay-as-you-go API", Cell::null(), use.api_cost, "");
      }
    }
    for (std::size_t l = 0; l < s.lines.size(); ++l) {
      const auto& line = b.problem.lines[l];
      const auto& c = line.candidates[static_cast<std::size_t>(s.lines[l].candidate)];
      std::vector<std::string> how;
      if (s.lines[l].app_clips > 0) {
        how.push_back(fmt::format("{} in the app ({} credits each)", s.lines[l].app_clips, *c.credits_per_clip));
      }
      if (s.lines[l].api_clips > 0) {
        how.push_back(fmt::format("{} on the API ({} {} each)", s.lines[l].api_clips, code,
                                  format_fixed(*c.api_per_clip, 4)));
      }
      add(section, b.problem.accounts[static_cast<std::size_t>(c.account)].label, "line", c.generation, line.text,
          Cell::of(line.count), std::nullopt, fmt::format("{} a month", fmt::join(how, ", ")));
    }
    total(section, s);
  }
};

opt::Problem only_provider(const opt::Problem& p, const std::string& provider) {
  opt::Problem q = p;
  for (auto& line : q.lines) {
    std::vector<opt::Candidate> kept;
    for (const auto& c : line.candidates) {
      if (p.accounts[static_cast<std::size_t>(c.account)].provider == provider) kept.push_back(c);
    }
    line.candidates = std::move(kept);
    if (line.candidates.empty()) return {};
  }
  return q;
}

int run_recommend(Context& ctx, const RecommendOptions& o) {
  if (o.needs.empty()) throw UsageError("recommend needs at least one NEED, such as 40xkling/2.1/pro@10s");
  if (o.months < 1 || o.months > 120) throw UsageError("--months must be between 1 and 120");
  ctx.render_options();
  std::vector<Need> needs;
  for (const auto& text : o.needs) needs.push_back(parse_need(text));
  const Built b = build(ctx, o, needs);

  std::optional<opt::Solution> best;
  try {
    best = opt::optimise(b.problem);
  } catch (const std::length_error& e) {
    throw UsageError(e.what());
  }
  if (!best) {
    throw UsageError("no combination of the offers meets the whole need (a line may be sold only where another "
                     "cannot be; try --provider or --region)");
  }
  Table t;
  t.columns = {{"section"}, {"account"}, {"item"}, {"id"}, {"name", true, 24}, {"quantity"},
               {"amount"}, {"currency"}, {"detail", true, 90}};
  Rows rows{t, b, std::string(currency_code(b.currency))};
  rows.detailed("best", *best);

  // Each provider alone, when that says something the best choice does not: the best uses
  // several providers, or several could serve the whole need.
  std::set<std::string> providers;
  for (const auto& a : b.problem.accounts) providers.insert(a.provider);
  std::vector<std::pair<std::string, opt::Solution>> alone;
  for (const auto& provider : providers) {
    const opt::Problem only = only_provider(b.problem, provider);
    if (only.lines.empty()) continue;
    if (auto s = opt::optimise(only)) alone.emplace_back(provider, std::move(*s));
  }
  if (best->providers > 1 || alone.size() > 1) {
    for (const auto& [provider, s] : alone) rows.total("alone: " + provider, s);
  }
  // Alternatives that pay for a plan whose credits go unspent are not worth listing.
  int n = 0;
  for (const auto& alt : opt::alternatives(b.problem, *best, 20)) {
    const bool idle_plan = std::any_of(alt.accounts.begin(), alt.accounts.end(), [](const opt::AccountUse& u) {
      return u.plan >= 0 && u.credits_used_per_month <= u.free_used_per_month;
    });
    if (idle_plan) continue;
    rows.total(fmt::format("alternative {}", ++n), alt);
    if (n == 3) break;
  }

  t.footnotes.push_back(fmt::format(
      "The market as of {}, over {} month{}; amounts in {} at the catalog's rates. Plan and free credits expire "
      "monthly; packs must last the whole period. API unit packs are not considered (docs/recommendation.md).",
      ctx.as_of().to_string(), o.months, o.months == 1 ? "" : "s", rows.code));
  ctx.render_market(t);
  return kExitOk;
}

}  // namespace

void attach_recommend(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("recommend", "The cheapest way to pay for a monthly need of clips, exactly");
  auto o = fresh_options<RecommendOptions>(cmd);
  cmd->add_option("need", o->needs, "COUNTxSPEC (40xkling/2.1/pro@10s) or COUNTx@DURATION:RESOLUTION (40x@10s:1080p)")
      ->required();
  cmd->add_option("--provider,-p", o->providers, "Only these providers (repeatable)");
  cmd->add_option("--months,-m", o->months, "Months the need lasts (default 1); annual plans need 12 or more");
  cmd->add_flag("--no-free", o->no_free, "Leave out free daily credits (their generations are often queued)");
  cmd->footer("Example: vidcost recommend 40xkling/2.1/pro@10s 100x@5s:720p --region intl");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_recommend(ctx, *o); }; });
}

}  // namespace vidcost
