// Claims files: named, checkable statements about prices (ratios, orderings, ranges, the
// highest plan price of a market), each found to hold, to fail, or to be impossible to check
// with the figures the catalog has. The format is in docs/claims.md.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compute/calibrate.h"
#include "pricing/market.h"
#include "pricing/offer.h"

namespace vidcost {

// The per-second price of one generation on one offer.
struct ClaimQuantity {
  std::string spec;
  OfferKind kind = OfferKind::Plan;
  std::string offer;
  Location where;
};

enum class ClaimKind { Ratio, Less, Range, HighestPlanPrice, MarginAtLeast };

struct Claim {
  std::string id, outlet, statement, note;
  ClaimKind kind = ClaimKind::Ratio;
  Date date;
  std::optional<Date> checked_on;  // the market date it is checked on; none: `date`
  std::optional<ClaimQuantity> a, b;
  std::optional<Rational> expected, tolerance, min, max;
  std::optional<Currency> currency;
  std::optional<Region> region;
  std::string provider;
  std::string scenario = "central";  // margin-at-least: the serving scenario it is checked against
  Location where;
};

// The compute catalog and its time model, for margin claims; loaded only when one is checked.
struct ServingModel {
  const ComputeCatalog* compute = nullptr;
  const TimeModel* model = nullptr;
};
using ServingModelSource = std::function<ServingModel()>;

// Reads a claims file. Every problem (TOML syntax, unknown keys, missing fields, an unknown
// provider) is reported: Error (BadInput) whose problems carry FILE:LINE:COL.
std::vector<Claim> read_claims(const std::filesystem::path& path, const Catalog& catalog);

// A figure of a verdict, typed: a per-second price (unit "/s"), a monthly price ("/month"), a
// ratio ("ratio") or a margin share ("share").
struct ClaimFigure {
  Rational value;
  std::optional<Currency> currency;
  std::string unit;
};

struct ClaimOutcome {
  enum class Result { Holds, Fails, Unchecked } result = Result::Unchecked;
  std::string computed;  // what the catalog gives, in words
  std::string expected;  // what the claim says, in words
  std::vector<std::string> inferred;  // inferred figures the verdict rests on
  std::optional<ClaimFigure> figure;  // the computed figure the verdict compares
  // The bounds it must lie within, in the figure's unit (one may be absent), and for a
  // highest-plan-price claim the provider expected on top.
  std::optional<Rational> expected_min, expected_max;
  std::string expected_provider;
};
std::string_view claim_result_name(ClaimOutcome::Result r);

// Checks one claim on the market. A quantity naming an unknown offer or generation throws
// Error (BadInput) with the quantity's FILE:LINE:COL.
ClaimOutcome check_claim(const Market& market, const Claim& claim, const ServingModelSource& serving = {});

// Checks one claim on the market of its own date (or of `market`'s date when `own_date` is false).
// A claim that cannot be checked on that date (a generation not out yet, an offer that ended, a
// figure unknown) comes back Unchecked with the reason, never as an error.
ClaimOutcome check_claim_on_its_date(const Market& market, const Claim& claim, bool own_date,
                                     const ServingModelSource& serving = {});

}  // namespace vidcost
