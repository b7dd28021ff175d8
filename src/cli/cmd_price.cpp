// `vidcost price SPEC`: the per-second price of one generation on each offer (or one chosen
// offer), with the figures it came from.
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "pricing/price.h"

namespace vidcost {
namespace {

struct PriceOptions {
  std::string spec, plan, pack, api_pack, utilization;
  bool api = false;
};

PriceRequest to_request(const PriceOptions& o, const Settings& settings) {
  PriceRequest r;
  r.spec = parse_spec_pattern(o.spec);
  if (!o.plan.empty()) r.offer = {OfferKind::Plan, o.plan};
  if (!o.pack.empty()) r.offer = {OfferKind::Pack, o.pack};
  if (!o.api_pack.empty()) r.offer = {OfferKind::ApiPack, o.api_pack};
  if (o.api) r.offer = {OfferKind::Api, ""};
  if (!r.offer.kind && settings.plan) r.offer = {OfferKind::Plan, *settings.plan};
  r.utilization = o.utilization.empty() ? settings.utilization.value_or(1) : parse_utilization(o.utilization);
  return r;
}

int run_price(Context& ctx, const PriceOptions& o) {
  const PriceRequest request = to_request(o, ctx.options);
  const Market market = ctx.market();
  PriceResult result = price(market, request);
  ctx.render_market(quote_table({std::move(result.quotes), {}, std::move(result.unsold)}, market, QuoteView::Price));
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
