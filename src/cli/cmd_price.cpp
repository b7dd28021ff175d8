// `vidcost price SPEC`: the per-second price of one generation on each offer (or one chosen
// offer), with the figures it came from.
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "pricing/history.h"
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

// "Scheduled: plan pro (intl) from 2026-12-01: USD 0.0617/s -> 0.0666/s (+8.1%)." for each
// change the catalog records after the market date on an offer shown.
std::vector<std::string> scheduled_notes(const Market& market, const std::vector<Quote>& quotes) {
  std::vector<std::string> notes;
  std::set<std::string> generations, offers;
  for (const auto& q : quotes) offers.insert(fmt::format("{} {}", offer_kind_name(q.kind), q.offer_id));
  for (const auto& q : quotes) {
    const Generation& g = q.generation;
    if (!generations.insert(g.spec()).second) continue;
    const QuoteOptions options{market.date, q.utilization, market.region, std::nullopt, market.price_basis};
    for (const auto& row : scheduled_changes(*g.provider, *g.model, g.mode->id, g.seconds, options, market.date)) {
      const Quote& any = row.after ? *row.after : *row.before;
      const std::string offer = fmt::format("{} {}", offer_kind_name(any.kind), any.offer_id);
      if (!offers.count(offer)) continue;
      const std::string where = fmt::format("{} ({})", offer, region_name(any.region));
      if (row.event == HistoryEvent::Changed && row.before && row.after && row.before->priced() && row.after->priced()) {
        const Rational& was = row.before->price->per_second.value;
        const Rational& now = row.after->price->per_second.value;
        notes.push_back(fmt::format("Scheduled for {}: {} from {}: {} {}/s -> {}/s ({}{}%).", g.spec(), where,
                                    row.date->to_string(), currency_code(any.currency), format_fixed(was, 4),
                                    format_fixed(now, 4), now > was ? "+" : "",
                                    format_fixed(Rational((now - was) * 100 / was), 1)));
      } else if (row.event == HistoryEvent::Withdrawn) {
        notes.push_back(fmt::format("Scheduled for {}: {} ends on {}.", g.spec(), where, row.date->to_string()));
      }
    }
  }
  return notes;
}

int run_price(Context& ctx, const PriceOptions& o) {
  const PriceRequest request = to_request(o, ctx.options);
  const Market market = ctx.market();
  PriceResult result = price(market, request);
  // The scheduled changes are footnotes: CSV and JSON, which print none, skip working them out.
  const bool footnotes = ctx.prints_footnotes();
  const std::vector<std::string> scheduled = footnotes ? scheduled_notes(market, result.quotes) : std::vector<std::string>{};
  Table table = quote_table({rows_of(result.quotes), {}, std::move(result.unsold)}, market, QuoteView::Price,
                            PriceUnit::Second, footnotes);
  for (const auto& note : scheduled) table.footnotes.push_back(note);
  ctx.render_market(std::move(table));
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
