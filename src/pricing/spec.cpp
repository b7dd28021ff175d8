#include "pricing/spec.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"

namespace vidcost {
namespace {

std::optional<std::string> part(std::string_view text) {
  if (text.empty() || text == "*") return std::nullopt;
  return std::string(text);
}

}  // namespace

std::string SpecPattern::to_string() const {
  std::string s = fmt::format("{}/{}/{}", provider.value_or("*"), model.value_or("*"), mode.value_or("*"));
  if (seconds) s += fmt::format("@{}s", *seconds);
  return s;
}

int parse_duration(std::string_view text) {
  std::string_view digits = text;
  while (!digits.empty() && (digits.back() == 's' || digits.back() == ' ')) digits.remove_suffix(1);
  int seconds = 0;
  const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
  if (digits.empty() || result.ec != std::errc{} || result.ptr != digits.data() + digits.size() || seconds <= 0) {
    throw Error::bad_input(fmt::format("'{}' is not a duration; write whole seconds such as 5s or 10s", text));
  }
  return seconds;
}

SpecPattern parse_spec_pattern(std::string_view text) {
  if (text.empty()) throw Error::bad_input("empty SPEC; write provider/model/mode[@DURATION], e.g. kling/2.1/pro@5s");
  SpecPattern pattern;
  std::string_view body = text;
  if (const auto at = text.find('@'); at != std::string_view::npos) {
    body = text.substr(0, at);
    const auto duration = text.substr(at + 1);
    if (duration != "*") pattern.seconds = parse_duration(duration);
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto slash = body.find('/', start);
    parts.push_back(body.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() > 3) {
    throw Error::bad_input(fmt::format("'{}' has {} parts; a SPEC is provider/model/mode[@DURATION], e.g. "
                                 "kling/2.1/pro@5s",
                                 text, parts.size()));
  }
  pattern.provider = part(parts[0]);
  if (pattern.provider) pattern.provider = ascii_lower(*pattern.provider);
  if (parts.size() > 1) pattern.model = part(parts[1]);
  if (parts.size() > 2) pattern.mode = part(parts[2]);
  return pattern;
}

std::string Generation::spec() const {
  std::string text;
  append_spec(text);
  return text;
}

void Generation::append_spec(std::string& out) const {
  // Made for every row of a comparison: appended, not formatted.
  char digits[16];
  const auto end = std::to_chars(digits, digits + sizeof digits, seconds).ptr;
  out.append(provider->id).append(1, '/').append(model->id).append(1, '/').append(mode->id).append(1, '@');
  out.append(digits, end).append(1, 's');
}

std::vector<Generation> resolve_generations(const Catalog& catalog, const SpecPattern& pattern, const Date& as_of,
                                            bool exact) {
  if (exact && (!pattern.provider || !pattern.model || !pattern.mode)) {
    throw Error::bad_input(fmt::format("'{}' does not name one generation; write provider/model/mode[@DURATION], e.g. "
                                 "kling/2.1/pro@5s",
                                 pattern.to_string()));
  }
  std::vector<const Provider*> providers;
  if (pattern.provider) {
    providers.push_back(&provider_named(catalog, *pattern.provider));
  } else {
    for (const auto& p : catalog.providers) providers.push_back(&p);
  }
  std::vector<Generation> out;
  for (const Provider* p : providers) {
    std::vector<const Model*> models;
    if (pattern.model) {
      if (const Model* m = find_model(*p, *pattern.model)) {
        models.push_back(m);
      } else if (pattern.provider) {
        std::vector<std::string> ids;
        for (const auto& m2 : p->models) ids.push_back(m2.id);
        throw Error::unknown("model", *pattern.model, std::move(ids), "of " + p->id);
      }
    } else {
      for (const auto& m : p->models) models.push_back(&m);
    }
    for (const Model* m : models) {
      std::vector<const Mode*> modes;
      if (pattern.mode) {
        if (const Mode* mode = find_mode(*m, *pattern.mode, as_of)) {
          modes.push_back(mode);
        } else if (exact) {
          // A mode that exists on other dates: say when it came or went.
          std::optional<Date> released, withdrawn;
          for (const auto& mode2 : m->modes) {
            if (!names(mode2.id, mode2.aliases, *pattern.mode)) continue;
            const Effective& e = mode2.provenance.effective;
            if (e.from && as_of < *e.from && (!released || *e.from < *released)) released = e.from;
            if (e.to && *e.to <= as_of && (!withdrawn || *withdrawn < *e.to)) withdrawn = e.to;
          }
          const std::string spec = fmt::format("{}/{}/{}", p->id, m->id, *pattern.mode);
          if (released && !withdrawn) {
            throw Error::bad_input(fmt::format("{} is not out on {}: it was released on {}", spec, as_of.to_string(),
                                               released->to_string()));
          }
          if (withdrawn) {
            throw Error::bad_input(fmt::format("{} was withdrawn on {} (the market is as of {})", spec,
                                               withdrawn->to_string(), as_of.to_string()));
          }
          std::vector<std::string> ids;
          for (const auto& mode2 : m->modes) {
            if (mode2.provenance.effective.contains(as_of)) ids.push_back(mode2.id);
          }
          throw Error::unknown("mode", *pattern.mode, std::move(ids),
                               fmt::format("of {}/{} on {}", p->id, m->id, as_of.to_string()));
        }
      } else {
        for (const auto& mode : m->modes) {
          if (mode.provenance.effective.contains(as_of)) modes.push_back(&mode);
        }
      }
      for (const Mode* mode : modes) {
        if (pattern.seconds) {
          if (std::find(mode->durations.begin(), mode->durations.end(), *pattern.seconds) != mode->durations.end()) {
            out.push_back({p, m, mode, *pattern.seconds});
          } else if (exact) {
            throw Error::bad_input(fmt::format("{}/{}/{} does not offer {} s clips (durations: {})", p->id, m->id,
                                         mode->id, *pattern.seconds, fmt::join(mode->durations, ", ")));
          }
        } else {
          for (int seconds : mode->durations) out.push_back({p, m, mode, seconds});
        }
      }
    }
  }
  return out;
}

}  // namespace vidcost
