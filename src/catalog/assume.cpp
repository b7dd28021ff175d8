#include "catalog/assume.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "money/currency.h"
#include "money/decimal.h"

namespace vidcost {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Values beyond this are typing mistakes, not what-ifs.
const Rational kLargest = Rational(1'000'000'000);

const std::vector<std::pair<std::string, std::vector<std::string>>> kFields = {
    {"plan", {"price", "list_price", "renewal_price", "first_month_price", "credits_per_month"}},
    {"pack", {"price", "credits", "bonus_credits"}},
    {"api", {"unit_price"}},
    {"api_pack", {"price", "units"}},
    {"mode", {"credits@Ns"}},
    {"rate", {"per_second", "per_clip@Ns", "units@Ns", "per_million_tokens"}},
};

std::vector<std::string> field_names(const std::string& kind) {
  for (const auto& [k, fields] : kFields) {
    if (k == kind) return fields;
  }
  return {};
}

[[noreturn]] void fail(const Assumption& a, const std::string& why) {
  throw Error::bad_input(fmt::format("--assume {}: {}", a.text, why));
}

// "30" or "2.5": an exact number, positive (or zero where `zero_ok`).
Rational count_value(const Assumption& a, bool zero_ok) {
  const auto v = parse_exact(trim(a.value));
  if (!v) fail(a, fmt::format("'{}' is not a number", a.value));
  if (*v < 0 || (!zero_ok && *v == 0)) fail(a, fmt::format("{} must be {}", a.field, zero_ok ? "zero or more" : "more than zero"));
  if (*v > kLargest) fail(a, fmt::format("{} is implausibly large", a.value));
  return *v;
}

// "0.12", "0.12USD" or "0.12 USD": a positive amount in the entry's own currency.
Amount amount_value(const Assumption& a, Currency currency) {
  std::string_view text = trim(a.value);
  std::size_t digits = text.size();
  while (digits > 0 && std::isalpha(static_cast<unsigned char>(text[digits - 1]))) --digits;
  const std::string_view code = text.substr(digits);
  if (digits == 0) fail(a, fmt::format("'{}' is not an amount", a.value));
  if (!code.empty()) {
    const auto given = parse_currency(code);
    if (!given) fail(a, fmt::format("'{}' is not a currency", std::string(code)));
    if (*given != currency) {
      fail(a, fmt::format("the entry is priced in {}, not {}; give the amount in {}", currency_code(currency),
                          currency_code(*given), currency_code(currency)));
    }
  }
  const auto v = parse_exact(trim(text.substr(0, digits)));
  if (!v) fail(a, fmt::format("'{}' is not an amount", a.value));
  if (*v <= 0) fail(a, fmt::format("{} must be more than zero", a.field));
  if (*v > kLargest) fail(a, fmt::format("{} is implausibly large", a.value));
  return {*v, currency};
}

// "credits@5s" -> 5, for a field of that shape; the duration must be one the entry lists.
std::optional<int> seconds_of(const Assumption& a, std::string_view stem) {
  const std::string& f = a.field;
  if (f.size() <= stem.size() + 2 || f.compare(0, stem.size(), stem) != 0 || f[stem.size()] != '@' || f.back() != 's') {
    return std::nullopt;
  }
  const std::string digits = f.substr(stem.size() + 1, f.size() - stem.size() - 2);
  if (digits.empty() || digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
    fail(a, fmt::format("'{}' is not {}@SECONDSs (such as {}@5s)", f, stem, stem));
  }
  return std::stoi(digits);
}

void mark(Provenance& p, const Assumption& a) {
  p.source = "assumed: " + a.text;
  p.inferred = false;
}

[[noreturn]] void unknown_field(const Assumption& a) {
  fail(a, fmt::format("a {} has no field '{}' an assumption can set; use {}{}", a.kind, a.field,
                      fmt::join(field_names(a.kind), ", "), did_you_mean(a.field, field_names(a.kind))));
}

template <typename T>
[[noreturn]] void unknown_id(const Assumption& a, const Provider& p, const std::vector<T>& entries) {
  std::vector<std::string> ids;
  for (const auto& e : entries) {
    if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
  }
  fail(a, fmt::format("{} has no {} '{}'{}", p.id, a.kind, a.id, did_you_mean(a.id, ids)));
}

void assume_plan(Provider& p, const Assumption& a) {
  bool found = false;
  for (auto& plan : p.plans) {
    if (!names(plan.id, plan.aliases, a.id)) continue;
    found = true;
    if (a.field == "credits_per_month") {
      plan.credits_per_month = {count_value(a, false), ""};
    } else if (a.field == "price") {
      plan.price = {amount_value(a, plan.currency), ""};
    } else if (a.field == "list_price") {
      plan.list_price = amount_value(a, plan.currency);
    } else if (a.field == "renewal_price") {
      plan.renewal_price = amount_value(a, plan.currency);
    } else if (a.field == "first_month_price") {
      plan.first_month_price = amount_value(a, plan.currency);
    } else {
      unknown_field(a);
    }
    mark(plan.provenance, a);
  }
  if (!found) unknown_id(a, p, p.plans);
}

void assume_pack(Provider& p, const Assumption& a) {
  bool found = false;
  for (auto& pack : p.packs) {
    if (pack.id != a.id) continue;
    found = true;
    if (a.field == "price") pack.price = amount_value(a, pack.currency);
    else if (a.field == "credits") pack.credits = {count_value(a, false), ""};
    else if (a.field == "bonus_credits") pack.bonus_credits = count_value(a, true);
    else unknown_field(a);
    mark(pack.provenance, a);
  }
  if (!found) unknown_id(a, p, p.packs);
}

void assume_api(Provider& p, const Assumption& a) {
  bool found = false;
  for (auto& api : p.apis) {
    if (api.id != a.id) continue;
    found = true;
    if (a.field != "unit_price") unknown_field(a);
    if (!api.unit_price) fail(a, fmt::format("API '{}' of {} is not billed in units", api.id, p.id));
    api.unit_price = amount_value(a, api.currency);
    mark(api.provenance, a);
  }
  if (!found) unknown_id(a, p, p.apis);
}

void assume_api_pack(Provider& p, const Assumption& a) {
  bool found = false;
  for (auto& pack : p.api_packs) {
    if (pack.id != a.id) continue;
    found = true;
    if (a.field == "price") pack.price = amount_value(a, pack.currency);
    else if (a.field == "units") pack.units = count_value(a, false);
    else unknown_field(a);
    mark(pack.provenance, a);
  }
  if (!found) unknown_id(a, p, p.api_packs);
}

// "2.1/pro": the model and mode, each by id or alias.
std::pair<const Model*, std::string> split_mode(const Provider& p, const Assumption& a, std::string_view id) {
  const auto slash = id.find('/');
  if (slash == std::string_view::npos) fail(a, fmt::format("'{}' is not MODEL/MODE (such as 2.1/pro)", std::string(id)));
  const Model* model = find_model(p, id.substr(0, slash));
  if (!model) {
    std::vector<std::string> ids;
    for (const auto& m : p.models) ids.push_back(m.id);
    fail(a, fmt::format("{} has no model '{}'{}", p.id, std::string(id.substr(0, slash)),
                        did_you_mean(id.substr(0, slash), ids)));
  }
  return {model, std::string(id.substr(slash + 1))};
}

void assume_mode(Provider& p, const Assumption& a) {
  const auto [found_model, mode_id] = split_mode(p, a, a.id);
  const auto seconds = seconds_of(a, "credits");
  if (!seconds) unknown_field(a);
  Model& model = p.models[static_cast<std::size_t>(found_model - p.models.data())];
  bool found = false;
  for (auto& mode : model.modes) {
    if (!names(mode.id, mode.aliases, mode_id)) continue;
    found = true;
    if (std::find(mode.durations.begin(), mode.durations.end(), *seconds) == mode.durations.end()) {
      fail(a, fmt::format("mode {}/{} makes no {}-second clips", model.id, mode.id, *seconds));
    }
    if (!mode.credits.value) mode.credits = {std::map<int, Rational>{}, ""};
    (*mode.credits.value)[*seconds] = count_value(a, false);
    mark(mode.provenance, a);
  }
  if (!found) unknown_id(a, p, model.modes);
}

void assume_rate(Provider& p, const Assumption& a) {
  const auto slash = a.id.find('/');
  if (slash == std::string::npos) fail(a, fmt::format("'{}' is not API/MODEL/MODE (such as intl/2.6/pro)", a.id));
  const std::string api_id = a.id.substr(0, slash);
  const auto [model, mode_id] = split_mode(p, a, std::string_view(a.id).substr(slash + 1));
  bool api_found = false, found = false;
  for (auto& api : p.apis) {
    if (api.id != api_id) continue;
    api_found = true;
    for (auto& rate : api.rates) {
      if (rate.model != model->id || rate.mode != mode_id) continue;
      found = true;
      if (a.field == "per_second") {
        rate.per_second = amount_value(a, api.currency);
      } else if (a.field == "per_million_tokens") {
        rate.per_million_tokens = amount_value(a, api.currency);
      } else if (auto s = seconds_of(a, "per_clip")) {
        rate.per_clip[*s] = amount_value(a, api.currency);
      } else if (auto u = seconds_of(a, "units")) {
        rate.units[*u] = count_value(a, false);
      } else {
        unknown_field(a);
      }
      mark(rate.provenance, a);
    }
  }
  if (!api_found) unknown_id(a, p, p.apis);
  if (!found) fail(a, fmt::format("API '{}' of {} has no rate for {}/{}", api_id, p.id, model->id, mode_id));
}

}  // namespace

const std::vector<std::pair<std::string, std::vector<std::string>>>& assumable_fields() { return kFields; }

Assumption parse_assumption(std::string_view text) {
  Assumption a;
  a.text = std::string(trim(text));
  const auto eq = a.text.find('=');
  auto usage = [&] {
    return Error::bad_input(fmt::format("--assume '{}' is not KEY=VALUE with KEY = PROVIDER.KIND.ID.FIELD "
                                        "(such as jimeng.plan.basic.credits_per_month=1000)",
                                        a.text));
  };
  if (eq == std::string::npos || a.text.size() > 300) throw usage();
  const std::string key = std::string(trim(std::string_view(a.text).substr(0, eq)));
  a.value = std::string(trim(std::string_view(a.text).substr(eq + 1)));
  const auto first = key.find('.');
  const auto second = first == std::string::npos ? first : key.find('.', first + 1);
  const auto last = key.rfind('.');
  if (second == std::string::npos || last <= second || a.value.empty()) throw usage();
  a.provider = key.substr(0, first);
  a.kind = key.substr(first + 1, second - first - 1);
  a.id = key.substr(second + 1, last - second - 1);
  a.field = key.substr(last + 1);
  if (a.provider.empty() || a.id.empty() || a.field.empty()) throw usage();
  if (field_names(a.kind).empty()) {
    std::vector<std::string> kinds;
    for (const auto& [k, _] : kFields) kinds.push_back(k);
    throw Error::bad_input(fmt::format("--assume {}: '{}' is not a kind of entry; use {}{}", a.text, a.kind,
                                       fmt::join(kinds, ", "), did_you_mean(a.kind, kinds)));
  }
  return a;
}

void apply_assumption(Catalog& catalog, const Assumption& a) {
  const Provider* named = catalog.find_provider(a.provider);
  if (!named) {
    fail(a, fmt::format("no provider '{}' in the catalog{}", a.provider, did_you_mean(a.provider, catalog.provider_ids())));
  }
  Provider& p = catalog.providers[static_cast<std::size_t>(named - catalog.providers.data())];
  if (a.kind == "plan") assume_plan(p, a);
  else if (a.kind == "pack") assume_pack(p, a);
  else if (a.kind == "api") assume_api(p, a);
  else if (a.kind == "api_pack") assume_api_pack(p, a);
  else if (a.kind == "mode") assume_mode(p, a);
  else assume_rate(p, a);
}

}  // namespace vidcost
