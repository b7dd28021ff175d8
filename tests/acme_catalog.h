// A small catalog written for the unit suites, with round figures so that every expected
// value can be worked out by hand in the test that uses it:
//
// acme (intl and cn), model 1.0:
//   mode 720p: 5 s = 10 credits, 10 s = 20 credits; mode 1080p: API only, 5 s.
//   plan pro:        10 USD a month, 100 credits  -> 0.10 USD a credit (12 USD from 2027-01-01)
//   plan pro-annual: 96 USD a year, 100 a month   -> 96 / 1200 = 0.08 USD a credit
//   plan gold (cn):  77 CNY a month, 100 credits  -> 0.77 CNY = 0.11 USD a credit (1 USD = 7 CNY)
//   pack topup:      5 USD for 40 credits, valid 30 days   -> 0.125 USD a credit
//   pack big:        50 USD for 500 credits, valid 365 days -> 0.10 USD a credit
//   api intl:        720p 0.30 USD a second; 1080p 3 units x 0.10 USD = 0.30 USD a clip
//   api pack starter: 20 USD for 250 units -> 0.08 USD a unit
//   free credits:    2 a day
// zeta (cn): a product with no offer at all.
#pragma once

#include "test_catalogs.h"

namespace vidcost::testing {

inline NamedText acme_provider() {
  return {"acme.toml", R"toml(
[provider]
id = "acme"
name = "Acme"
aliases = ["阿克米"]

[sources.A1]
title = "Acme price list"
as_of = 2025-01-01

[[plan]]
id = "pro"
name = "Pro"
region = "intl"
currency = "USD"
billing = "month"
price = "10.00"
credits_per_month = 100
source = "A1"
as_of = 2025-01-01
confidence = "high"
effective_to = 2027-01-01

[[plan]]
id = "pro"
name = "Pro"
region = "intl"
currency = "USD"
billing = "month"
price = "12.00"
credits_per_month = 100
source = "A1"
as_of = 2026-12-01
confidence = "high"
effective_from = 2027-01-01

[[plan]]
id = "pro-annual"
name = "Pro (annual)"
region = "intl"
currency = "USD"
billing = "year"
price = 96
credits_per_month = 100
source = "A1"
as_of = 2025-01-01
confidence = "medium"

[[plan]]
id = "gold"
name = "Gold"
name_local = "黄金会员"
aliases = ["黄金"]
region = "cn"
currency = "CNY"
billing = "month"
price = 77
credits_per_month = 100
source = "A1"
as_of = 2025-01-01
confidence = "low"
inferred = true
note = "credits inferred from the international tier"

[[pack]]
id = "topup"
region = "intl"
currency = "USD"
price = 5
credits = 40
validity_days = 30
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[pack]]
id = "big"
region = "intl"
currency = "USD"
price = 50
credits = 500
validity_days = 365
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[model]]
id = "1.0"
name = "Acme 1"

[[model.mode]]
id = "720p"
resolution = "720p"
durations = [5, 10]
credits = { 5 = 10, 10 = 20 }
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[model.mode]]
id = "1080p"
resolution = "1080p"
in_app = false
durations = [5]
credits = "unknown"
unknown_reason = "sold through the API only"
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[api]]
id = "intl"
name = "Acme API"
region = "intl"
currency = "USD"
unit_price = "0.10"
source = "A1"
as_of = 2025-01-01
confidence = "high"

[[api.rate]]
model = "1.0"
mode = "720p"
per_second = "0.30"

[[api.rate]]
model = "1.0"
mode = "1080p"
units = { 5 = 3 }

[[api_pack]]
id = "starter"
api = "intl"
region = "intl"
currency = "USD"
price = 20
units = 250
source = "A1"
as_of = 2025-01-01
confidence = "medium"

[free]
daily_credits = 2
source = "A1"
as_of = 2025-01-01
confidence = "low"
)toml"};
}

inline NamedText zeta_provider() {
  return {"zeta.toml", R"toml(
[provider]
id = "zeta"
name = "Zeta"
region = "cn"
notes = "no price is published"

[[model]]
id = "2.0"
name = "Zeta 2"

[[model.mode]]
id = "pro"
resolution = "1080p"
durations = [5]
credits = "unknown"
unknown_reason = "Zeta publishes no price"
source = "https://example.test/zeta"
as_of = 2025-06-01
confidence = "low"
)toml"};
}

// An update file: from 2026-04-15 acme gives 30 free credits a day (source A1).
inline NamedText acme_free_credits_update() {
  return {"0001-free.toml", R"toml([provider]
id = "acme"
name = "Acme"

[free]
daily_credits = 30
source = "A1"
as_of = 2026-04-01
effective_from = 2026-04-15
confidence = "high"
)toml"};
}

inline const Catalog& acme_catalog() {
  static const Catalog catalog = catalog_from({acme_provider(), zeta_provider(), fx_seven()});
  return catalog;
}

}  // namespace vidcost::testing
