#include "cli/quote_table.h"

#include <array>
#include <set>

#include <fmt/format.h>

#include "cli/row_writer.h"
#include "core/text.h"
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

// The parts joined in a buffer kept for the next row: a view valid until the next call.
std::string_view joined(std::span<const std::string_view> parts, std::string_view sep) {
  thread_local std::string buffer;
  join_into(buffer, parts, sep);
  return buffer;
}

// "1 USD = 7.1 CNY".
std::string rate_text(const FxRate& rate) {
  return fmt::format("1 {} = {} {}", currency_code(rate.base), format_plain(rate.rate, 6), currency_code(rate.quote));
}

// Converts the amounts a row shows into the display currency, noting the rate. An amount
// already in it is shown where it is; a converted one is kept here for the row.
class Shown {
 public:
  explicit Shown(const Market& market) : market_(market) {}

  const Amount* operator()(const Amount* a) {
    if (!a || !market_.display || a->currency == *market_.display) return a;  // nothing to convert
    Conversion c = market_.shown(*a);
    if (c.rate) rate_ = c.rate;
    return &kept_.at(used_++).emplace(std::move(c.amount));
  }
  // An amount made for the row: converted (the conversion kept), or kept as it is.
  const Amount* operator()(Amount a) {
    if (market_.display && a.currency != *market_.display) return (*this)(&a);
    return &kept_.at(used_++).emplace(std::move(a));
  }
  Currency currency(Currency own) const { return market_.display.value_or(own); }
  // The rate used ("1 USD = 7.1 CNY") and its date, or two empty cells.
  void rate_cells(RowWriter& r) const {
    if (rate_) {
      r << rate_text(*rate_) << rate_->date.to_string();
    } else {
      r << std::nullopt << std::nullopt;
    }
  }

 private:
  const Market& market_;
  std::optional<FxRate> rate_;
  std::array<std::optional<Amount>, 8> kept_;  // a row shows at most five amounts
  std::size_t used_ = 0;
};

void generation_cells(const Generation& g, RowWriter& r) {
  r.text_of([&](std::string& s) { g.append_spec(s); });
  r << g.provider->id << g.model->id << g.mode->id << g.mode->resolution;
  r.integer(g.seconds).boolean(g.mode->audio);
}

// A field of a group of quotes: the common value, or each member's value once, in order.
// `value(m, out)` appends a member's value; the distinct values are joined in a buffer kept
// from call to call, and the cell is a view of it.
template <typename F>
void common(RowWriter& r, const std::vector<const Quote*>& group, F value, std::string_view separator = ", ") {
  thread_local std::string joined_values;
  thread_local std::string member;
  thread_local std::vector<std::pair<std::size_t, std::size_t>> kept;  // each distinct value's place
  joined_values.clear();
  kept.clear();
  for (const Quote* q : group) {
    member.clear();
    value(*q, member);
    const bool seen = std::any_of(kept.begin(), kept.end(), [&](const auto& at) {
      return std::string_view(joined_values).substr(at.first, at.second) == member;
    });
    if (seen) continue;
    if (!kept.empty()) joined_values.append(separator);
    kept.emplace_back(joined_values.size(), member.size());
    joined_values.append(member);
  }
  if (kept.size() == 1 && kept[0].second == 0) {
    r << std::nullopt;
  } else {
    r << std::string_view(joined_values);
  }
}

void quote_cells(const Quote& q, const Market& market, const StaleReport& staleness, PriceUnit unit, RowWriter& r) {
  Shown shown(market);
  const Amount* offer_price = shown(maybe(q.offer_price));
  const Amount* credit_price = shown(q.credit_price());
  const Amount* clip = shown(q.price ? &q.price->clip : nullptr);
  const Amount* per_second = shown(q.price ? &q.price->per_second : nullptr);
  generation_cells(q.generation, r);
  r << offer_kind_name(q.kind) << q.offer_id << q.offer_name << region_name(q.region)
    << currency_code(shown.currency(q.currency)) << money(offer_price, q.kind == OfferKind::Api ? 4 : 2);
  if (q.price_basis.empty()) {
    r << std::nullopt;
  } else {
    r << q.price_basis;
  }
  r << quantity(q.offer_credits())
    << money(credit_price, 6) << quantity(q.credits_per_clip()) << quantity(q.tokens_per_clip()) << money(clip, 4)
    << money(per_second, 4);
  if (unit != PriceUnit::Second) {
    r << money(q.price ? shown(in_unit(q, unit)) : nullptr, 4);
  }
  if (per_second) {
    r.text_of([&](std::string& s) { append_exact(s, per_second->value); });
  } else {
    r << std::nullopt;
  }
  r << Quantity{&q.utilization};
  shown.rate_cells(r);
  if (q.priced()) {
    r.text_of([&](std::string& s) { q.append_derivation(s); });
  } else {
    r << std::nullopt;
  }
  r << confidence_name(q.trust.confidence);
  r.boolean(q.trust.inferred) << q.trust.as_of.to_string();
  r.boolean(staleness.stale(q.trust)) << joined(q.trust.source_keys(), "; ");
  if (q.unpriced_reason.empty()) {
    r << std::nullopt;
  } else {
    r << q.unpriced_reason;
  }
}

void group_cells(const std::vector<const Quote*>& group, const StaleReport& staleness, PriceUnit unit, RowWriter& r) {
  const Quote& q = *group.front();
  generation_cells(q.generation, r);
  r << offer_kind_name(q.kind);
  common(r, group, [](const Quote& m, std::string& out) { out += m.offer_id; }, ",");
  common(r, group, [](const Quote& m, std::string& out) { out += m.offer_name; });
  common(r, group, [](const Quote& m, std::string& out) { out += region_name(m.region); });
  common(r, group, [](const Quote& m, std::string& out) { out += currency_code(m.currency); });
  common(r, group, [](const Quote& m, std::string& out) {
    if (m.offer_price) append_fixed(out, m.offer_price->value, m.kind == OfferKind::Api ? 4 : 2);
  });
  common(r, group, [](const Quote& m, std::string& out) { out += m.price_basis; });
  for (int i = 0; i < 6; ++i) r << std::nullopt;  // offer_credits ... per_second
  if (unit != PriceUnit::Second) r << std::nullopt;
  r << std::nullopt << Quantity{&q.utilization} << std::nullopt << std::nullopt << std::nullopt;
  common(r, group, [](const Quote& m, std::string& out) { out += confidence_name(m.trust.confidence); });
  common(r, group, [](const Quote& m, std::string& out) { out += m.trust.inferred ? "true" : "false"; });
  common(r, group, [](const Quote& m, std::string& out) { out += m.trust.as_of.to_string(); });
  common(r, group, [&](const Quote& m, std::string& out) { out += staleness.stale(m.trust) ? "true" : "false"; });
  common(r, group, [](const Quote& m, std::string& out) { join_into(out, m.trust.source_keys(), "; "); });
  r << q.unpriced_reason;
}

void unsold_cells(const Unsold& u, const StaleReport& staleness, PriceUnit unit, RowWriter& r) {
  generation_cells(u.generation, r);
  r << "none" << std::nullopt << "no offer with a known price" << region_name(u.region) << currency_code(u.currency);
  for (int i = 0; i < 8; ++i) r << std::nullopt;  // offer_price ... per_second
  if (unit != PriceUnit::Second) r << std::nullopt;
  r << std::nullopt << Cell::number("1") << std::nullopt << std::nullopt << std::nullopt
    << confidence_name(u.trust.confidence);
  r.boolean(u.trust.inferred) << u.trust.as_of.to_string();
  r.boolean(staleness.stale(u.trust)) << joined(u.trust.source_keys(), "; ") << u.reason;
}

}  // namespace

std::vector<const Quote*> rows_of(const std::vector<Quote>& quotes) {
  std::vector<const Quote*> rows;
  rows.reserve(quotes.size());
  for (const auto& q : quotes) rows.push_back(&q);
  return rows;
}

Cell change_percent(const Rational& before, const Rational& after) {
  if (before == 0) return Cell::null();
  return Cell::number(format_fixed((after - before) / before * 100, 1));
}

Table quote_table(QuoteRows rows, const Market& market, QuoteView view, PriceUnit unit, bool footnotes) {
  Table t;
  t.columns = quote_columns(view);
  if (unit != PriceUnit::Second) {
    // One more column after per_second: per minute of video, or per clip after utilization.
    std::size_t at = 0;
    while (t.columns[at].name != "per_second") ++at;
    t.columns.insert(t.columns.begin() + static_cast<long>(at) + 1,
                     Column{unit == PriceUnit::Minute ? "per_minute" : "per_clip", true});
  }
  // The footnotes first, from the quotes alone: the rows are made later, as they are written.
  StaleReport staleness(market);
  if (footnotes) {
    std::set<std::string> rates_used;
    for (const Quote* q : rows.quotes) {
      std::optional<FxRate> rate;
      if (market.display && *market.display != q->currency && (q->offer_price || q->price)) {
        rate = market.convert(Amount(1, q->currency), *market.display).rate;
      }
      if (rate) {
        rates_used.insert(fmt::format("{} on {} ({})", rate_text(*rate), rate->date.to_string(), rate->source));
      }
      staleness.row(q->trust);
      staleness.fx(rate);
    }
    for (const auto& r : rates_used) t.footnotes.push_back("Converted at " + r + ".");
    if (const std::string stale = staleness.footnote(); !stale.empty()) t.footnotes.push_back(stale);
  }

  t.streamed = rows.quotes.size() + rows.groups.size() + rows.unsold.size();
  t.make_row = [rows = std::move(rows), market, staleness, unit](std::size_t i, RowSink& sink) {
    thread_local std::string scratch;
    RowWriter r{sink, scratch};
    if (i < rows.quotes.size()) return quote_cells(*rows.quotes[i], market, staleness, unit, r);
    i -= rows.quotes.size();
    if (i < rows.groups.size()) return group_cells(rows.groups[i], staleness, unit, r);
    unsold_cells(rows.unsold[i - rows.groups.size()], staleness, unit, r);
  };
  return t;
}

}  // namespace vidcost
