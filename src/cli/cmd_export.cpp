// `vidcost export litellm` and `vidcost export prices`: the catalog's prices in forms other
// tools load (LiteLLM's model cost map; one flat row per priced generation and offer).
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/options.h"
#include "cli/quote_table.h"
#include "pricing/compare.h"
#include "pricing/export.h"

namespace vidcost {
namespace {

using Json = nlohmann::ordered_json;

// A JSON number for an exact price: half to even at 8 decimals, then the shortest double that
// reads back as that decimal (what a gateway's float field can hold).
double number(const Rational& r) { return std::stod(format_fixed(r, 8)); }

Json date_or_null(const std::optional<Date>& d) { return d ? Json(d->to_string()) : Json(nullptr); }

Json litellm_json(const std::vector<LitellmEntry>& entries, const Market& market, const std::vector<std::string>& what_ifs) {
  Json out = Json::object();
  for (const auto& e : entries) {
    Json j;
    j["litellm_provider"] = e.provider;
    j["mode"] = "video_generation";
    j["output_cost_per_video_per_second"] = number(e.headline());
    j["supported_resolutions"] = Json::array({e.size.empty() ? e.resolution : e.size});
    j["supported_output_modalities"] = Json::array({"video"});
    if (!e.source_url.empty()) j["source"] = e.source_url;
    j["vidcost_spec"] = fmt::format("{}/{}/{}", e.provider, e.model, e.mode);
    j["vidcost_api"] = e.api_id;
    j["vidcost_resolution"] = e.resolution;
    j["vidcost_audio"] = e.audio;
    Json by = Json::object();
    for (const auto& [seconds, usd] : e.usd_per_second) by[std::to_string(seconds)] = number(usd);
    j["vidcost_usd_per_second_by_duration"] = by;
    j["vidcost_per_second_uniform"] = e.uniform();
    j["vidcost_usd_per_second_exact"] = format_exact(e.headline());
    const Amount& native = e.native_per_second.begin()->second;
    j["vidcost_currency"] = std::string(currency_code(native.currency));
    j["vidcost_native_per_second_exact"] = format_exact(native.value);
    j["vidcost_fx_rate"] = e.fx ? Json(format_plain(e.fx->rate, 6)) : Json(nullptr);
    j["vidcost_fx_date"] = e.fx ? Json(e.fx->date.to_string()) : Json(nullptr);
    j["vidcost_confidence"] = std::string(confidence_name(e.trust.confidence));
    j["vidcost_inferred"] = e.trust.inferred;
    j["vidcost_as_of"] = e.trust.as_of.year > 9000 ? Json(nullptr) : Json(e.trust.as_of.to_string());
    j["vidcost_sources"] = e.trust.sources;
    j["vidcost_valid_from"] = date_or_null(e.trust.valid.from);
    j["vidcost_valid_to"] = date_or_null(e.trust.valid.to);
    j["vidcost_market_date"] = market.date.to_string();
    if (!what_ifs.empty()) j["vidcost_what_if"] = what_ifs;
    out[e.key] = std::move(j);
  }
  return out;
}

struct ExportOptions {
  std::vector<std::string> patterns;
};

int run_export_litellm(Context& ctx, const ExportOptions& o) {
  const Market market = ctx.market();
  std::vector<SpecPattern> patterns;
  for (const auto& p : o.patterns) patterns.push_back(parse_spec_pattern(p));
  const auto entries = litellm_entries(market, patterns);
  ctx.out << litellm_json(entries, market, what_if_labels(ctx.options)).dump(2) << '\n';
  return kExitOk;
}

int run_export_prices(Context& ctx, const ExportOptions& o) {
  if (!ctx.options.format) ctx.options.format = Format::Csv;
  const Market market = ctx.market();
  CompareRequest request;
  for (const auto& p : o.patterns) request.patterns.push_back(parse_spec_pattern(p));
  CompareResult result = compare(market, request);
  const std::vector<const Quote*> priced = result.priced;
  Table t = quote_table({std::move(result.priced), {}, {}}, market, QuoteView::Compare);
  t.columns.push_back({"valid_from"});
  t.columns.push_back({"valid_to"});
  t.extend_rows([priced](std::size_t i, RowSink& row) {
    const Effective& valid = priced[i]->trust.valid;
    row.cell(valid.from ? Cell::of(valid.from->to_string()) : Cell::null());
    row.cell(valid.to ? Cell::of(valid.to->to_string()) : Cell::null());
  });
  t.footnotes.push_back("valid_from / valid_to: the days every figure of the row is in force (valid_to exclusive; "
                        "empty: open).");
  ctx.render_market(std::move(t));
  return kExitOk;
}

}  // namespace

void attach_export(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("export", "The catalog's prices for other tools: litellm or prices");
  cmd->require_subcommand(1);
  CLI::App* litellm = cmd->add_subcommand(
      "litellm", "Every API price per second as LiteLLM's model cost map (JSON, USD at the dated rate)");
  auto lo = fresh_options<ExportOptions>(litellm);
  litellm->add_option("pattern", lo->patterns, "SPEC-PATTERNs (default: every API price)");
  litellm->callback([lo, &action] { action = [lo](Context& ctx) { return run_export_litellm(ctx, *lo); }; });
  CLI::App* prices = cmd->add_subcommand(
      "prices", "One flat row per priced generation and offer, with source, date, confidence and validity (CSV "
                "unless --format says otherwise)");
  auto o = fresh_options<ExportOptions>(prices);
  prices->add_option("pattern", o->patterns, "SPEC-PATTERNs (default: everything)");
  prices->callback([o, &action] { action = [o](Context& ctx) { return run_export_prices(ctx, *o); }; });
  cmd->footer("Example: vidcost export litellm > video-prices.json\n"
              "         vidcost export prices --format json 'kling/*'");
}

}  // namespace vidcost
