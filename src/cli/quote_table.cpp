#include "cli/quote_table.h"

#include <set>

#include <fmt/format.h>

namespace vidcost {
namespace {

struct Shown {
  std::optional<Amount> offer_price, credit_price, clip_price, per_second;
  Currency currency;
  std::optional<FxRate> rate;
};

Shown convert(const Quote& q, const FxTable& fx, std::optional<Currency> target, const Date& as_of) {
  Shown s{q.offer_price, q.credit_price, q.clip_price, q.per_second, q.currency, std::nullopt};
  if (!target || *target == q.currency) return s;
  s.currency = *target;
  auto conv = [&](std::optional<Amount>& a) {
    if (!a) return;
    Conversion c = fx.convert(*a, *target, as_of);
    a = c.amount;
    s.rate = c.rate;
  };
  conv(s.offer_price);
  conv(s.credit_price);
  conv(s.clip_price);
  conv(s.per_second);
  if (!s.rate) s.rate = fx.rate_for(q.currency, *target, as_of);
  return s;
}

Cell money(const std::optional<Amount>& a, int places) {
  return a ? Cell::number(format_fixed(a->value, places)) : Cell::null();
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

}  // namespace

Rational comparable_per_second(const Quote& q, const Context& ctx, Currency currency) {
  if (!q.per_second) return 0;
  return ctx.catalog_fx().convert(*q.per_second, currency, ctx.as_of()).amount.value;
}

Cell change_percent(const Rational& before, const Rational& after) {
  if (before == 0) return Cell::null();
  return Cell::number(format_fixed((after - before) / before * 100, 1));
}

std::optional<PriceUnit> parse_price_unit(std::string_view text) {
  if (text == "second" || text == "s") return PriceUnit::Second;
  if (text == "minute" || text == "min") return PriceUnit::Minute;
  if (text == "clip") return PriceUnit::Clip;
  return std::nullopt;
}

Table quote_table(const std::vector<Quote>& quotes, const Context& ctx, QuoteView view, PriceUnit unit) {
  const bool price = view == QuoteView::Price;
  Table t;
  t.columns = {{"spec", true},           {"provider", false},       {"model", false},
               {"mode", false},          {"resolution", !price},    {"duration_s", false},
               {"audio", false},         {"offer_kind", true},      {"offer_id", true, 24},
               {"offer_name", true, 24},     {"region", false},         {"currency", true},
               {"offer_price", price},   {"offer_credits", price},  {"credit_price", false},
               {"credits_per_clip", price}, {"tokens_per_clip", false}, {"clip_price", true},   {"per_second", true},
               {"per_second_exact", false}, {"utilization", false}, {"fx_rate", false},
               {"fx_date", false},       {"derivation", price},     {"confidence", true},
               {"inferred", false},      {"as_of", false},          {"source", false},
               {"unpriced_reason", !price}};
  const auto target = ctx.display_currency();
  const Date as_of = ctx.as_of();
  std::set<std::string> rates_used;
  for (const auto& q : quotes) {
    const Shown s = convert(q, ctx.catalog_fx(), target, as_of);
    const Generation& g = q.generation;
    std::string fx_rate, fx_date;
    if (s.rate) {
      fx_rate = fmt::format("1 {} = {} {}", currency_code(s.rate->base), format_plain(s.rate->rate, 6),
                            currency_code(s.rate->quote));
      fx_date = s.rate->date.to_string();
      rates_used.insert(fmt::format("{} on {} ({})", fx_rate, fx_date, s.rate->source));
    }
    t.add_row({Cell::of(g.spec()), Cell::of(g.provider->id), Cell::of(g.model->id), Cell::of(g.mode->id),
               Cell::of(g.mode->resolution), Cell::of(g.seconds), Cell::of(g.mode->audio),
               Cell::of(std::string(offer_kind_name(q.kind))), Cell::of(q.offer_id), Cell::of(q.offer_name),
               Cell::of(std::string(region_name(q.region))), Cell::of(std::string(currency_code(s.currency))),
               money(s.offer_price, q.kind == OfferKind::Api ? 4 : 2),
               q.offer_credits ? Cell::number(format_plain(*q.offer_credits)) : Cell::null(),
               money(s.credit_price, 6),
               q.credits_per_clip ? Cell::number(format_plain(*q.credits_per_clip)) : Cell::null(),
               q.tokens_per_clip ? Cell::number(format_plain(*q.tokens_per_clip)) : Cell::null(),
               money(s.clip_price, 4), money(s.per_second, 4),
               s.per_second ? Cell::of(format_exact(s.per_second->value)) : Cell::null(),
               Cell::number(format_plain(q.utilization)), fx_rate.empty() ? Cell::null() : Cell::of(fx_rate),
               fx_date.empty() ? Cell::null() : Cell::of(fx_date),
               q.priced() ? Cell::of(q.derivation()) : Cell::null(),
               Cell::of(std::string(confidence_name(q.confidence))), Cell::of(q.inferred),
               Cell::of(q.as_of.to_string()), Cell::of(join(q.sources, "; ")),
               q.unpriced_reason.empty() ? Cell::null() : Cell::of(q.unpriced_reason)});
  }
  for (const auto& r : rates_used) t.footnotes.push_back("Converted at " + r + ".");
  if (unit != PriceUnit::Second) {
    // One more column after per_second: per minute of video, or per clip after utilization.
    std::size_t at = 0;
    while (t.columns[at].name != "per_second") ++at;
    t.columns.insert(t.columns.begin() + static_cast<long>(at) + 1,
                     Column{unit == PriceUnit::Minute ? "per_minute" : "per_clip", true});
    for (std::size_t i = 0; i < quotes.size(); ++i) {
      const Shown s = convert(quotes[i], ctx.catalog_fx(), target, as_of);
      const Rational factor = unit == PriceUnit::Minute ? Rational(60) : Rational(quotes[i].generation.seconds);
      t.rows[i].insert(t.rows[i].begin() + static_cast<long>(at) + 1,
                       s.per_second ? money(*s.per_second * factor, 4) : Cell::null());
    }
  }
  return t;
}

}  // namespace vidcost
