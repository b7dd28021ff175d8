#include "pricing/claims.h"

#include <algorithm>

#include <fmt/format.h>

#include "catalog/toml_reader.h"
#include "core/error.h"
#include "core/text.h"
#include "pricing/margin.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

const TableSchema& claim_schema() {
  static const TableSchema kSchema{
      "[[claim]]", "claims files", "A checkable statement.", ProvenanceRule::None,
      {{"id", "id", true, "", "Claim id.", ""},
       {"outlet", "string", true, "", "Who made the claim.", ""},
       {"date", "date", true, "", "When.", ""},
       {"checked_on", "date", false, "", "The market date to check the claim on, when the catalog's figures start later than the claim (default: `date`).", ""},
       {"statement", "string", true, "", "The claim in words.", ""},
       {"kind", "ratio|less|range|highest-plan-price|margin-at-least", true, "", "How it is checked.", ""},
       {"a", "quantity", false, "", "First quantity.", ""},
       {"b", "quantity", false, "", "Second quantity (ratio, less).", ""},
       {"expected", "decimal", false, "", "Expected a / b (ratio).", ""},
       {"tolerance", "decimal", false, "", "Allowed |a / b - expected| (ratio).", ""},
       {"min", "decimal", false, "", "Lower bound of a (range), or of the margin share (margin-at-least).", ""},
       {"scenario", "low|central|high", false, "", "margin-at-least: the serving scenario (default central).", ""},
       {"max", "decimal", false, "", "Upper bound of a (range).", ""},
       {"currency", "currency", false, "", "Currency of min and max, or of the comparison.", ""},
       {"region", "cn|intl", false, "", "Market (highest-plan-price).", ""},
       {"provider", "id", false, "", "The provider expected to have the highest plan price.", ""},
       {"note", "string", false, "", "Caveats.", ""}}};
  return kSchema;
}

const TableSchema& quantity_schema() {
  static const TableSchema kSchema{
      "quantity", "claims files", "The per-second price of one generation on one offer.", ProvenanceRule::None,
      {{"spec", "string", true, "", "provider/model/mode@DURATION", ""},
       {"plan", "id", false, "", "A plan of the provider.", ""},
       {"pack", "id", false, "", "A credit pack.", ""},
       {"api", "id", false, "", "An API offer.", ""},
       {"api_pack", "id", false, "", "An API unit pack.", ""}}};
  return kSchema;
}

const std::vector<std::pair<std::string, ClaimKind>>& claim_kinds() {
  static const std::vector<std::pair<std::string, ClaimKind>> kKinds = {
      {"ratio", ClaimKind::Ratio}, {"less", ClaimKind::Less}, {"range", ClaimKind::Range},
      {"highest-plan-price", ClaimKind::HighestPlanPrice}, {"margin-at-least", ClaimKind::MarginAtLeast}};
  return kKinds;
}

// A quantity subtable: a spec and exactly one offer key (named as the catalog names the kinds).
std::optional<ClaimQuantity> read_quantity(const toml::table* t, const FileContext& file, const std::string& claim) {
  if (!t) return std::nullopt;
  TableReader r(*t, quantity_schema(), file, fmt::format("claim '{}' quantity", claim));
  ClaimQuantity q;
  q.where = r.where();
  auto spec = r.text("spec");
  int offers = 0;
  for (const auto& info : offer_kinds()) {
    if (auto id = r.id(info.catalog_key)) {
      ++offers;
      q.kind = info.kind;
      q.offer = *id;
    }
  }
  r.finish();
  if (!spec || offers != 1) {
    r.error_here("a quantity needs 'spec' and exactly one of plan, pack, api, api_pack");
    return std::nullopt;
  }
  q.spec = *spec;
  return q;
}

std::optional<Claim> read_claim(TableReader& r, const FileContext& file, const Catalog& catalog) {
  Claim c;
  auto id = r.id("id");
  r.set_label("claim " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto outlet = r.text("outlet"), statement = r.text("statement"), kind_text = r.text("kind");
  auto date = r.date("date");
  auto checked_on = r.date("checked_on");
  c.note = r.text("note").value_or("");
  c.expected = r.number("expected", Sign::Positive);
  c.tolerance = r.number("tolerance", Sign::NonNegative);
  c.min = r.number("min", Sign::Any);
  if (auto scenario = r.text("scenario")) c.scenario = *scenario;
  c.max = r.number("max", Sign::Positive);
  c.currency = r.currency("currency");
  c.region = r.region("region");
  c.provider = r.id("provider").value_or("");
  const toml::table* a = r.subtable("a");
  const toml::table* b = r.subtable("b");
  c.where = r.where();
  std::optional<ClaimKind> kind;
  if (kind_text) {
    for (const auto& [name, k] : claim_kinds()) {
      if (name == *kind_text) kind = k;
    }
    if (!kind) {
      std::vector<std::string> names;
      for (const auto& [name, k] : claim_kinds()) names.push_back(name);
      r.error("kind", fmt::format("must be ratio, less, range, highest-plan-price or margin-at-least, got \"{}\"{}",
                                  *kind_text, did_you_mean(*kind_text, names)));
    }
  }
  if (kind) {
    auto need = [&](bool present, const char* what) {
      if (!present) r.error_here(fmt::format("a {} claim needs {}", *kind_text, what));
      return present;
    };
    bool ok = true;
    switch (*kind) {
      case ClaimKind::Ratio: ok = need(a && b && c.expected && c.tolerance, "a, b, expected and tolerance"); break;
      case ClaimKind::Less: ok = need(a && b, "a and b"); break;
      case ClaimKind::Range: ok = need(a && c.min && c.max && c.currency, "a, min, max and currency"); break;
      case ClaimKind::MarginAtLeast:
        ok = need(a && c.min, "a and min");
        if (ok && c.scenario != "low" && c.scenario != "central" && c.scenario != "high") {
          r.error("scenario", fmt::format("must be low, central or high, got \"{}\"", c.scenario));
          ok = false;
        }
        break;
      case ClaimKind::HighestPlanPrice:
        ok = need(c.region && !c.provider.empty(), "region and provider");
        if (ok && !catalog.find_provider(c.provider)) {
          r.error("provider", fmt::format("names unknown provider '{}'{}", c.provider,
                                          did_you_mean(c.provider, catalog.provider_ids())));
          ok = false;
        }
        break;
    }
    if (!ok) kind.reset();
  }
  r.finish();
  if (!id || !outlet || !statement || !kind || !date) return std::nullopt;
  c.a = read_quantity(a, file, *id);
  c.b = read_quantity(b, file, *id);
  if ((a && !c.a) || (b && !c.b)) return std::nullopt;
  c.id = *id;
  c.outlet = *outlet;
  c.statement = *statement;
  c.kind = *kind;
  c.date = *date;
  c.checked_on = checked_on;
  return c;
}

std::string context_of(const ClaimQuantity& q, const std::string& claim) {
  return fmt::format("{}:{}:{}: claim '{}'", q.where.file, q.where.line, q.where.column, claim);
}

[[noreturn]] void fail_at(const ClaimQuantity& q, const std::string& claim, const std::string& message) {
  throw Error::bad_input(context_of(q, claim) + ": " + message);
}

Quote quantity(const Market& market, const ClaimQuantity& q, const std::string& claim) {
  std::vector<Generation> g;
  try {
    g = resolve_generations(*market.catalog, parse_spec_pattern(q.spec), market.date, true);
  } catch (const Error& e) {
    throw e.in(context_of(q, claim));
  }
  if (g.size() != 1) fail_at(q, claim, fmt::format("'{}' names {} generations; give a duration", q.spec, g.size()));
  const QuoteOptions options{market.date, 1, std::nullopt, std::nullopt, market.price_basis};
  std::optional<Quote> quote;
  try {
    quote = quote_offer(g[0], find_offer(*g[0].provider, q.kind, q.offer, market.date), options);
  } catch (const Error& e) {
    throw e.in(context_of(q, claim));
  }
  if (!quote) {
    fail_at(q, claim, fmt::format("{} '{}' has no price for {}", offer_kind(q.kind).noun, q.offer, g[0].spec()));
  }
  return *quote;
}

ClaimOutcome outcome(ClaimOutcome::Result result, std::string computed, std::string expected,
                     std::vector<std::string> inferred = {}) {
  ClaimOutcome o;
  o.result = result;
  o.computed = std::move(computed);
  o.expected = std::move(expected);
  o.inferred = std::move(inferred);
  return o;
}

ClaimOutcome highest(const Market& market, const Claim& c) {
  // In the claim's currency, else the market's own: yuan in China, dollars abroad.
  const Currency common = c.currency.value_or(*c.region == Region::CN ? Currency::CNY : Currency::USD);
  const Provider* best = nullptr;
  std::optional<Amount> best_price;
  std::string best_plan;
  for (const auto& p : market.catalog->providers) {
    for (const auto& plan : p.plans) {
      // Membership prices as advertised: the list price.
      const auto list = plan_price(plan, PriceBasisChoice::List);
      if (plan.region != *c.region || plan.billing != Billing::Month || !list ||
          !plan.provenance.effective.contains(market.date)) {
        continue;
      }
      const Amount price = market.convert(list->amount, common).amount;
      if (!best_price || best_price->value < price.value) {
        best_price = price;
        best = &p;
        best_plan = plan.id;
      }
    }
  }
  const std::string expected = fmt::format("expected {} to have the highest monthly plan price", c.provider);
  if (!best) return outcome(ClaimOutcome::Result::Unchecked, "", "no monthly plan with a known price in that market");
  ClaimOutcome out = outcome(best->id == c.provider ? ClaimOutcome::Result::Holds : ClaimOutcome::Result::Fails,
                   fmt::format("{} {} at {}/month", best->id, best_plan, best_price->display(2)), expected);
  out.figure = ClaimFigure{best_price->value, common, "/month"};
  out.expected_provider = c.provider;
  return out;
}

// The provider's margin on one offer under one serving scenario.
ClaimOutcome margin_at_least(const Market& market, const Claim& c, const ServingModelSource& serving) {
  using R = ClaimOutcome::Result;
  const Quote q = quantity(market, *c.a, c.id);
  const std::string expected = fmt::format("expected a margin of at least {}% in the {} scenario",
                                           format_plain(*c.min * 100), c.scenario);
  if (!q.priced()) return outcome(R::Unchecked, "", fmt::format("{} on {}: {}", q.generation.spec(), q.offer_id, q.unpriced_reason));
  if (!serving) return outcome(R::Unchecked, "", "no compute catalog to cost it");
  const ServingModel s = serving();
  MarginRequest request;
  request.spec = parse_spec_pattern(q.generation.spec());
  request.offer = {q.kind, std::string(q.offer_id)};
  request.serving.scenarios = *parse_scenario_choice(c.scenario);
  Market in_region = market;
  in_region.region = q.region;
  const MarginResult result = margin(in_region, *s.compute, *s.model, request);
  const MarginRow& row = result.rows.at(0);
  if (!row.share()) return outcome(R::Unchecked, "", fmt::format("serving cost unknown: {}", row.cost_unknown));
  ClaimOutcome out = outcome(*row.share() >= *c.min ? R::Holds : R::Fails,
                   fmt::format("margin {}% ({} {}/s price, {} {}/s cost)", format_fixed(*row.share() * 100, 1),
                               currency_code(row.currency), format_fixed(row.price_per_second, 4),
                               currency_code(row.currency), format_significant(*row.cost_per_second, 2)),
                   expected);
  out.figure = ClaimFigure{*row.share(), std::nullopt, "share"};
  out.expected_min = *c.min;
  return out;
}

}  // namespace

std::string_view claim_result_name(ClaimOutcome::Result r) {
  switch (r) {
    case ClaimOutcome::Result::Holds: return "holds";
    case ClaimOutcome::Result::Fails: return "fails";
    case ClaimOutcome::Result::Unchecked: return "cannot be checked";
  }
  return "";
}

std::vector<Claim> read_claims(const std::filesystem::path& path, const Catalog& catalog) {
  Diagnostics problems;
  std::vector<Claim> claims;
  if (const auto toml = open_toml(path, problems)) {
    check_top_level_keys(*toml, {"claim"}, "(expected [[claim]])", problems);
    const FileContext file(*toml, problems);
    if (const toml::array* array = toml->root["claim"].as_array()) {
      for (const auto& node : *array) {
        if (!node.is_table()) continue;
        TableReader r(*node.as_table(), claim_schema(), file, "claim");
        if (auto c = read_claim(r, file, catalog)) claims.push_back(std::move(*c));
      }
    } else if (problems.empty()) {
      problems.emplace_back(path.string(), 0, 0, "no [[claim]] tables in the file");
    }
  }
  if (!problems.empty()) {
    const std::string first = problems.front().to_string();
    throw Error::bad_file(first, std::move(problems));
  }
  return claims;
}

ClaimOutcome check_claim(const Market& market, const Claim& c, const ServingModelSource& serving) {
  using R = ClaimOutcome::Result;
  if (c.kind == ClaimKind::HighestPlanPrice) return highest(market, c);
  if (c.kind == ClaimKind::MarginAtLeast) return margin_at_least(market, c, serving);
  const Quote a = quantity(market, *c.a, c.id);
  std::optional<Quote> b;
  if (c.kind != ClaimKind::Range) b = quantity(market, *c.b, c.id);
  for (const Quote* q : std::initializer_list<const Quote*>{&a, b ? &*b : nullptr}) {
    if (q && !q->priced()) {
      return outcome(R::Unchecked, "", fmt::format("{} on {}: {}", q->generation.spec(), q->offer_id, q->unpriced_reason));
    }
  }
  const Currency common = c.currency.value_or(a.currency);
  Trust trust = a.trust;
  if (b) trust.merge(b->trust);
  const Amount av = market.convert(a.price->per_second, common).amount;
  if (c.kind == ClaimKind::Range) {
    const bool holds = !(av.value < *c.min) && !(*c.max < av.value);
    ClaimOutcome out = outcome(holds ? R::Holds : R::Fails, av.display(4) + "/s",
                     fmt::format("expected {} to {} {}/s", format_plain(*c.min), format_plain(*c.max),
                                 currency_code(common)),
                     trust.inferred_figures);
    out.figure = ClaimFigure{av.value, common, "/s"};
    out.expected_min = *c.min;
    out.expected_max = *c.max;
    return out;
  }
  const Amount bv = market.convert(b->price->per_second, common).amount;
  if (c.kind == ClaimKind::Less) {
    ClaimOutcome out = outcome(av.value < bv.value ? R::Holds : R::Fails,
                     fmt::format("{}/s vs {}/s", av.display(4), bv.display(4)), "expected the first to be lower",
                     trust.inferred_figures);
    out.figure = ClaimFigure{av.value, common, "/s"};
    out.expected_max = bv.value;  // strictly below the second
    return out;
  }
  const Rational ratio = av / bv;
  const Rational gap = ratio > *c.expected ? Rational(ratio - *c.expected) : Rational(*c.expected - ratio);
  ClaimOutcome out = outcome(gap <= *c.tolerance ? R::Holds : R::Fails,
                   fmt::format("ratio {} ({}/s / {}/s)", format_plain(ratio, 4), av.display(4), bv.display(4)),
                   fmt::format("expected {} +/- {}", format_plain(*c.expected), format_plain(*c.tolerance)),
                   trust.inferred_figures);
  out.figure = ClaimFigure{ratio, std::nullopt, "ratio"};
  out.expected_min = Rational(*c.expected - *c.tolerance);
  out.expected_max = Rational(*c.expected + *c.tolerance);
  return out;
}

ClaimOutcome check_claim_on_its_date(const Market& market, const Claim& claim, bool own_date,
                                     const ServingModelSource& serving) {
  Market on = market;
  if (own_date) on.date = claim.checked_on.value_or(claim.date);
  try {
    return check_claim(on, claim, serving);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::BadInput && e.kind() != ErrorKind::UnknownName) throw;
    return outcome(ClaimOutcome::Result::Unchecked, "", fmt::format("on {}: {}", on.date.to_string(), e.what()), {});
  }
}

}  // namespace vidcost
