#include "cli/recommend_view.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "pricing/staleness.h"

namespace vidcost {
namespace {

std::string money(const Rational& r) { return format_fixed(r, 2); }

std::string kind_name(RecommendedItem::Kind k) {
  switch (k) {
    case RecommendedItem::Kind::Plan: return "plan";
    case RecommendedItem::Kind::Pack: return "pack";
    case RecommendedItem::Kind::Free: return "free";
    case RecommendedItem::Kind::Api: return "api";
    case RecommendedItem::Kind::ApiPack: return "api-pack";
  }
  return "";
}

// "2 packs", "1 year", "80 clips a month".
std::string quantity_text(std::int64_t n, const std::string& unit) {
  const auto space = unit.find(' ');
  const std::string head = unit.substr(0, space), tail = space == std::string::npos ? "" : unit.substr(space);
  return fmt::format("{} {}{}{}", n, head, n == 1 ? "" : "s", tail);
}

std::string item_detail(const RecommendedItem& item) {
  switch (item.kind) {
    case RecommendedItem::Kind::Plan:
      return fmt::format("{} credits a month, expire monthly", format_plain(*item.size));
    case RecommendedItem::Kind::Pack: return fmt::format("{} credits each", format_plain(*item.size));
    case RecommendedItem::Kind::ApiPack: return fmt::format("{} API units each", format_plain(*item.size));
    case RecommendedItem::Kind::Free: return "free daily credits used (counted with --free)";
    case RecommendedItem::Kind::Api: return "paid as used";
  }
  return "";
}

std::string line_detail(const ServedLine& line, const std::string& code) {
  std::vector<std::string> how;
  if (line.app_clips > 0) how.push_back(fmt::format("{} in the app ({} credits each)", line.app_clips, *line.credits_per_clip));
  if (line.unit_clips > 0 && line.unit_balance) {
    how.push_back(fmt::format("{} on the API ({} units each: unit packs first, then {} {} as you go)", line.unit_clips,
                              format_plain(*line.units_per_clip), code, format_fixed(*line.api_per_clip, 4)));
  } else if (line.unit_clips > 0) {
    how.push_back(fmt::format("{} from API unit packs ({} units each)", line.unit_clips, format_plain(*line.units_per_clip)));
  }
  if (line.api_clips > 0) {
    how.push_back(fmt::format("{} on the API ({} {} each)", line.api_clips, code, format_fixed(*line.api_per_clip, 4)));
  }
  return fmt::format("{} a month", fmt::join(how, ", "));
}

std::string total_detail(const RecommendResult& r, const RecommendedOption& o, const std::string& code) {
  std::string text = fmt::format("{}; {} {}/s over {} s; {} unused credits", o.summary, code,
                                 format_fixed(o.per_second, 4), r.seconds_a_month * r.months, o.unused_credits);
  if (o.unused_units > 0) text += fmt::format(", {} unused API units", format_plain(o.unused_units));
  if (!o.inferred.empty()) text += fmt::format("; rests on inferred {}", fmt::join(o.inferred, ", "));
  return text;
}

void add_row(Table& t, const std::string& code, const std::string& section, const std::string& account,
             const std::string& item, const std::string& id, const std::string& name, Cell quantity,
             const std::optional<Rational>& amount, std::optional<Confidence> confidence, const std::string& detail) {
  t.add_row({Cell::of(section), account.empty() ? Cell::null() : Cell::of(account), Cell::of(item),
             id.empty() ? Cell::null() : Cell::of(id), name.empty() ? Cell::null() : Cell::of(name), std::move(quantity),
             amount ? Cell::number(money(*amount)) : Cell::null(), amount ? Cell::of(code) : Cell::null(),
             confidence ? Cell::of(std::string(confidence_name(*confidence))) : Cell::null(),
             detail.empty() ? Cell::null() : Cell::of(detail)});
}

void add_total(Table& t, const std::string& code, const RecommendResult& r, const RecommendedOption& o) {
  add_row(t, code, o.label, "", "total", "", "", Cell::null(), o.total, o.trust.confidence, total_detail(r, o, code));
}

void add_detailed(Table& t, const std::string& code, const RecommendResult& r, const RecommendedOption& o) {
  for (const auto& item : o.items) {
    add_row(t, code, o.label, item.account, kind_name(item.kind), item.id, item.name,
            Cell::of(quantity_text(item.quantity, item.unit)), item.amount, item.trust.confidence,
            item_detail(item));
  }
  for (const auto& line : o.lines) {
    add_row(t, code, o.label, line.account, "line", line.generation, line.need, Cell::of(line.count), std::nullopt,
            line.trust.confidence, line_detail(line, code));
  }
  add_total(t, code, r, o);
}

nlohmann::ordered_json option_json(const RecommendResult& r, const RecommendedOption& o, const std::string& code,
                                   const StaleReport& stale) {
  auto items = nlohmann::ordered_json::array();
  for (const auto& item : o.items) {
    nlohmann::ordered_json j;
    j["kind"] = kind_name(item.kind);
    j["account"] = item.account;
    j["id"] = item.id.empty() ? nullptr : nlohmann::ordered_json(item.id);
    j["name"] = item.name;
    j["quantity"] = item.quantity;
    j["unit"] = item.unit;
    j["amount"] = item.amount ? nlohmann::ordered_json(format_plain(*item.amount, 10)) : nullptr;
    j["currency"] = code;
    j["size"] = item.size ? nlohmann::ordered_json(format_plain(*item.size, 10)) : nullptr;
    j["size_unit"] = item.size_unit.empty() ? nullptr : nlohmann::ordered_json(item.size_unit);
    j["confidence"] = std::string(confidence_name(item.trust.confidence));
    j["as_of"] = item.trust.as_of.to_string();
    j["stale"] = stale.stale(item.trust);
    items.push_back(std::move(j));
  }
  auto lines = nlohmann::ordered_json::array();
  for (const auto& line : o.lines) {
    nlohmann::ordered_json j;
    j["need"] = line.need;
    j["generation"] = line.generation;
    j["account"] = line.account;
    j["clips_per_month"] = line.count;
    j["app_clips"] = line.app_clips;
    j["unit_clips"] = line.unit_clips;
    j["api_clips"] = line.api_clips;
    j["credits_per_clip"] = line.credits_per_clip ? nlohmann::ordered_json(*line.credits_per_clip) : nullptr;
    j["units_per_clip"] = line.units_per_clip ? nlohmann::ordered_json(format_plain(*line.units_per_clip)) : nullptr;
    j["api_per_clip"] = line.api_per_clip ? nlohmann::ordered_json(format_plain(*line.api_per_clip, 10)) : nullptr;
    j["unit_balance"] = line.unit_balance;
    j["confidence"] = std::string(confidence_name(line.trust.confidence));
    j["as_of"] = line.trust.as_of.to_string();
    j["stale"] = stale.stale(line.trust);
    lines.push_back(std::move(j));
  }
  nlohmann::ordered_json j;
  j["label"] = o.label;
  j["total"] = format_plain(o.total, 10);
  j["currency"] = code;
  j["per_second"] = format_fixed(o.per_second, 6);
  j["per_second_exact"] = format_exact(o.per_second);
  j["seconds"] = r.seconds_a_month * r.months;
  j["unused_credits"] = o.unused_credits;
  j["unused_units"] = format_plain(o.unused_units);
  j["providers"] = o.providers;
  j["confidence"] = std::string(confidence_name(o.trust.confidence));
  j["as_of"] = o.trust.as_of.to_string();
  j["stale"] = stale.stale(o.trust);
  j["inferred"] = o.inferred;
  j["sources"] = o.trust.sources;
  j["summary"] = o.summary;
  j["items"] = std::move(items);
  j["lines"] = std::move(lines);
  return j;
}

constexpr const char* kUnprovenNote =
    "Not proven the cheapest: an account's lines were too many to combine its plan credits with its API unit packs "
    "exactly, so each was tried without the other; narrow the need (fewer lines or clips, --provider, --offer) for an "
    "exact answer.";

std::string rules_note(const RecommendResult& r, const Date& as_of, const std::string& code) {
  std::string text = fmt::format(
      "The market as of {}, over {} month{}; amounts in {} at the catalog's rates. Plan and free credits expire "
      "monthly; packs last their validity. ",
      as_of.to_string(), r.months, r.months == 1 ? "" : "s", code);
  text += r.free_credits ? "Free daily credits counted (--free): their figures are low confidence."
                         : "Free daily credits not counted (--free counts them).";
  if (!r.offers.everything()) text += fmt::format(" Only offers of kind {} (--offer).", r.offers.describe());
  return text;
}

}  // namespace

// Rows of the best option that rest on stale figures, for the footer.
StaleReport staleness_of(const RecommendResult& result, const Market& market) {
  StaleReport report(market);
  for (const auto& item : result.best.items) report.row(item.trust);
  for (const auto& line : result.best.lines) report.row(line.trust);
  return report;
}

Table recommend_table(const RecommendResult& result, const Market& market) {
  const Date& as_of = market.date;
  const std::string code(currency_code(result.currency));
  Table t;
  t.columns = {{"section"}, {"account"}, {"item"},     {"id"},         {"name", true},
               {"quantity"}, {"amount"}, {"currency"}, {"confidence"}, {"detail"}};
  add_detailed(t, code, result, result.best);
  for (const auto& option : result.alone) add_total(t, code, result, option);
  for (const auto& option : result.alternatives) add_total(t, code, result, option);
  t.footnotes.push_back(rules_note(result, as_of, code) + " Confidence: the weakest figure a row rests on.");
  if (!result.best.proven) t.footnotes.push_back(kUnprovenNote);
  if (const auto stale = staleness_of(result, market).footnote(); !stale.empty()) t.footnotes.push_back(stale);
  return t;
}

std::string recommend_json(const RecommendResult& result, const Market& market, const std::vector<std::string>& what_ifs) {
  const Date& as_of = market.date;
  const StaleReport stale = staleness_of(result, market);
  const std::string code(currency_code(result.currency));
  nlohmann::ordered_json doc;
  doc["as_of"] = as_of.to_string();
  doc["currency"] = code;
  doc["months"] = result.months;
  doc["seconds_per_month"] = result.seconds_a_month;
  doc["free_credits"] = result.free_credits;
  doc["offers"] = result.offers.everything() ? "all" : result.offers.describe();
  doc["stale_after_days"] = market.stale_after_days;
  if (!what_ifs.empty()) doc["what_if"] = what_ifs;
  doc["best"] = option_json(result, result.best, code, stale);
  doc["proven_optimal"] = result.best.proven;
  auto alone = nlohmann::ordered_json::array();
  for (const auto& o : result.alone) alone.push_back(option_json(result, o, code, stale));
  doc["alone"] = std::move(alone);
  auto alternatives = nlohmann::ordered_json::array();
  for (const auto& o : result.alternatives) alternatives.push_back(option_json(result, o, code, stale));
  doc["alternatives"] = std::move(alternatives);
  doc["note"] = rules_note(result, as_of, code);
  doc["stale_note"] = stale.footnote();
  return doc.dump(2) + "\n";
}

}  // namespace vidcost
