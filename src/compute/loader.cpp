#include "compute/loader.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "catalog/layout.h"
#include "catalog/toml_reader.h"
#include "core/text.h"

namespace vidcost {
namespace {

std::optional<Precision> read_precision(TableReader& r, std::string_view key);

std::optional<Kernel> read_kernel(TableReader& r) {
  auto k = r.text("kernel");
  if (!k) return std::nullopt;
  if (*k == "fa2") return Kernel::FA2;
  if (*k == "fa3") return Kernel::FA3;
  r.error("kernel", fmt::format("must be \"fa2\" or \"fa3\", got \"{}\"", *k));
  return std::nullopt;
}

std::optional<int> count(TableReader& r, std::string_view key) { return r.positive_int(key); }

std::optional<Gpu> read_gpu(TableReader& r) {
  Gpu g;
  auto id = r.id("id");
  r.set_label("[[gpu]] " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto name = r.text("name");
  auto bf16 = r.real("bf16_tflops");
  g.fp8_tflops = r.real("fp8_tflops");
  auto memory = r.real("memory_gb");
  auto bandwidth = r.real("bandwidth_tbps");
  auto hopper = r.boolean("hopper");
  g.efficiency_from = r.id("efficiency_from").value_or("");
  g.is_default = r.boolean("default").value_or(false);
  auto provenance = r.provenance();
  r.finish();
  if (!id || !name || !bf16 || !memory || !bandwidth || !hopper || !provenance) return std::nullopt;
  g.id = *id;
  g.name = *name;
  g.bf16_tflops = *bf16;
  g.memory_gb = *memory;
  g.bandwidth_tbps = *bandwidth;
  g.hopper = *hopper;
  g.provenance = *provenance;
  return g;
}

std::optional<GpuPrice> read_price(TableReader& r) {
  GpuPrice p;
  auto gpu = r.id("gpu");
  auto id = r.id("id");
  r.set_label(fmt::format("[[gpu_price]] '{}' of '{}'", id.value_or("?"), gpu.value_or("?")));
  auto price = r.number("price", Sign::Positive);
  auto currency = r.currency("currency");
  p.region = r.region("region").value_or(Region::Intl);
  auto provenance = r.provenance();
  r.finish();
  if (!gpu || !id || !price || !currency || !provenance) return std::nullopt;
  p.gpu = *gpu;
  p.id = *id;
  p.price = Amount(*price, *currency);
  p.provenance = *provenance;
  p.provenance.where = r.where("gpu");
  return p;
}

std::optional<Arch> read_arch(TableReader& r) {
  Arch a;
  auto id = r.id("id");
  r.set_label("[[arch]] " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto name = r.text("name");
  auto params = r.real("params_b");
  auto layers = count(r, "layers"), hidden = count(r, "hidden"), heads = count(r, "heads"),
       head_dim = count(r, "head_dim"), ffn = count(r, "ffn");
  auto patch = r.int_array("patch", 3);
  auto vt = count(r, "vae_temporal"), vs = count(r, "vae_spatial"), text = count(r, "text_tokens");
  auto attention = r.text("text_attention");
  if (attention && *attention != "cross" && *attention != "joint") {
    r.error("text_attention", fmt::format("must be \"cross\" or \"joint\", got \"{}\"", *attention));
    attention.reset();
  }
  auto steps = count(r, "steps"), passes = count(r, "passes"), width = count(r, "width"),
       height = count(r, "height"), frames = count(r, "frames");
  auto fps = r.real("fps");
  auto provenance = r.provenance();
  r.finish();
  if (!id || !name || !params || !layers || !hidden || !heads || !head_dim || !ffn || !patch || !vt || !vs ||
      !text || !attention || !steps || !passes || !width || !height || !frames || !fps || !provenance) {
    return std::nullopt;
  }
  a.id = *id;
  a.name = *name;
  a.params_b = *params;
  a.layers = *layers;
  a.hidden = *hidden;
  a.heads = *heads;
  a.head_dim = *head_dim;
  a.ffn = *ffn;
  a.patch_t = (*patch)[0];
  a.patch_h = (*patch)[1];
  a.patch_w = (*patch)[2];
  a.vae_temporal = *vt;
  a.vae_spatial = *vs;
  a.text_tokens = *text;
  a.joint_attention = *attention == "joint";
  a.steps = *steps;
  a.passes = *passes;
  a.width = *width;
  a.height = *height;
  a.frames = *frames;
  a.fps = *fps;
  a.provenance = *provenance;
  return a;
}

std::optional<Measurement> read_measurement(TableReader& r) {
  Measurement m;
  auto id = r.id("id");
  r.set_label("[[measurement]] " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto set = r.text("set");
  if (set && *set != "calibration" && *set != "holdout" && *set != "serving") {
    r.error("set", fmt::format("must be \"calibration\", \"holdout\" or \"serving\", got \"{}\"", *set));
    set.reset();
  }
  m.linear = read_precision(r, "linear_precision").value_or(Precision::BF16);
  m.attention = read_precision(r, "attention_precision").value_or(Precision::BF16);
  m.warm = r.boolean("warm").value_or(false);
  if (auto skip = r.number("cache_skip", Sign::NonNegative); skip && *skip < 1) m.cache_skip = skip->convert_to<double>();
  auto arch = r.id("arch"), gpu = r.id("gpu");
  auto width = count(r, "width"), height = count(r, "height"), frames = count(r, "frames"),
       steps = count(r, "steps"), passes = count(r, "passes"), gpus = count(r, "gpus");
  auto kernel = read_kernel(r);
  m.offload = r.boolean("offload").value_or(false);
  auto seconds = r.real("seconds");
  auto provenance = r.provenance();
  r.finish();
  if (!id || !set || !arch || !gpu || !width || !height || !frames || !steps || !passes || !gpus || !kernel ||
      !seconds || !provenance) {
    return std::nullopt;
  }
  m.id = *id;
  m.set = *set == "holdout" ? MeasurementSet::Holdout
          : *set == "serving" ? MeasurementSet::Serving
                              : MeasurementSet::Calibration;
  m.arch = *arch;
  m.gpu = *gpu;
  m.width = *width;
  m.height = *height;
  m.frames = *frames;
  m.steps = *steps;
  m.passes = *passes;
  m.gpus = *gpus;
  m.kernel = *kernel;
  m.seconds = *seconds;
  m.provenance = *provenance;
  return m;
}

std::optional<ReferenceRecipe> read_reference(TableReader& r) {
  ReferenceRecipe p;
  auto match = r.text("match");
  r.set_label("[[reference]] '" + match.value_or("?") + "'");
  auto arch = r.id("arch"), gpu = r.id("gpu");
  auto width = count(r, "width"), height = count(r, "height"), steps = count(r, "steps"),
       passes = count(r, "passes"), gpus = count(r, "gpus");
  auto fps = r.real("fps");
  auto precision = r.text("precision");
  if (precision && *precision != "bf16" && *precision != "fp8") {
    r.error("precision", fmt::format("must be \"bf16\" or \"fp8\", got \"{}\"", *precision));
    precision.reset();
  }
  auto kernel = read_kernel(r);
  auto provenance = r.provenance();
  r.finish();
  if (!match || !arch || !gpu || !width || !height || !steps || !passes || !gpus || !fps || !precision ||
      !kernel || !provenance) {
    return std::nullopt;
  }
  p.match = *match;
  p.arch = *arch;
  p.gpu = *gpu;
  p.width = *width;
  p.height = *height;
  p.steps = *steps;
  p.passes = *passes;
  p.gpus = *gpus;
  p.fps = *fps;
  p.precision = *precision == "fp8" ? Precision::FP8 : Precision::BF16;
  p.kernel = *kernel;
  p.provenance = *provenance;
  return p;
}

std::optional<Precision> read_precision(TableReader& r, std::string_view key) {
  auto text = r.text(key);
  if (!text) return std::nullopt;
  if (*text == "bf16") return Precision::BF16;
  if (*text == "fp8") return Precision::FP8;
  r.error(key, fmt::format("must be \"bf16\" or \"fp8\", got \"{}\"", *text));
  return std::nullopt;
}

// A share in (0, 1] (or [0, 1) for `zero_ok`), as a double for the time model.
std::optional<double> read_share(TableReader& r, std::string_view key, bool zero_ok) {
  auto value = r.number(key, zero_ok ? Sign::NonNegative : Sign::Positive);
  if (!value) return std::nullopt;
  if (*value > 1 || (zero_ok && *value == 1)) {
    r.error(key, fmt::format("must be a share in {}, got {}", zero_ok ? "[0, 1)" : "(0, 1]", format_plain(*value)));
    return std::nullopt;
  }
  return value->convert_to<double>();
}

// The parameters a scenario sets; each needs a basis.
const std::vector<std::string>& scenario_parameters() {
  static const std::vector<std::string> kParameters = {
      "arch",           "size_b",        "base_resolution", "steps",         "passes",
      "sr_steps",       "sr_attention_kept", "linear_precision", "attention_precision", "attention_kept",
      "cache_skip",     "gpu",           "gpu_price_cn",    "gpu_price_intl", "fleet_utilization",
      "serving_overhead", "fixed_seconds"};
  return kParameters;
}

// [profile.scenario.basis]: parameter = { source = KEY, confidence = ... } or
// { assumption = "...", confidence = ... }.
std::map<std::string, Basis> read_basis(TableReader& r, const FileContext& file) {
  std::map<std::string, Basis> out;
  const toml::table* table = r.subtable("basis");
  if (!table) return out;
  for (const auto& [key, node] : *table) {
    const std::string name(key.str());
    const auto& known = scenario_parameters();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      file.report(key.source(), fmt::format("{}: basis names '{}', which is not a scenario parameter{}", r.label(),
                                            name, did_you_mean(name, known)));
      continue;
    }
    if (!node.is_table()) {
      file.report(node.source(), fmt::format("{}: basis.{} must be a table such as {{ source = \"KEY\", confidence "
                                             "= \"medium\" }}",
                                             r.label(), name));
      continue;
    }
    TableReader b(*node.as_table(), table_schema("basis"), file, fmt::format("{} basis.{}", r.label(), name));
    Basis basis;
    basis.source = b.text("source").value_or("");
    basis.assumption = b.text("assumption").value_or("");
    auto confidence = b.confidence("confidence");
    b.finish();
    if (basis.source.empty() == basis.assumption.empty()) {
      b.error_here("give either 'source' (where the figure comes from) or 'assumption' (what is assumed)");
      continue;
    }
    if (confidence) basis.confidence = *confidence;
    out[name] = basis;
  }
  return out;
}

std::optional<Scenario> read_scenario(TableReader& r, const FileContext& file, const std::string& profile) {
  Scenario s;
  auto id = r.id("id");
  r.set_label(fmt::format("[[profile.scenario]] '{}' of '{}'", id.value_or("?"), profile));
  s.where = r.where();
  auto summary = r.text("summary");
  auto arch = r.id("arch");
  s.size_b = r.real("size_b").value_or(0);
  if (auto base = r.text("base_resolution")) {
    const auto digits = base->substr(0, base->size() - 1);
    if (base->size() < 3 || base->back() != 'p' || digits.find_first_not_of("0123456789") != std::string::npos) {
      r.error("base_resolution", fmt::format("must be a resolution such as \"720p\", got \"{}\"", *base));
    } else {
      s.base_height = std::stoi(digits);
    }
  }
  auto steps = r.positive_int("steps"), passes = r.positive_int("passes");
  s.sr_steps = r.positive_int("sr_steps").value_or(0);
  s.sr_attention_kept = read_share(r, "sr_attention_kept", false).value_or(1);
  auto linear = read_precision(r, "linear_precision"), attention = read_precision(r, "attention_precision");
  s.attention_kept = read_share(r, "attention_kept", false).value_or(1);
  s.cache_skip = read_share(r, "cache_skip", true).value_or(0);
  auto gpu = r.id("gpu");
  if (auto cn = r.id("gpu_price_cn")) s.gpu_price[Region::CN] = *cn;
  if (auto intl = r.id("gpu_price_intl")) s.gpu_price[Region::Intl] = *intl;
  auto utilization = r.number("fleet_utilization", Sign::Positive);
  if (utilization && *utilization > 1) {
    r.error("fleet_utilization", "must be a share in (0, 1]");
    utilization.reset();
  }
  auto overhead = r.number("serving_overhead", Sign::NonNegative);
  auto fixed = r.real("fixed_seconds");
  s.basis = read_basis(r, file);
  r.finish();
  if (!id || !summary || !arch || !steps || !passes || !linear || !attention || !gpu || !utilization || !overhead ||
      !fixed) {
    return std::nullopt;
  }
  for (const auto& parameter : scenario_parameters()) {
    if (r.has(parameter) && !s.basis.count(parameter)) {
      r.error(parameter, "has no basis: say its source or the assumption in [profile.scenario.basis]");
    }
  }
  s.id = *id;
  s.summary = *summary;
  s.arch = *arch;
  s.steps = *steps;
  s.passes = *passes;
  s.linear = *linear;
  s.attention = *attention;
  s.gpu = *gpu;
  s.fleet_utilization = *utilization;
  s.overhead = *overhead;
  s.fixed_seconds = *fixed;
  return s;
}

std::optional<ServingProfile> read_profile(TableReader& r, const FileContext& file) {
  ServingProfile p;
  auto id = r.id("id");
  r.set_label("[[profile]] " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto name = r.text("name");
  p.match = r.text_list("match");
  if (const toml::array* scenarios = r.table_array("scenario")) {
    for (const auto& node : *scenarios) {
      TableReader sr(*node.as_table(), table_schema("[[profile.scenario]]"), file, r.label() + " scenario");
      if (auto s = read_scenario(sr, file, id.value_or("?"))) p.scenarios.push_back(std::move(*s));
    }
  }
  auto provenance = r.provenance();
  r.finish();
  if (!id || !name || !provenance) return std::nullopt;
  if (p.match.empty()) {
    r.error("match", "must name at least one SPEC pattern, such as \"kling/*/*\"");
    return std::nullopt;
  }
  p.id = *id;
  p.name = *name;
  p.provenance = *provenance;
  return p;
}

std::optional<NoProfile> read_no_profile(TableReader& r) {
  NoProfile n;
  n.match = r.text_list("match");
  auto reason = r.text("reason");
  auto provenance = r.provenance();
  r.finish();
  if (!reason || !provenance || n.match.empty()) return std::nullopt;
  n.reason = *reason;
  n.provenance = *provenance;
  return n;
}

std::optional<Anchor> read_anchor(TableReader& r) {
  Anchor a;
  auto id = r.id("id");
  r.set_label("[[anchor]] " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto profile = r.id("profile");
  a.match = r.text_list("match");
  auto kind = r.text("kind");
  std::optional<AnchorKind> k;
  if (kind) {
    for (AnchorKind candidate : {AnchorKind::MarginAtLeast, AnchorKind::MarginAbout,
                                 AnchorKind::GpuSecondsPerSecondAtLeast, AnchorKind::CostPerSecondAbout}) {
      if (anchor_kind_name(candidate) == *kind) k = candidate;
    }
    if (!k) {
      r.error("kind", fmt::format("must be margin-at-least, margin-about, gpu-seconds-per-second-at-least or "
                                  "cost-per-second-about, got \"{}\"",
                                  *kind));
    }
  }
  auto value = r.number("value", Sign::Any);
  a.tolerance = r.number("tolerance", Sign::NonNegative).value_or(0);
  a.offer = r.text("offer").value_or("any");
  if (a.offer != "api" && a.offer != "app" && a.offer != "any") {
    r.error("offer", fmt::format("must be \"api\", \"app\" or \"any\", got \"{}\"", a.offer));
  }
  a.region = r.region("region");
  a.currency = r.currency("currency");
  auto statement = r.text("statement");
  auto provenance = r.provenance();
  r.finish();
  if (!id || !profile || !k || !value || !statement || !provenance) return std::nullopt;
  if (*k == AnchorKind::CostPerSecondAbout && !a.currency) {
    r.error_here("a cost-per-second-about anchor needs 'currency'");
    return std::nullopt;
  }
  a.id = *id;
  a.profile = *profile;
  a.kind = *k;
  a.value = *value;
  a.statement = *statement;
  a.provenance = *provenance;
  return a;
}

std::optional<Speedup> read_speedup(TableReader& r) {
  Speedup s;
  auto id = r.id("id");
  r.set_label("[[speedup]] " + (id ? "'" + *id + "'" : std::string("(no id)")));
  auto arch = r.id("arch"), gpu = r.id("gpu");
  auto width = count(r, "width"), height = count(r, "height"), frames = count(r, "frames"),
       steps = count(r, "steps"), passes = count(r, "passes");
  auto kernel = read_kernel(r);
  auto bl = read_precision(r, "base_linear"), ba = read_precision(r, "base_attention");
  auto fl = read_precision(r, "fast_linear"), fa = read_precision(r, "fast_attention");
  auto speedup = r.real("speedup");
  auto provenance = r.provenance();
  r.finish();
  if (!id || !arch || !gpu || !width || !height || !frames || !steps || !passes || !kernel || !bl || !ba || !fl ||
      !fa || !speedup || !provenance) {
    return std::nullopt;
  }
  s.id = *id;
  s.arch = *arch;
  s.gpu = *gpu;
  s.width = *width;
  s.height = *height;
  s.frames = *frames;
  s.steps = *steps;
  s.passes = *passes;
  s.kernel = *kernel;
  s.base_linear = *bl;
  s.base_attention = *ba;
  s.fast_linear = *fl;
  s.fast_attention = *fa;
  s.speedup = *speedup;
  s.provenance = *provenance;
  return s;
}

void check_profiles(const ComputeCatalog& c, Diagnostics& problems) {
  auto report = [&](const Location& at, std::string message) { problems.emplace_back(at, std::move(message)); };
  std::set<std::string> ids;
  for (const auto& p : c.profiles) {
    if (!ids.insert(p.id).second) report(p.provenance.where, fmt::format("duplicate [[profile]] id '{}'", p.id));
    std::set<std::string> scenario_ids;
    for (const auto& s : p.scenarios) {
      const std::string label = fmt::format("[[profile.scenario]] '{}' of '{}'", s.id, p.id);
      if (!scenario_ids.insert(s.id).second) report(s.where, label + ": duplicate scenario id");
      static const std::vector<std::string> kIds = {"low", "central", "high"};
      if (std::find(kIds.begin(), kIds.end(), s.id) == kIds.end()) {
        report(s.where, fmt::format("{}: a scenario id is low, central or high{}", label, did_you_mean(s.id, kIds)));
      }
      if (!c.find_arch(s.arch)) {
        report(s.where, fmt::format("{}: field 'arch' names unknown architecture '{}'{}", label, s.arch,
                                    did_you_mean(s.arch, c.arch_ids())));
      }
      const Gpu* gpu = c.find_gpu(s.gpu);
      if (!gpu) {
        report(s.where, fmt::format("{}: field 'gpu' names unknown GPU '{}'{}", label, s.gpu,
                                    did_you_mean(s.gpu, c.gpu_ids())));
        continue;
      }
      if ((s.linear == Precision::FP8 || s.attention == Precision::FP8) && !gpu->fp8_tflops) {
        report(s.where, fmt::format("{}: GPU '{}' has no FP8", label, s.gpu));
      }
      for (Region region : {Region::CN, Region::Intl}) {
        const auto named = s.gpu_price.find(region);
        if (named == s.gpu_price.end()) {
          report(s.where, fmt::format("{}: no GPU price for offers of the {} market (gpu_price_{})", label,
                                      region_name(region), region_name(region)));
          continue;
        }
        const GpuPrice* price = c.find_price(s.gpu, named->second);
        if (!price) {
          report(s.where, fmt::format("{}: gpu_price_{} names '{}', which is not a price point of {}", label,
                                      region_name(region), named->second, s.gpu));
        } else if (price->region != region) {
          report(s.where, fmt::format("{}: gpu_price_{} names '{}', a price of the {} market", label,
                                      region_name(region), named->second, region_name(price->region)));
        }
      }
    }
    if (scenario_ids.size() != 3 || !scenario_ids.count("central")) {
      report(p.provenance.where, fmt::format("[[profile]] '{}' needs three scenarios: low, central and high", p.id));
    }
  }
  for (const auto& a : c.anchors) {
    if (std::none_of(c.profiles.begin(), c.profiles.end(), [&](const ServingProfile& p) { return p.id == a.profile; })) {
      std::vector<std::string> profile_ids;
      for (const auto& p : c.profiles) profile_ids.push_back(p.id);
      report(a.provenance.where, fmt::format("[[anchor]] '{}': field 'profile' names unknown profile '{}'{}", a.id,
                                             a.profile, did_you_mean(a.profile, profile_ids)));
    }
  }
  for (const auto& s : c.speedups) {
    if (!c.find_arch(s.arch)) {
      report(s.provenance.where, fmt::format("[[speedup]] '{}': unknown architecture '{}'", s.id, s.arch));
    }
    const Gpu* g = c.find_gpu(s.gpu);
    if (!g) report(s.provenance.where, fmt::format("[[speedup]] '{}': unknown GPU '{}'", s.id, s.gpu));
  }
}

void check(const ComputeCatalog& c, Diagnostics& problems) {
  auto report = [&](const Location& at, std::string message) { problems.emplace_back(at, std::move(message)); };
  std::set<std::string> seen;
  for (const auto& g : c.gpus) {
    if (!seen.insert("gpu:" + g.id).second) report(g.provenance.where, fmt::format("duplicate [[gpu]] id '{}'", g.id));
    if (!g.efficiency_from.empty() && !c.find_gpu(g.efficiency_from)) {
      report(g.provenance.where, fmt::format("[[gpu]] '{}': field 'efficiency_from' names unknown GPU '{}'{}", g.id,
                                             g.efficiency_from, did_you_mean(g.efficiency_from, c.gpu_ids())));
    }
  }
  const auto defaults = std::count_if(c.gpus.begin(), c.gpus.end(), [](const Gpu& g) { return g.is_default; });
  if (defaults > 1) {
    for (const auto& g : c.gpus) {
      if (g.is_default) report(g.provenance.where, fmt::format("[[gpu]] '{}': more than one GPU is the default", g.id));
    }
  }
  for (const auto& a : c.archs) {
    if (!seen.insert("arch:" + a.id).second) report(a.provenance.where, fmt::format("duplicate [[arch]] id '{}'", a.id));
  }
  for (const auto& p : c.prices) {
    if (!c.find_gpu(p.gpu)) {
      report(p.provenance.where, fmt::format("[[gpu_price]] '{}': field 'gpu' names unknown GPU '{}'{}", p.id, p.gpu,
                                             did_you_mean(p.gpu, c.gpu_ids())));
    }
    if (!seen.insert("price:" + p.gpu + "/" + p.id).second) {
      report(p.provenance.where, fmt::format("duplicate [[gpu_price]] '{}' for GPU '{}'", p.id, p.gpu));
    }
  }
  auto check_refs = [&](const Provenance& at, const std::string& label, const std::string& arch,
                        const std::string& gpu, Kernel kernel) {
    if (!c.find_arch(arch)) {
      report(at.where, fmt::format("{}: field 'arch' names unknown architecture '{}'{}", label, arch,
                                   did_you_mean(arch, c.arch_ids())));
    }
    const Gpu* g = c.find_gpu(gpu);
    if (!g) {
      report(at.where, fmt::format("{}: field 'gpu' names unknown GPU '{}'{}", label, gpu, did_you_mean(gpu, c.gpu_ids())));
    } else if (kernel == Kernel::FA3 && !g->hopper) {
      report(at.where, fmt::format("{}: FlashAttention-3 (fa3) needs a Hopper GPU; '{}' is not", label, gpu));
    }
  };
  for (const auto& m : c.measurements) {
    if (!seen.insert("measurement:" + m.id).second) {
      report(m.provenance.where, fmt::format("duplicate [[measurement]] id '{}'", m.id));
    }
    check_refs(m.provenance, "[[measurement]] '" + m.id + "'", m.arch, m.gpu, m.kernel);
  }
  for (const auto& p : c.references) {
    check_refs(p.provenance, "[[reference]] '" + p.match + "'", p.arch, p.gpu, p.kernel);
    const Gpu* g = c.find_gpu(p.gpu);
    if (g && p.precision == Precision::FP8 && !g->fp8_tflops) {
      report(p.provenance.where, fmt::format("[[reference]] '{}': GPU '{}' has no FP8", p.match, p.gpu));
    }
  }
  check_profiles(c, problems);
}

}  // namespace

ComputeLoad load_compute(const std::filesystem::path& dir) {
  ComputeLoad result;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) {
    files = compute_files(dir, result.problems);
  } else {
    files.push_back(dir);
  }
  if (files.empty() && result.problems.empty()) {
    result.problems.emplace_back(dir.string(), 0, 0, "no compute catalog (compute*.toml) found");
    return result;
  }
  static const std::vector<std::string> kTopLevel = {"sources", "gpu",     "gpu_price",  "arch",   "measurement",
                                                     "reference", "profile", "no_profile", "anchor", "speedup"};
  for (const auto& path : files) {
    const auto toml = open_toml(path, result.problems);
    if (!toml) continue;
    check_top_level_keys(*toml, kTopLevel, "", result.problems);
    const FileContext file(*toml, result.problems);
    const toml::table& root = toml->root;
    read_array(root, "gpu", "[[gpu]]", file, result.catalog.gpus, read_gpu);
    read_array(root, "gpu_price", "[[gpu_price]]", file, result.catalog.prices, read_price);
    read_array(root, "arch", "[[arch]]", file, result.catalog.archs, read_arch);
    read_array(root, "measurement", "[[measurement]]", file, result.catalog.measurements, read_measurement);
    read_array(root, "reference", "[[reference]]", file, result.catalog.references, read_reference);
    read_array(root, "profile", "[[profile]]", file, result.catalog.profiles,
               [&](TableReader& r) { return read_profile(r, file); });
    read_array(root, "no_profile", "[[no_profile]]", file, result.catalog.no_profiles, read_no_profile);
    read_array(root, "anchor", "[[anchor]]", file, result.catalog.anchors, read_anchor);
    read_array(root, "speedup", "[[speedup]]", file, result.catalog.speedups, read_speedup);
  }
  check(result.catalog, result.problems);
  return result;
}

}  // namespace vidcost
