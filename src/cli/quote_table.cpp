#include "cli/quote_table.h"

#include <set>

#include <fmt/format.h>

#include "pricing/staleness.h"

namespace vidcost {
namespace {

const std::vector<Column>& quote_columns(QuoteView view) {
  static const auto make = [](bool price) {
    return std::vector<Column>{{"spec", true},           {"provider", false},       {"model", false},
                               {"mode", false},          {"resolution", !price},    {"duration_s", false},
                               {"audio", false},         {"offer_kind", true},      {"offer_id", true},
                               {"offer_name", true}, {"region", false},         {"currency", true},
                               {"offer_price", price},   {"price_basis", false},    {"offer_credits", price},
                               {"credit_price", false},
                               {"credits_per_clip", price}, {"tokens_per_clip", false}, {"clip_price", true},
                               {"per_second", true},     {"per_second_exact", false}, {"utilization", false},
                               {"fx_rate", false},       {"fx_date", false},        {"derivation", price},
                               {"confidence", true},     {"inferred", false},       {"as_of", false},
                               {"stale", false},         {"source", false},         {"unpriced_reason", !price}};
  };
  static const std::vector<Column> kPrice = make(true), kCompare = make(false);
  return view == QuoteView::Price ? kPrice : kCompare;
}

Cell money(const std::optional<Amount>& a, int places) {
  return a ? Cell::number(format_fixed(a->value, places)) : Cell::null();
}

Cell quantity(const std::optional<Rational>& r) { return r ? Cell::number(format_plain(*r)) : Cell::null(); }

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

// Converts the amounts a row shows into the display currency, noting the rate.
class Shown {
 public:
  Shown(const Market& market, std::set<std::string>& rates) : market_(market), rates_(rates) {}

  std::optional<Amount> operator()(const std::optional<Amount>& a) {
    if (!a) return a;
    Conversion c = market_.shown(*a);
    if (c.rate) {
      rate_ = c.rate;
      rates_.insert(fmt::format("{} on {} ({})", rate_text(), c.rate->date.to_string(), c.rate->source));
    }
    return c.amount;
  }
  Currency currency(Currency own) const { return market_.display.value_or(own); }
  std::string rate_text() const {
    return rate_ ? fmt::format("1 {} = {} {}", currency_code(rate_->base), format_plain(rate_->rate, 6),
                               currency_code(rate_->quote))
                 : "";
  }
  Cell rate_cell() const { return rate_ ? Cell::of(rate_text()) : Cell::null(); }
  Cell rate_date_cell() const { return rate_ ? Cell::of(rate_->date.to_string()) : Cell::null(); }
  const std::optional<FxRate>& rate() const { return rate_; }

 private:
  const Market& market_;
  std::set<std::string>& rates_;
  std::optional<FxRate> rate_;
};

std::vector<Cell> generation_cells(const Generation& g) {
  return {Cell::of(g.spec()), Cell::of(g.provider->id), Cell::of(g.model->id), Cell::of(g.mode->id),
          Cell::of(g.mode->resolution), Cell::of(g.seconds), Cell::of(g.mode->audio)};
}

void append(std::vector<Cell>& row, std::vector<Cell> more) {
  for (auto& c : more) row.push_back(std::move(c));
}

// A field of a group of quotes: the common value, or each member's value in order.
template <typename F>
Cell common(const std::vector<Quote>& group, F value, std::string_view separator = ", ") {
  std::vector<std::string> values;
  for (const auto& q : group) {
    std::string v = value(q);
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(std::move(v));
  }
  if (values.size() == 1 && values[0].empty()) return Cell::null();
  return Cell::of(join(values, separator));
}

}  // namespace

Cell change_percent(const Rational& before, const Rational& after) {
  if (before == 0) return Cell::null();
  return Cell::number(format_fixed((after - before) / before * 100, 1));
}

Table quote_table(const QuoteRows& rows, const Market& market, QuoteView view, PriceUnit unit) {
  Table t;
  t.columns = quote_columns(view);
  std::set<std::string> rates_used;
  std::vector<Cell> unit_cells;  // the per_minute or per_clip column
  StaleReport staleness(market);

  for (const auto& q : rows.quotes) {
    Shown shown(market, rates_used);
    const auto offer_price = shown(q.offer_price);
    const auto credit_price = shown(q.credit_price());
    const auto clip = shown(q.price ? std::optional<Amount>(q.price->clip) : std::nullopt);
    const auto per_second = shown(q.price ? std::optional<Amount>(q.price->per_second) : std::nullopt);
    std::vector<Cell> row = generation_cells(q.generation);
    append(row, {Cell::of(std::string(offer_kind_name(q.kind))), Cell::of(q.offer_id), Cell::of(q.offer_name),
                 Cell::of(std::string(region_name(q.region))),
                 Cell::of(std::string(currency_code(shown.currency(q.currency)))),
                 money(offer_price, q.kind == OfferKind::Api ? 4 : 2),
                 q.price_basis.empty() ? Cell::null() : Cell::of(q.price_basis), quantity(q.offer_credits()),
                 money(credit_price, 6), quantity(q.credits_per_clip()), quantity(q.tokens_per_clip()), money(clip, 4),
                 money(per_second, 4), per_second ? Cell::of(format_exact(per_second->value)) : Cell::null(),
                 Cell::number(format_plain(q.utilization)), shown.rate_cell(), shown.rate_date_cell(),
                 q.priced() ? Cell::of(q.derivation()) : Cell::null(),
                 Cell::of(std::string(confidence_name(q.trust.confidence))), Cell::of(q.trust.inferred),
                 Cell::of(q.trust.as_of.to_string()), Cell::of(staleness.row(q.trust)), Cell::of(join(q.trust.sources, "; ")),
                 q.unpriced_reason.empty() ? Cell::null() : Cell::of(q.unpriced_reason)});
    staleness.fx(shown.rate());
    t.add_row(std::move(row));
    if (unit != PriceUnit::Second) {
      unit_cells.push_back(q.price ? money(shown(in_unit(q, unit)), 4) : Cell::null());
    }
  }
  for (const auto& group : rows.groups) {
    const Quote& q = group.front();
    std::vector<Cell> row = generation_cells(q.generation);
    append(row, {Cell::of(std::string(offer_kind_name(q.kind))),
                 common(group, [](const Quote& m) { return m.offer_id; }, ","),
                 common(group, [](const Quote& m) { return m.offer_name; }),
                 common(group, [](const Quote& m) { return std::string(region_name(m.region)); }),
                 common(group, [](const Quote& m) { return std::string(currency_code(m.currency)); }),
                 common(group, [&](const Quote& m) {
                   return m.offer_price ? format_fixed(m.offer_price->value, m.kind == OfferKind::Api ? 4 : 2) : "";
                 }),
                 common(group, [](const Quote& m) { return m.price_basis; }), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(),
                 Cell::number(format_plain(q.utilization)), Cell::null(), Cell::null(), Cell::null(),
                 common(group, [](const Quote& m) { return std::string(confidence_name(m.trust.confidence)); }),
                 common(group, [](const Quote& m) { return m.trust.inferred ? "true" : "false"; }),
                 common(group, [](const Quote& m) { return m.trust.as_of.to_string(); }),
                 common(group, [&](const Quote& m) { return staleness.stale(m.trust) ? "true" : "false"; }),
                 common(group, [](const Quote& m) { return join(m.trust.sources, "; "); }),
                 Cell::of(q.unpriced_reason)});
    t.add_row(std::move(row));
    if (unit != PriceUnit::Second) unit_cells.push_back(Cell::null());
  }
  for (const auto& u : rows.unsold) {
    std::vector<Cell> row = generation_cells(u.generation);
    append(row, {Cell::of("none"), Cell::null(), Cell::of("no offer with a known price"),
                 Cell::of(std::string(region_name(u.region))), Cell::of(std::string(currency_code(u.currency))),
                 Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(), Cell::null(),
                 Cell::null(), Cell::number("1"), Cell::null(), Cell::null(), Cell::null(),
                 Cell::of(std::string(confidence_name(u.trust.confidence))), Cell::of(u.trust.inferred),
                 Cell::of(u.trust.as_of.to_string()), Cell::of(staleness.stale(u.trust)),
                 Cell::of(join(u.trust.sources, "; ")), Cell::of(u.reason)});
    t.add_row(std::move(row));
    if (unit != PriceUnit::Second) unit_cells.push_back(Cell::null());
  }
  for (const auto& r : rates_used) t.footnotes.push_back("Converted at " + r + ".");
  if (const std::string stale = staleness.footnote(); !stale.empty()) t.footnotes.push_back(stale);
  if (unit != PriceUnit::Second) {
    // One more column after per_second: per minute of video, or per clip after utilization.
    std::size_t at = 0;
    while (t.columns[at].name != "per_second") ++at;
    t.columns.insert(t.columns.begin() + static_cast<long>(at) + 1,
                     Column{unit == PriceUnit::Minute ? "per_minute" : "per_clip", true});
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      t.rows[i].insert(t.rows[i].begin() + static_cast<long>(at) + 1, std::move(unit_cells[i]));
    }
  }
  return t;
}

}  // namespace vidcost
