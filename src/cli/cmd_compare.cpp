// `vidcost compare [PATTERN]`: every matching generation on every offer, cheapest per second
// first, with unpriced combinations and their reasons at the end.
#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "core/errors.h"
#include "core/text.h"

namespace vidcost {
namespace {

struct CompareOptions {
  std::string pattern;
  std::vector<std::string> providers;
  std::string resolution;
  std::string duration;
  std::string offer;
  std::string utilization = "1";
  std::string unit;
};

// Unpriced rows that differ only in the offer collapse into one ("pro, premier: ...").
std::vector<Quote> collapse_unpriced(std::vector<Quote> unpriced) {
  std::vector<Quote> out;
  std::map<std::tuple<std::string, OfferKind, std::string>, std::size_t> index;
  for (auto& q : unpriced) {
    auto key = std::make_tuple(q.generation.spec(), q.kind, q.unpriced_reason);
    if (auto it = index.find(key); it != index.end()) {
      out[it->second].offer_id += "," + q.offer_id;
      out[it->second].offer_name += ", " + q.offer_name;
    } else {
      index[key] = out.size();
      out.push_back(std::move(q));
    }
  }
  return out;
}

int run_compare(Context& ctx, const CompareOptions& o) {
  const Catalog& catalog = ctx.catalog();
  QuoteOptions qo{ctx.as_of(), parse_utilization(o.utilization), ctx.region(), std::nullopt};
  ctx.render_options();
  const auto display = ctx.display_currency();
  SpecPattern pattern = o.pattern.empty() ? SpecPattern{} : parse_spec_pattern(o.pattern);
  if (!o.duration.empty()) pattern.seconds = parse_duration(o.duration);
  qo.kind = parse_offer_option(o.offer);
  PriceUnit unit = PriceUnit::Second;
  if (!o.unit.empty()) {
    const auto parsed = parse_price_unit(o.unit);
    if (!parsed) {
      throw UsageError(fmt::format("--unit '{}' is not a unit; use second, minute or clip{}", o.unit,
                                   did_you_mean(o.unit, {"second", "minute", "clip"})));
    }
    unit = *parsed;
  }
  // With --unit and no duration, each product is compared at its default clip: the first length
  // its mode lists.
  const bool default_clip = !o.unit.empty() && !pattern.seconds;
  for (const auto& p : o.providers) {
    if (!catalog.find_provider(p)) {
      throw UsageError(fmt::format("unknown provider '{}'{}", p, did_you_mean(p, catalog.provider_ids())));
    }
  }
  auto provider_selected = [&](const Provider& p) {
    return o.providers.empty() || std::any_of(o.providers.begin(), o.providers.end(),
                                              [&](const std::string& name) { return catalog.find_provider(name) == &p; });
  };
  std::vector<Quote> priced, unpriced;
  for (const auto& g : resolve_generations(catalog, pattern, qo.as_of, false)) {
    if (!provider_selected(*g.provider)) continue;
    if (!o.resolution.empty() && ascii_lower(g.mode->resolution) != ascii_lower(o.resolution)) continue;
    if (default_clip && g.seconds != g.mode->durations.front()) continue;
    for (auto& q : quote_all(g, qo)) {
      (q.priced() ? priced : unpriced).push_back(std::move(q));
    }
  }
  const Currency sort_currency = display.value_or(Currency::USD);
  // Cheapest first; ties in a stable, readable order. Keys are computed once, not per comparison.
  struct SortKey {
    Rational per_second;
    std::string spec;
    OfferKind kind;
    std::string offer_id;
    Quote* quote;
  };
  std::vector<SortKey> order;
  order.reserve(priced.size());
  for (auto& q : priced) {
    const Rational factor = unit == PriceUnit::Clip ? Rational(q.generation.seconds) : Rational(1);
    order.push_back({comparable_per_second(q, ctx, sort_currency) * factor, q.generation.spec(), q.kind, q.offer_id, &q});
  }
  std::sort(order.begin(), order.end(), [](const SortKey& a, const SortKey& b) {
    if (rational_less(a.per_second, b.per_second)) return true;
    if (rational_less(b.per_second, a.per_second)) return false;
    return std::tie(a.spec, a.kind, a.offer_id) < std::tie(b.spec, b.kind, b.offer_id);
  });
  std::vector<Quote> rows;
  for (auto& key : order) rows.push_back(std::move(*key.quote));
  for (auto& q : collapse_unpriced(std::move(unpriced))) rows.push_back(std::move(q));
  if (rows.empty()) throw UsageError("nothing in the catalog matches; try 'vidcost catalog show'");
  Table table = quote_table(rows, ctx, QuoteView::Compare, unit);
  const bool mixed = std::any_of(rows.begin(), rows.end(), [&](const Quote& q) {
    return q.priced() && q.currency != rows.front().currency;
  });
  if (!display && mixed) {
    table.footnotes.push_back(fmt::format("Sorted by the {} equivalent of each per-second price; amounts in each "
                                          "offer's own currency.",
                                          currency_code(sort_currency)));
  }
  ctx.render_market(table);
  return kExitOk;
}

}  // namespace

void attach_compare(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("compare", "Every matching generation and offer, cheapest per second first");
  auto o = fresh_options<CompareOptions>(cmd);
  cmd->add_option("pattern", o->pattern, "SPEC-PATTERN such as kling/*/pro@5s or */*/*@10s (default: everything)");
  cmd->add_option("--provider,-p", o->providers, "Only these providers (repeatable)");
  cmd->add_option("--resolution,-r", o->resolution, "Only modes of this resolution, e.g. 1080p");
  cmd->add_option("--duration,-d", o->duration, "Only clips of this length, e.g. 5s");
  cmd->add_option("--offer", o->offer, "Only one kind of offer: plan, pack, api or api-pack");
  cmd->add_option("--utilization,-u", o->utilization, "Share of bought credits actually spent, in (0, 1]");
  cmd->add_option("--unit", o->unit,
                  "Price per second, minute (of video) or clip, sorted by it; without a duration each product "
                  "is compared at its default (first listed) clip length");
  cmd->footer("Example: vidcost compare --resolution 1080p --duration 5s --currency USD\n"
              "         vidcost compare --offer api --unit minute --currency USD");
  cmd->callback([o, &action] { action = [o](Context& ctx) { return run_compare(ctx, *o); }; });
}

}  // namespace vidcost
