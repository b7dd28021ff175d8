#include "pricing/serving_cost.h"

#include <fmt/format.h>

#include "core/error.h"

namespace vidcost {
namespace {

std::string percent(const Rational& share) { return format_fixed(share * 100, 0) + "%"; }

bool offer_matches(const Anchor& a, const Quote& q) {
  if (a.region && *a.region != q.region) return false;
  if (a.offer == "api") return q.kind == OfferKind::Api || q.kind == OfferKind::ApiPack;
  if (a.offer == "app") return q.kind == OfferKind::Plan || q.kind == OfferKind::Pack;
  return true;
}

}  // namespace

ProductTarget product_of(const Generation& g) {
  return ProductTarget{g.provider->id, g.model->id,   g.mode->id,    g.seconds, g.spec(), g.mode->resolution,
                       g.mode->width,  g.mode->height, g.mode->fps};
}

std::string Evidence::detail() const {
  const Anchor& a = *anchor;
  switch (a.kind) {
    case AnchorKind::GpuSecondsPerSecondAtLeast:
      return fmt::format("{:.2g} H100-s per video second, published >= {}", measured, format_plain(a.value));
    case AnchorKind::CostPerSecondAbout:
      return fmt::format("cost {} {}/s, published {} +/- {}", format_fixed(measured_exact, 3), currency_code(*a.currency),
                         format_plain(a.value), format_plain(a.tolerance));
    case AnchorKind::MarginAtLeast:
      return fmt::format("margin {} vs published >= {}", percent(measured_exact), percent(a.value));
    case AnchorKind::MarginAbout:
      return fmt::format("margin {} vs published {} +/- {}", percent(measured_exact), percent(a.value),
                         percent(a.tolerance));
  }
  return "";
}

std::vector<Evidence> evidence_for(const ComputeCatalog& compute, const std::string& profile,
                                   const ProductTarget& product, const Market& market, const ScenarioCost& scenario,
                                   const Quote* quote, const std::optional<Rational>& margin_share) {
  std::vector<Evidence> out;
  for (const auto& a : compute.anchors) {
    if (a.profile != profile || (!a.match.empty() && !product_matches(a.match, product))) continue;
    switch (a.kind) {
      case AnchorKind::GpuSecondsPerSecondAtLeast: {
        const double have = scenario.gpu_seconds_per_video_second;
        out.push_back({&a, have >= a.value.convert_to<double>(), have, {}});
        break;
      }
      case AnchorKind::CostPerSecondAbout: {
        if (!scenario.estimate.cost) break;
        Rational cost = market.value_in(scenario.estimate.cost->per_second, *a.currency);
        const Rational gap = cost > a.value ? Rational(cost - a.value) : Rational(a.value - cost);
        out.push_back({&a, gap <= a.tolerance, 0, std::move(cost)});
        break;
      }
      case AnchorKind::MarginAtLeast:
      case AnchorKind::MarginAbout: {
        if (!quote || !margin_share || !offer_matches(a, *quote)) break;
        const Rational& m = *margin_share;
        if (a.kind == AnchorKind::MarginAtLeast) {
          out.push_back({&a, m >= a.value, 0, m});
        } else {
          const Rational gap = m > a.value ? Rational(m - a.value) : Rational(a.value - m);
          out.push_back({&a, gap <= a.tolerance, 0, m});
        }
        break;
      }
    }
  }
  return out;
}

CostResult serving_cost_of(const Market& market, const ComputeCatalog& compute, const TimeModel& model,
                           const CostRequest& request) {
  CostResult result;
  ServingRequest serving = request.serving;
  serving.region = market.region.value_or(Region::Intl);
  result.region = serving.region;
  if (request.target.find('/') != std::string::npos) {
    const auto g = resolve_generations(*market.catalog, parse_spec_pattern(request.target), market.date, true);
    if (g.size() != 1) {
      throw Error::bad_input(fmt::format("'{}' names {} generations; give a duration, e.g. {}@5s", request.target,
                                         g.size(), request.target));
    }
    result.generation = g[0];
    serving.target = product_of(g[0]);
  } else {
    serving.target = request.target;
  }
  ServingPlan plan = plan_serving(compute, serving);
  result.target = plan.target;
  result.estimate = plan.estimate;
  result.no_profile = plan.no_profile;
  const Gpu* h100 = compute.find_gpu("h100");
  // The provider's own API price in the market, for margin anchors.
  std::optional<Quote> api;
  if (result.generation && request.evidence) {
    const QuoteOptions options{market.date, 1, serving.region, OfferKind::Api};
    for (auto& q : quote_all(*result.generation, options)) {
      if (q.priced()) {
        api = std::move(q);
        break;
      }
    }
  }
  for (auto& planned : plan.scenarios) {
    ScenarioCost s;
    s.estimate = estimate_serving(std::move(planned), model, compute);
    const ServingSetup& setup = s.estimate.setup;
    const double peak_ratio = h100 ? setup.workload.gpu->bf16_tflops / h100->bf16_tflops : 1;
    s.gpu_seconds_per_video_second = s.estimate.prediction.gpu_seconds / setup.video_seconds * peak_ratio;
    if (const auto& cost = s.estimate.cost) {
      auto shown = [&](const Amount& a) {
        const Conversion c = market.shown(a);
        if (c.rate) s.rate = c.rate;
        return c.amount;
      };
      s.per_second = shown(cost->per_second);
      s.compute_per_second = shown(cost->compute_per_second);
      s.per_clip = shown(cost->per_clip);
      s.compute_per_clip = shown(cost->compute_per_clip);
    }
    std::optional<Rational> margin;
    if (api && s.estimate.cost) {
      const Rational price = api->price->per_second.value;
      margin = (price - market.value_in(s.estimate.cost->per_second, api->currency)) / price;
    }
    if (result.generation && request.evidence) {
      s.evidence = evidence_for(compute, setup.profile, product_of(*result.generation), market, s,
                                api ? &*api : nullptr, margin);
    }
    result.scenarios.push_back(std::move(s));
  }
  return result;
}

}  // namespace vidcost
