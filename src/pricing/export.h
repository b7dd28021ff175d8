// Exports of the catalog's prices for other tools: LiteLLM's model cost map (the format API
// gateways read) and one flat row per priced generation and offer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pricing/compare.h"
#include "pricing/market.h"

namespace vidcost {

// One LiteLLM entry: an API's price of one model and mode (a resolution), per second of video.
struct LitellmEntry {
  std::string key;  // "kling/2.6-pro", with "-API" when the provider has several APIs
  std::string provider, model, mode, api_id, resolution;
  std::string size;  // "1920x1080" where the catalog gives the frame size
  bool audio = false;
  std::vector<int> durations;                  // the clip lengths priced
  std::map<int, Rational> usd_per_second;      // by clip length, in USD
  std::map<int, Amount> native_per_second;     // by clip length, in the API's own currency
  std::optional<FxRate> fx;                    // the rate used, when the API is not in USD
  Trust trust;
  std::string source_url;  // the first source that is a URL
  // The price LiteLLM gets: per second of the shortest clip (the same for every length when
  // `uniform`).
  const Rational& headline() const { return usd_per_second.begin()->second; }
  bool uniform() const;
};

// Every API price per second on the market's date, one entry per API, model and mode, in
// provider, model and mode order.
// `patterns` narrow it (none: every API price).
std::vector<LitellmEntry> litellm_entries(const Market& market, const std::vector<SpecPattern>& patterns = {});

}  // namespace vidcost
