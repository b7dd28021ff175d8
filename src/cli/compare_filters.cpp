#include "cli/compare_filters.h"

#include "cli/options.h"

namespace vidcost {

void add_compare_filters(CLI::App* cmd, CompareFilters& filters, const std::string& pattern_help) {
  cmd->add_option("pattern", filters.patterns, pattern_help);
  cmd->add_option("--provider,-p", filters.providers, "Only these providers (repeatable)");
  cmd->add_option("--resolution,-r", filters.resolution, "Only modes of this resolution, e.g. 1080p");
  cmd->add_option("--duration,-d", filters.duration, "Only clips of this length, e.g. 5s");
  cmd->add_option("--offer", filters.offer, "Only one kind of offer: plan, pack, api or api-pack");
}

CompareRequest compare_request(const CompareFilters& filters) {
  CompareRequest r;
  for (const auto& p : filters.patterns) r.patterns.push_back(parse_spec_pattern(p));
  r.providers = filters.providers;
  if (!filters.resolution.empty()) r.resolution = filters.resolution;
  if (!filters.duration.empty()) r.seconds = parse_duration(filters.duration);
  if (!filters.offer.empty()) r.kind = parse_offer_kind_option(filters.offer);
  return r;
}

}  // namespace vidcost
