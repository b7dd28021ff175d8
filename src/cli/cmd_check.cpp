// `vidcost check FILE`: named, checkable statements about the catalog (ratios, orderings,
// ranges, the highest plan price of a market), each found to hold, to fail, or to be
// impossible to check with the figures the catalog has. Exit 1 when any claim fails.
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "catalog/toml_reader.h"
#include "cli/commands.h"
#include "core/errors.h"
#include "core/text.h"
#include "pricing/quote.h"

namespace vidcost {
namespace {

const TableSchema& claim_schema() {
  static const TableSchema kSchema{
      "[[claim]]", "claims files", "A checkable statement.", ProvenanceRule::None,
      {{"id", "id", true, "", "Claim id.", ""},
       {"outlet", "string", true, "", "Who made the claim.", ""},
       {"date", "date", true, "", "When.", ""},
       {"statement", "string", true, "", "The claim in words.", ""},
       {"kind", "ratio|less|range|highest-plan-price", true, "", "How it is checked.", ""},
       {"a", "quantity", false, "", "First quantity.", ""},
       {"b", "quantity", false, "", "Second quantity (ratio, less).", ""},
       {"expected", "decimal", false, "", "Expected a / b (ratio).", ""},
       {"tolerance", "decimal", false, "", "Allowed |a / b - expected| (ratio).", ""},
       {"min", "decimal", false, "", "Lower bound of a (range).", ""},
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

template <typename T>
std::vector<std::string> ids(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

struct Outcome {
  std::string result;  // holds, fails, cannot be checked
  std::string computed;
  std::string detail;
};

struct Claim {
  std::string id, outlet, statement, kind, note;
  Date date;
  const toml::table* a = nullptr;
  const toml::table* b = nullptr;
  std::optional<Rational> expected, tolerance, min, max;
  std::optional<Currency> currency;
  std::optional<Region> region;
  std::string provider;
  Location where;
};

class Checker {
 public:
  Checker(Context& ctx, const FileContext& file) : ctx_(ctx), catalog_(ctx.catalog()), file_(file) {}

  // The quote a quantity names, or a reason it cannot be priced. Bad ids throw UsageError.
  Quote quantity(const toml::table& t, const std::string& claim_id) {
    Diagnostics problems;
    FileContext local{file_.path, file_.lines, &problems};
    TableReader r(t, quantity_schema(), local, fmt::format("claim '{}' quantity", claim_id));
    auto spec = r.text("spec");
    auto plan = r.id("plan"), pack = r.id("pack"), api = r.id("api"), api_pack = r.id("api_pack");
    r.finish();
    const int offers = !!plan + !!pack + !!api + !!api_pack;
    if (!problems.empty()) throw UsageError(problems.front().to_string());
    const Location at = r.where();
    auto fail = [&](const std::string& m) {
      throw UsageError(fmt::format("{}:{}:{}: claim '{}': {}", at.file, at.line, at.column, claim_id, m));
    };
    if (!spec || offers != 1) fail("a quantity needs 'spec' and exactly one of plan, pack, api, api_pack");
    std::vector<Generation> g;
    try {
      g = resolve_generations(catalog_, parse_spec_pattern(*spec), ctx_.as_of(), true);
    } catch (const UsageError& e) {
      fail(e.what());
    }
    if (g.size() != 1) fail(fmt::format("'{}' names {} generations; give a duration", *spec, g.size()));
    const Provider& p = *g[0].provider;
    QuoteOptions qo{ctx_.as_of(), 1, std::nullopt, std::nullopt};
    if (plan) {
      const Plan* found = find_plan(p, *plan, qo.as_of);
      if (!found) fail(fmt::format("unknown plan '{}' of {}{}", *plan, p.id, did_you_mean(*plan, ids(p.plans))));
      return quote_plan(g[0], *found, qo);
    }
    if (pack) {
      const Pack* found = find_pack(p, *pack, qo.as_of);
      if (!found) fail(fmt::format("unknown pack '{}' of {}{}", *pack, p.id, did_you_mean(*pack, ids(p.packs))));
      return quote_pack(g[0], *found, qo);
    }
    if (api) {
      const ApiOffer* found = find_api(p, *api, qo.as_of);
      if (!found) fail(fmt::format("unknown API offer '{}' of {}{}", *api, p.id, did_you_mean(*api, ids(p.apis))));
      auto q = quote_api(g[0], *found, qo);
      if (!q) fail(fmt::format("API offer '{}' has no price for {}", *api, g[0].spec()));
      return *q;
    }
    const ApiPack* found = find_api_pack(p, *api_pack, qo.as_of);
    if (!found) {
      fail(fmt::format("unknown API pack '{}' of {}{}", *api_pack, p.id, did_you_mean(*api_pack, ids(p.api_packs))));
    }
    auto q = quote_api_pack(g[0], *found, qo);
    if (!q) fail(fmt::format("API pack '{}' does not cover {}", *api_pack, g[0].spec()));
    return *q;
  }

  Amount in(const Amount& a, Currency c) { return catalog_.fx.convert(a, c, ctx_.as_of()).amount; }

  Outcome check(const Claim& c) {
    if (c.kind == "highest-plan-price") return highest(c);
    const Quote a = quantity(*c.a, c.id);
    std::optional<Quote> b;
    if (c.kind != "range") b = quantity(*c.b, c.id);
    for (const Quote* q : std::initializer_list<const Quote*>{&a, b ? &*b : nullptr}) {
      if (q && !q->priced()) {
        return {"cannot be checked", "", fmt::format("{} on {}: {}", q->generation.spec(), q->offer_id, q->unpriced_reason)};
      }
    }
    const Currency common = c.currency.value_or(a.currency);
    const Amount av = in(*a.per_second, common);
    if (c.kind == "range") {
      const bool holds = !(av.value < *c.min) && !(*c.max < av.value);
      return {holds ? "holds" : "fails", av.display(4) + "/s",
              fmt::format("expected {} to {} {}/s", format_plain(*c.min), format_plain(*c.max), currency_code(common))};
    }
    const Amount bv = in(*b->per_second, common);
    if (c.kind == "less") {
      return {av.value < bv.value ? "holds" : "fails", fmt::format("{}/s vs {}/s", av.display(4), bv.display(4)),
              "expected the first to be lower"};
    }
    const Rational ratio = av / bv;
    const Rational gap = ratio > *c.expected ? Rational(ratio - *c.expected) : Rational(*c.expected - ratio);
    return {gap <= *c.tolerance ? "holds" : "fails",
            fmt::format("ratio {} ({}/s / {}/s)", format_plain(ratio, 4), av.display(4), bv.display(4)),
            fmt::format("expected {} +/- {}", format_plain(*c.expected), format_plain(*c.tolerance))};
  }

  Outcome highest(const Claim& c) {
    const Currency common = c.currency.value_or(Currency::CNY);
    const Provider* best = nullptr;
    std::optional<Amount> best_price;
    std::string best_plan;
    for (const auto& p : catalog_.providers) {
      for (const auto& plan : p.plans) {
        if (plan.region != *c.region || plan.billing != Billing::Month || !plan.price.known() ||
            !plan.provenance.effective.contains(ctx_.as_of())) {
          continue;
        }
        const Amount price = in(*plan.price.value, common);
        if (!best_price || best_price->value < price.value) {
          best_price = price;
          best = &p;
          best_plan = plan.id;
        }
      }
    }
    if (!best) return {"cannot be checked", "", "no monthly plan with a known price in that market"};
    return {best->id == c.provider ? "holds" : "fails",
            fmt::format("{} {} at {}/month", best->id, best_plan, best_price->display(2)),
            fmt::format("expected {} to have the highest monthly plan price", c.provider)};
  }

 private:
  Context& ctx_;
  const Catalog& catalog_;
  const FileContext& file_;
};

std::optional<Claim> read_claim(TableReader& r, const Catalog& catalog) {
  Claim c;
  auto id = r.id("id");
  r.set_label("claim " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto outlet = r.text("outlet"), statement = r.text("statement"), kind = r.text("kind");
  auto date = r.date("date");
  c.note = r.text("note").value_or("");
  c.expected = r.number("expected", Sign::Positive);
  c.tolerance = r.number("tolerance", Sign::NonNegative);
  c.min = r.number("min", Sign::NonNegative);
  c.max = r.number("max", Sign::Positive);
  c.currency = r.currency("currency");
  c.region = r.region("region");
  c.provider = r.id("provider").value_or("");
  c.a = r.subtable("a");
  c.b = r.subtable("b");
  c.where = r.where();
  static const std::vector<std::string> kKinds = {"ratio", "less", "range", "highest-plan-price"};
  if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end()) {
    r.error("kind", fmt::format("must be ratio, less, range or highest-plan-price, got \"{}\"{}", *kind,
                                did_you_mean(*kind, kKinds)));
    kind.reset();
  }
  if (kind) {
    auto need = [&](bool present, const char* what) {
      if (!present) r.error_here(fmt::format("a {} claim needs {}", *kind, what));
      return present;
    };
    bool ok = true;
    if (*kind == "ratio") ok = need(c.a && c.b && c.expected && c.tolerance, "a, b, expected and tolerance");
    if (*kind == "less") ok = need(c.a && c.b, "a and b");
    if (*kind == "range") ok = need(c.a && c.min && c.max && c.currency, "a, min, max and currency");
    if (*kind == "highest-plan-price") {
      ok = need(c.region && !c.provider.empty(), "region and provider");
      if (ok && !catalog.find_provider(c.provider)) {
        r.error("provider", fmt::format("names unknown provider '{}'{}", c.provider,
                                        did_you_mean(c.provider, catalog.provider_ids())));
        ok = false;
      }
    }
    if (!ok) kind.reset();
  }
  r.finish();
  if (!id || !outlet || !statement || !kind || !date) return std::nullopt;
  c.id = *id;
  c.outlet = *outlet;
  c.statement = *statement;
  c.kind = *kind;
  c.date = *date;
  return c;
}

int run_check(Context& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(fmt::format("cannot read the claims file '{}'", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  Diagnostics problems;
  FileContext file{path, {}, &problems};
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) file.lines.push_back(line);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const Location at = file.locate(e.source());
    throw UsageError(fmt::format("{}:{}:{}: TOML syntax error: {}", at.file, at.line, at.column, e.description()));
  }
  const Catalog& catalog = ctx.catalog();
  std::vector<Claim> claims;
  for (const auto& [k, v] : root) {
    if (k.str() != "claim") file.report(k.source(), fmt::format("unknown top-level key '{}' (expected [[claim]])", k.str()));
  }
  if (const toml::array* array = root["claim"].as_array()) {
    for (const auto& node : *array) {
      if (!node.is_table()) continue;
      TableReader r(*node.as_table(), claim_schema(), file, "claim");
      if (auto c = read_claim(r, catalog)) claims.push_back(std::move(*c));
    }
  } else if (problems.empty()) {
    problems.emplace_back(path, 0, 0, "no [[claim]] tables in the file");
  }
  if (!problems.empty()) {
    for (std::size_t i = 1; i < problems.size(); ++i) ctx.err << "vidcost: " << problems[i].to_string() << '\n';
    throw UsageError(problems.front().to_string());
  }
  Checker checker(ctx, file);
  Table t;
  t.columns = {{"id"}, {"result"}, {"computed"}, {"expected"}, {"outlet", false}, {"date", false},
               {"statement", false}};
  int failed = 0;
  for (const auto& c : claims) {
    const Outcome o = checker.check(c);
    if (o.result == "fails") ++failed;
    t.add_row({Cell::of(c.id), Cell::of(o.result), Cell::of(o.computed), Cell::of(o.detail), Cell::of(c.outlet),
               Cell::of(c.date.to_string()), Cell::of(c.statement)});
  }
  t.footnotes.push_back(fmt::format("{} claims: {} hold, {} fail, {} cannot be checked", claims.size(),
                                    std::count_if(t.rows.begin(), t.rows.end(),
                                                  [](const auto& r) { return r[1].text == "holds"; }),
                                    failed,
                                    std::count_if(t.rows.begin(), t.rows.end(),
                                                  [](const auto& r) { return r[1].text == "cannot be checked"; })));
  ctx.render(t);
  return failed > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace

void attach_check(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("check", "Check a claims file against the catalog (exit 1 if a claim fails)");
  auto file = fresh_options<std::string>(cmd);
  cmd->add_option("file", *file, "A claims file, such as seeds/claims.toml")->required();
  cmd->footer("See docs/claims.md for the format.");
  cmd->callback([file, &action] { action = [file](Context& ctx) { return run_check(ctx, *file); }; });
}

}  // namespace vidcost
