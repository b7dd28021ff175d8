#include "pricing/quote.h"

#include <algorithm>

#include <fmt/format.h>

namespace vidcost {
namespace {

Confidence weaker(Confidence a, Confidence b) { return std::max(a, b); }

// The quote starts from the mode's provenance and takes the weaker/older of each offer figure.
Quote start(const Generation& g, OfferKind kind, const std::string& id, const std::string& name, Region region,
            Currency currency, const Provenance& offer, const QuoteOptions& options) {
  Quote q;
  q.generation = g;
  q.kind = kind;
  q.offer_id = id;
  q.offer_name = name;
  q.region = region;
  q.currency = currency;
  q.utilization = kind == OfferKind::Api ? Rational(1) : options.utilization;
  q.confidence = offer.confidence;
  q.as_of = offer.as_of;
  q.inferred = offer.inferred;
  q.sources.push_back(offer.source);
  return q;
}

void add_mode_provenance(Quote& q) {
  const Provenance& m = q.generation.mode->provenance;
  q.confidence = weaker(q.confidence, m.confidence);
  q.as_of = std::min(q.as_of, m.as_of);
  q.inferred = q.inferred || m.inferred;
  if (std::find(q.sources.begin(), q.sources.end(), m.source) == q.sources.end()) q.sources.push_back(m.source);
}

// Credits per clip from the mode, or an unpriced reason.
std::optional<Rational> mode_credits(Quote& q) {
  const Mode& mode = *q.generation.mode;
  if (!mode.credits.known()) {
    q.unpriced_reason = "in-app credits per clip unknown: " + mode.credits.reason;
    return std::nullopt;
  }
  add_mode_provenance(q);
  return mode.credits.value->at(q.generation.seconds);
}

void finish_credit_quote(Quote& q, const Amount& offer_price, const Rational& offer_credits) {
  q.offer_price = offer_price;
  q.offer_credits = offer_credits;
  q.credit_price = offer_price / offer_credits;
  auto credits = mode_credits(q);
  if (!credits) return;
  q.credits_per_clip = *credits;
  q.clip_price = *q.credit_price * *credits;
  q.per_second = *q.clip_price / Rational(q.generation.seconds) / q.utilization;
}

const ApiRate* find_rate(const ApiOffer& offer, const Generation& g, const Date& as_of) {
  for (const auto& rate : offer.rates) {
    if (rate.model == g.model->id && rate.mode == g.mode->id && rate.provenance.effective.contains(as_of)) {
      return &rate;
    }
  }
  return nullptr;
}

void add_rate_provenance(Quote& q, const ApiRate& rate) {
  q.confidence = weaker(q.confidence, rate.provenance.confidence);
  q.as_of = std::min(q.as_of, rate.provenance.as_of);
  q.inferred = q.inferred || rate.provenance.inferred;
  if (std::find(q.sources.begin(), q.sources.end(), rate.provenance.source) == q.sources.end()) {
    q.sources.push_back(rate.provenance.source);
  }
}

}  // namespace

std::string_view offer_kind_name(OfferKind kind) {
  switch (kind) {
    case OfferKind::Plan: return "plan";
    case OfferKind::Pack: return "pack";
    case OfferKind::Api: return "api";
    case OfferKind::ApiPack: return "api-pack";
  }
  return "";
}

std::optional<OfferKind> parse_offer_kind(std::string_view text) {
  for (OfferKind k : {OfferKind::Plan, OfferKind::Pack, OfferKind::Api, OfferKind::ApiPack}) {
    if (offer_kind_name(k) == text) return k;
  }
  return std::nullopt;
}

std::string Quote::derivation() const {
  if (!priced()) return "";
  const std::string cur(currency_code(currency));
  const std::string seconds = fmt::format("{} s", generation.seconds);
  const std::string util = utilization == 1 ? "" : fmt::format(" / U {}", format_plain(utilization));
  switch (kind) {
    case OfferKind::Plan:
    case OfferKind::Pack:
      return fmt::format("{} {} / {} cr x {} cr / {}{}", format_plain(offer_price->value), cur,
                         format_plain(*offer_credits), format_plain(*credits_per_clip), seconds, util);
    case OfferKind::ApiPack:
      return fmt::format("{} {} / {} units x {} units / {}{}", format_plain(offer_price->value), cur,
                         format_plain(*offer_credits), format_plain(*credits_per_clip), seconds, util);
    case OfferKind::Api:
      if (tokens_per_clip) {
        return fmt::format("{} tokens x {} {}/M tokens / {}", format_plain(*tokens_per_clip),
                           format_plain(offer_price->value), cur, seconds);
      }
      if (credits_per_clip && offer_price) {
        return fmt::format("{} units x {} {}/unit / {}", format_plain(*credits_per_clip),
                           format_plain(offer_price->value), cur, seconds);
      }
      return fmt::format("{} {} per clip / {}", format_plain(clip_price->value), cur, seconds);
  }
  return "";
}

Quote quote_plan(const Generation& g, const Plan& plan, const QuoteOptions& options) {
  Quote q = start(g, OfferKind::Plan, plan.id, plan.name_local.empty() ? plan.name : plan.name_local, plan.region,
                  plan.currency, plan.provenance, options);
  if (!plan.price.known()) {
    q.unpriced_reason = "plan price unknown: " + plan.price.reason;
    return q;
  }
  if (!plan.credits_per_month.known()) {
    q.offer_price = *plan.price.value;
    q.unpriced_reason = "plan credits unknown: " + plan.credits_per_month.reason;
    return q;
  }
  finish_credit_quote(q, *plan.price.value, *plan.credits_per_month.value * plan.months());
  return q;
}

Quote quote_pack(const Generation& g, const Pack& pack, const QuoteOptions& options) {
  Quote q = start(g, OfferKind::Pack, pack.id, pack.name, pack.region, pack.currency, pack.provenance, options);
  if (!pack.credits.known()) {
    q.offer_price = pack.price;
    q.unpriced_reason = "pack credits unknown: " + pack.credits.reason;
    return q;
  }
  finish_credit_quote(q, pack.price, *pack.credits.value + pack.bonus_credits);
  return q;
}

std::optional<Quote> quote_api(const Generation& g, const ApiOffer& offer, const QuoteOptions& options) {
  const ApiRate* rate = find_rate(offer, g, options.as_of);
  if (!rate) return std::nullopt;
  Quote q = start(g, OfferKind::Api, offer.id, offer.name, offer.region, offer.currency, offer.provenance, options);
  add_rate_provenance(q, *rate);
  const int s = g.seconds;
  if (rate->per_second) {
    q.clip_price = *rate->per_second * Rational(s);
  } else if (auto clip = rate->per_clip.find(s); clip != rate->per_clip.end()) {
    q.clip_price = clip->second;
  } else if (rate->per_million_tokens) {
    const auto tokens = clip_tokens(*g.mode, s);
    if (!tokens) {
      q.unpriced_reason = "the mode gives no frame size and rate to count tokens";
      return q;
    }
    q.offer_price = *rate->per_million_tokens;
    q.tokens_per_clip = *tokens;
    q.clip_price = *rate->per_million_tokens * (*tokens / 1000000);
  } else if (auto units = rate->units.find(s); units != rate->units.end() && offer.unit_price) {
    q.offer_price = *offer.unit_price;
    q.credits_per_clip = units->second;
    q.clip_price = *offer.unit_price * units->second;
  } else {
    q.unpriced_reason = fmt::format("the API price list gives no price for {} s clips", s);
    return q;
  }
  q.per_second = *q.clip_price / Rational(s);
  return q;
}

std::optional<Quote> quote_api_pack(const Generation& g, const ApiPack& pack, const QuoteOptions& options) {
  const ApiOffer* offer = find_api(*g.provider, pack.api, options.as_of);
  if (!offer) return std::nullopt;
  const ApiRate* rate = find_rate(*offer, g, options.as_of);
  if (!rate) return std::nullopt;
  Quote q = start(g, OfferKind::ApiPack, pack.id, pack.name, pack.region, pack.currency, pack.provenance, options);
  add_rate_provenance(q, *rate);
  q.offer_price = pack.price;
  q.offer_credits = pack.units;
  q.credit_price = pack.price / pack.units;
  auto units = rate->units.find(g.seconds);
  if (units == rate->units.end()) {
    q.unpriced_reason = fmt::format("units per {} s clip unknown for this API", g.seconds);
    return q;
  }
  q.credits_per_clip = units->second;
  q.clip_price = *q.credit_price * units->second;
  q.per_second = *q.clip_price / Rational(g.seconds) / q.utilization;
  return q;
}

std::vector<Quote> quote_all(const Generation& g, const QuoteOptions& options) {
  std::vector<Quote> quotes;
  const Provider& p = *g.provider;
  auto in_region = [&](Region r) { return !options.region || *options.region == r; };
  auto wanted = [&](OfferKind k) { return !options.kind || *options.kind == k; };
  if (g.mode->in_app) {
    for (const auto& plan : p.plans) {
      if (wanted(OfferKind::Plan) && plan.provenance.effective.contains(options.as_of) && in_region(plan.region)) {
        quotes.push_back(quote_plan(g, plan, options));
      }
    }
    for (const auto& pack : p.packs) {
      if (wanted(OfferKind::Pack) && pack.provenance.effective.contains(options.as_of) && in_region(pack.region)) {
        quotes.push_back(quote_pack(g, pack, options));
      }
    }
  }
  for (const auto& offer : p.apis) {
    if (!wanted(OfferKind::Api) || !offer.provenance.effective.contains(options.as_of) || !in_region(offer.region)) {
      continue;
    }
    if (auto q = quote_api(g, offer, options)) quotes.push_back(std::move(*q));
  }
  for (const auto& pack : p.api_packs) {
    if (!wanted(OfferKind::ApiPack) || !pack.provenance.effective.contains(options.as_of) ||
        !in_region(pack.region)) {
      continue;
    }
    if (auto q = quote_api_pack(g, pack, options)) quotes.push_back(std::move(*q));
  }
  // A known product that no offer of the catalog sells at a known price (Baidu MuseSteamer) is
  // still listed, as unpriced, with the reason the catalog gives.
  const Region home = p.home_region.value_or(Region::Intl);
  if (quotes.empty() && p.plans.empty() && p.packs.empty() && p.apis.empty() && p.api_packs.empty() &&
      in_region(home)) {
    Quote q = start(g, OfferKind::Api, "none", "no offer with a known price", home,
                    home == Region::CN ? Currency::CNY : Currency::USD, g.mode->provenance, options);
    q.unpriced_reason = g.mode->credits.known() ? "no price known" : "no price known: " + g.mode->credits.reason;
    quotes.push_back(std::move(q));
  }
  return quotes;
}

}  // namespace vidcost
