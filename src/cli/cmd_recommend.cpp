// `vidcost recommend NEED...`: the cheapest way to pay for a monthly need of clips, exactly,
// over plans, credit packs, free credits and pay-as-you-go APIs (rules in pricing/optimise.h).
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "pricing/recommend.h"

namespace vidcost {
namespace {

struct RecommendOptions {
  std::vector<std::string> needs, providers;
  int months = 1;
  bool no_free = false;
};

RecommendRequest to_request(const RecommendOptions& o) {
  RecommendRequest r;
  if (o.needs.empty()) throw Error::bad_input("recommend needs at least one NEED, such as 40xkling/2.1/pro@10s");
  for (const auto& text : o.needs) r.needs.push_back(parse_need(text));
  r.providers = o.providers;
  if (o.months < 1 || o.months > 120) throw Error::bad_input("--months must be between 1 and 120");
  r.months = o.months;
  r.free_credits = !o.no_free;
  return r;
}

std::string money(const Rational& r) { return format_fixed(r, 2); }

void add_row(Table& t, const std::string& code, const std::string& section, const std::string& account,
             const std::string& item, const std::string& id, const std::string& name, Cell quantity,
             const std::optional<Rational>& amount, const std::string& detail) {
  t.add_row({Cell::of(section), account.empty() ? Cell::null() : Cell::of(account), Cell::of(item),
             id.empty() ? Cell::null() : Cell::of(id), name.empty() ? Cell::null() : Cell::of(name), std::move(quantity),
             amount ? Cell::number(money(*amount)) : Cell::null(), amount ? Cell::of(code) : Cell::null(),
             detail.empty() ? Cell::null() : Cell::of(detail)});
}

void add_total(Table& t, const std::string& code, const RecommendResult& r, const RecommendedOption& o) {
  add_row(t, code, o.label, "", "total", "", "", Cell::null(), o.total,
          fmt::format("{}; {} {}/s over {} s; {} unused credits", o.summary, code, format_fixed(o.per_second, 4),
                      r.seconds_a_month * r.months, o.unused_credits));
}

void add_detailed(Table& t, const std::string& code, const RecommendResult& r, const RecommendedOption& o) {
  for (const auto& item : o.items) {
    switch (item.kind) {
      case RecommendedItem::Kind::Plan:
        add_row(t, code, o.label, item.account, "plan", item.id, item.name,
                Cell::of(fmt::format("{} {}{}", item.quantity, item.quantity_unit, item.quantity == 1 ? "" : "s")),
                item.amount, fmt::format("{} credits a month, expire monthly", item.credits));
        break;
      case RecommendedItem::Kind::Pack:
        add_row(t, code, o.label, item.account, "pack", item.id, item.name, Cell::of(item.quantity), item.amount,
                fmt::format("{} credits each", item.credits));
        break;
      case RecommendedItem::Kind::Free:
        add_row(t, code, o.label, item.account, "free", item.id, item.name, Cell::of(item.quantity), item.amount,
                "credits used a month");
        break;
      case RecommendedItem::Kind::Api:
        add_row(t, code, o.label, item.account, "api", "", item.name, Cell::null(), item.amount, "");
        break;
    }
  }
  for (const auto& line : o.lines) {
    std::vector<std::string> how;
    if (line.app_clips > 0) how.push_back(fmt::format("{} in the app ({} credits each)", line.app_clips, *line.credits_per_clip));
    if (line.api_clips > 0) {
      how.push_back(fmt::format("{} on the API ({} {} each)", line.api_clips, code, format_fixed(*line.api_per_clip, 4)));
    }
    add_row(t, code, o.label, line.account, "line", line.generation, line.need, Cell::of(line.count), std::nullopt,
            fmt::format("{} a month", fmt::join(how, ", ")));
  }
  add_total(t, code, r, o);
}

int run_recommend(Context& ctx, const RecommendOptions& o) {
  const RecommendRequest request = to_request(o);
  const RecommendResult result = recommend(ctx.market(), request);
  const std::string code(currency_code(result.currency));
  Table t;
  t.columns = {{"section"}, {"account"}, {"item"}, {"id"}, {"name", true, 24}, {"quantity"},
               {"amount"}, {"currency"}, {"detail", true, 90}};
  add_detailed(t, code, result, result.best);
  for (const auto& option : result.alone) add_total(t, code, result, option);
  for (const auto& option : result.alternatives) add_total(t, code, result, option);
  t.footnotes.push_back(fmt::format(
      "The market as of {}, over {} month{}; amounts in {} at the catalog's rates. Plan and free credits expire "
      "monthly; packs must last the whole period. API unit packs are not considered (docs/recommendation.md).",
      ctx.as_of().to_string(), result.months, result.months == 1 ? "" : "s", code));
  ctx.render_market(std::move(t));
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
