// `vidcost recommend NEED...`: the cheapest way to pay for a monthly need of clips, exactly,
// over plans, credit packs, free credits and pay-as-you-go APIs (rules in pricing/optimise.h).
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/recommend_view.h"
#include "pricing/recommend.h"

namespace vidcost {
namespace {

struct RecommendOptions {
  std::vector<std::string> needs, providers, offers;
  int months = 1;
  bool free = false, no_free = false;
};

RecommendRequest to_request(const RecommendOptions& o) {
  RecommendRequest r;
  if (o.needs.empty()) throw Error::bad_input("recommend needs at least one NEED, such as 40xkling/2.1/pro@10s");
  for (const auto& text : o.needs) r.needs.push_back(parse_need(text));
  r.providers = o.providers;
  if (o.months < 1 || o.months > 120) throw Error::bad_input("--months must be between 1 and 120");
  r.months = o.months;
  if (o.free && o.no_free) throw Error::bad_input("--free and --no-free contradict each other");
  r.free_credits = o.free;
  r.offers = OfferFilter::parse(o.offers);
  return r;
}

int run_recommend(Context& ctx, const RecommendOptions& o) {
  const RecommendRequest request = to_request(o);
  const Market market = ctx.market();
  const RecommendResult result = recommend(market, request);
  if (ctx.render_options().format == Format::Json) {
    ctx.out << recommend_json(result, market, what_if_labels(ctx.options));
    return kExitOk;
  }
  ctx.render_market(recommend_table(result, market));
  return kExitOk;
}

}  // namespace

void attach_recommend(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("recommend", "The cheapest way to pay for a monthly need of clips, exactly");
  auto o = fresh_options<RecommendOptions>(cmd);
  cmd->add_option("need", o->needs, "COUNTxSPEC (40xkling/2.1/pro@10s) or COUNTx@DURATION:RESOLUTION (40x@10s:1080p)")
      ->required();
  cmd->add_option("--provider,-p", o->providers, "Only these providers (repeatable, or comma-separated)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  cmd->add_option("--offer", o->offers,
                  "Only these kinds of offer: api (pay-as-you-go), api-pack (API unit packs), app (plans and packs), "
                  "plan, pack (repeatable; --offer api --offer api-pack is a reseller's view)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  cmd->add_option("--months,-m", o->months, "Months the need lasts (default 1); annual plans need 12 or more");
  cmd->add_flag("--free", o->free, "Count free daily credits (low confidence: not on the official pages)");
  cmd->add_flag("--no-free", o->no_free, "Leave out free daily credits (the default)");
  cmd->footer("Examples: vidcost recommend 40xkling/2.1/pro@10s 100x@5s:720p --region intl\n"
              "          vidcost recommend 2000x@5s:1080p --offer api --offer api-pack --format json");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_recommend(ctx, *o); }; });
}

}  // namespace vidcost
