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
  if (set && *set != "calibration" && *set != "holdout") {
    r.error("set", fmt::format("must be \"calibration\" or \"holdout\", got \"{}\"", *set));
    set.reset();
  }
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
  m.holdout = *set == "holdout";
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

std::optional<Proxy> read_proxy(TableReader& r) {
  Proxy p;
  auto match = r.text("match");
  r.set_label("[[proxy]] '" + match.value_or("?") + "'");
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
  for (const auto& p : c.proxies) {
    check_refs(p.provenance, "[[proxy]] '" + p.match + "'", p.arch, p.gpu, p.kernel);
    const Gpu* g = c.find_gpu(p.gpu);
    if (g && p.precision == Precision::FP8 && !g->fp8_tflops) {
      report(p.provenance.where, fmt::format("[[proxy]] '{}': GPU '{}' has no FP8", p.match, p.gpu));
    }
  }
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
  static const std::vector<std::string> kTopLevel = {"sources", "gpu", "gpu_price", "arch", "measurement", "proxy"};
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
    read_array(root, "proxy", "[[proxy]]", file, result.catalog.proxies, read_proxy);
  }
  check(result.catalog, result.problems);
  return result;
}

}  // namespace vidcost
