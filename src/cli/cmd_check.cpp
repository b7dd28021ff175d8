// `vidcost check FILE`: checks the claims of a claims file against the catalog; exit 1 when any
// claim fails.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/errors.h"
#include "pricing/claims.h"

namespace vidcost {
namespace {

nlohmann::ordered_json exact_number(const Rational& r) {
  // Amounts as strings, as everywhere in vidcost's JSON: no precision is lost.
  return format_plain(r, 6);
}

// One claim in JSON: the verdict, its figure and bounds as typed values, the sentences apart.
// A claim checked with what-ifs says so, as a table row does in its what_if column.
nlohmann::ordered_json with_what_ifs(nlohmann::ordered_json j, const std::vector<std::string>& what_ifs) {
  if (!what_ifs.empty()) j["what_if"] = what_ifs;
  return j;
}

nlohmann::ordered_json claim_json(const Claim& c, const ClaimOutcome& o, const Date& checked_on) {
  nlohmann::ordered_json j;
  j["id"] = c.id;
  j["result"] = std::string(claim_result_name(o.result));
  j["on_inferred_figures"] = o.inferred;
  if (o.figure) {
    j["computed"] = {{"value", exact_number(o.figure->value)},
                     {"exact", format_exact(o.figure->value)},
                     {"currency", o.figure->currency ? nlohmann::ordered_json(std::string(currency_code(*o.figure->currency)))
                                                     : nlohmann::ordered_json(nullptr)},
                     {"unit", o.figure->unit}};
  } else {
    j["computed"] = nullptr;
  }
  nlohmann::ordered_json expected = nlohmann::ordered_json::object();
  expected["min"] = o.expected_min ? exact_number(*o.expected_min) : nlohmann::ordered_json(nullptr);
  expected["max"] = o.expected_max ? exact_number(*o.expected_max) : nlohmann::ordered_json(nullptr);
  if (!o.expected_provider.empty()) expected["provider"] = o.expected_provider;
  j["expected"] = expected;
  j["computed_text"] = o.computed;
  j["expected_text"] = o.expected;
  j["checked_on"] = checked_on.to_string();
  j["outlet"] = c.outlet;
  j["date"] = c.date.to_string();
  j["statement"] = c.statement;
  return j;
}

int run_check(Context& ctx, const std::string& path) {
  const Market market = ctx.market();
  const std::vector<Claim> claims = read_claims(path, *market.catalog);
  Table t;
  t.columns = {{"id"}, {"result"}, {"computed"}, {"expected"}, {"outlet", false}, {"date", false},
               {"statement", false}};
  auto json = nlohmann::ordered_json::array();
  int held = 0, failed = 0, unchecked = 0;
  for (const auto& c : claims) {
    // Each claim on the market of its own date, unless --as-of asks for one date.
    const ClaimOutcome o = check_claim_on_its_date(market, c, !ctx.options.as_of, [&ctx] {
      return ServingModel{&ctx.compute(), &ctx.time_model()};
    });
    (o.result == ClaimOutcome::Result::Holds ? held : o.result == ClaimOutcome::Result::Fails ? failed : unchecked)++;
    std::string result(claim_result_name(o.result));
    if (!o.inferred.empty()) result += fmt::format(" (on inferred figures: {})", fmt::join(o.inferred, ", "));
    t.add_row({Cell::of(c.id), Cell::of(result), Cell::of(o.computed), Cell::of(o.expected), Cell::of(c.outlet),
               Cell::of(c.date.to_string()), Cell::of(c.statement)});
    json.push_back(with_what_ifs(claim_json(c, o, ctx.options.as_of ? ctx.as_of() : c.checked_on.value_or(c.date)),
                                 what_if_labels(ctx.options)));
  }
  t.footnotes.push_back(fmt::format("{} claims: {} hold, {} fail, {} cannot be checked. Each claim is checked on the "
                                    "market of its own date{}.",
                                    claims.size(), held, failed, unchecked,
                                    ctx.options.as_of ? fmt::format(" (here: {}, from --as-of)", ctx.as_of().to_string())
                                                      : ""));
  if (ctx.render_options().format == Format::Json) {
    ctx.out << json.dump(2) << '\n';
  } else {
    ctx.note_what_ifs(t);
    ctx.render(t);
  }
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
