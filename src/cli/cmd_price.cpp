// `vidcost price SPEC`: the per-second price of one generation on each offer (or one chosen
// offer), with the figures it came from.
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/errors.h"
#include "core/text.h"

namespace vidcost {
namespace {

struct PriceOptions {
  std::string spec;
  std::string plan;
  std::string pack;
  std::string api_pack;
  bool api = false;
  std::string utilization = "1";
};

template <typename T>
std::vector<std::string> ids_at(const std::vector<T>& items, const Date& as_of) {
  std::vector<std::string> ids;
  for (const auto& item : items) {
    if (item.provenance.effective.contains(as_of)) ids.push_back(item.id);
  }
  return ids;
}

int run_price(Context& ctx, const PriceOptions& o) {
  const Catalog& catalog = ctx.catalog();
  QuoteOptions qo{ctx.as_of(), parse_utilization(o.utilization), ctx.region(), std::nullopt};
  ctx.display_currency();  // validate before any output
  ctx.render_options();
  const auto generations = resolve_generations(catalog, parse_spec_pattern(o.spec), qo.as_of, true);
  std::vector<Quote> quotes;
  for (const auto& g : generations) {
    const Provider& p = *g.provider;
    if (!o.plan.empty()) {
      const Plan* plan = find_plan(p, o.plan, qo.as_of);
      if (!plan) {
        throw UsageError(fmt::format("unknown plan '{}' of {}{}; plans: {}", o.plan, p.id,
                                     did_you_mean(o.plan, ids_at(p.plans, qo.as_of)),
                                     fmt::join(ids_at(p.plans, qo.as_of), ", ")));
      }
      if (!g.mode->in_app) throw UsageError(fmt::format("{} is sold only through the API, not on plans", g.spec()));
      quotes.push_back(quote_plan(g, *plan, qo));
    } else if (!o.pack.empty()) {
      const Pack* pack = find_pack(p, o.pack, qo.as_of);
      if (!pack) {
        throw UsageError(fmt::format("unknown pack '{}' of {}{}; packs: {}", o.pack, p.id,
                                     did_you_mean(o.pack, ids_at(p.packs, qo.as_of)),
                                     fmt::join(ids_at(p.packs, qo.as_of), ", ")));
      }
      if (!g.mode->in_app) throw UsageError(fmt::format("{} is sold only through the API, not in packs", g.spec()));
      quotes.push_back(quote_pack(g, *pack, qo));
    } else if (!o.api_pack.empty()) {
      const ApiPack* pack = find_api_pack(p, o.api_pack, qo.as_of);
      if (!pack) {
        throw UsageError(fmt::format("unknown API pack '{}' of {}{}; API packs: {}", o.api_pack, p.id,
                                     did_you_mean(o.api_pack, ids_at(p.api_packs, qo.as_of)),
                                     fmt::join(ids_at(p.api_packs, qo.as_of), ", ")));
      }
      auto q = quote_api_pack(g, *pack, qo);
      if (!q) throw UsageError(fmt::format("API pack '{}' does not cover {}", o.api_pack, g.spec()));
      quotes.push_back(std::move(*q));
    } else {
      QuoteOptions only = qo;
      if (o.api) only.kind = OfferKind::Api;
      for (auto& q : quote_all(g, only)) quotes.push_back(std::move(q));
    }
  }
  if (quotes.empty()) {
    throw UsageError(fmt::format("no offer of the catalog prices {}{}", o.spec,
                                 qo.region ? fmt::format(" in region {}", region_name(*qo.region)) : ""));
  }
  ctx.render_market(quote_table(quotes, ctx, QuoteView::Price));
  return kExitOk;
}

}  // namespace

void attach_price(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("price", "Per-second price of one generation on each offer, with its derivation");
  auto o = fresh_options<PriceOptions>(cmd);
  cmd->add_option("spec", o->spec, "provider/model/mode[@DURATION], e.g. kling/2.1/pro@5s")->required();
  auto* plan = cmd->add_option("--plan", o->plan, "Only this subscription plan (id or alias)");
  auto* pack = cmd->add_option("--pack", o->pack, "Only this credit top-up pack");
  auto* api_pack = cmd->add_option("--api-pack", o->api_pack, "Only this prepaid API unit pack");
  auto* api = cmd->add_flag("--api", o->api, "Only pay-as-you-go API prices");
  plan->excludes(pack)->excludes(api_pack)->excludes(api);
  pack->excludes(api_pack)->excludes(api);
  api_pack->excludes(api);
  cmd->add_option("--utilization,-u", o->utilization,
                  "Share of bought credits actually spent, in (0, 1] (default 1): price / U");
  cmd->footer("Example: vidcost price kling/2.1/pro@5s --plan pro");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_price(ctx, *o); }; });
}

}  // namespace vidcost
