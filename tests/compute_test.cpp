// The cost model: token counts and FLOPs by hand, monotonicity of the levers, a reproducible
// calibration with bounded error.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compute/calibrate.h"
#include "compute/loader.h"
#include "test_catalogs.h"

namespace vidcost {
namespace {

const ComputeCatalog& compute() {
  static const ComputeLoad load = load_compute(std::string(VIDCOST_REPO_ROOT) + "/pricing");
  return load.catalog;
}

const Arch& arch(const char* id) { return *compute().find_arch(id); }

TEST(ComputeCatalog, Validates) {
  const ComputeLoad load = load_compute(std::string(VIDCOST_REPO_ROOT) + "/pricing");
  for (const auto& p : load.problems) ADD_FAILURE() << p.to_string();
  for (const char* id : {"a100", "a800", "h100", "h800", "h20", "h200", "b200", "l40s", "rtx4090"}) {
    EXPECT_TRUE(load.catalog.find_gpu(id)) << id;
  }
  for (const char* id : {"wan2.1-1.3b", "wan2.1-14b", "wan2.2-5b", "wan2.2-a14b", "hunyuanvideo", "cogvideox-2b",
                         "cogvideox-5b", "cogvideox1.5-5b", "open-sora-2.0", "mochi-1", "step-video-t2v",
                         "skyreels-v1", "ltx-video-2b"}) {
    EXPECT_TRUE(load.catalog.find_arch(id)) << id;
  }
  EXPECT_EQ(std::count_if(load.catalog.measurements.begin(), load.catalog.measurements.end(),
                          [](const Measurement& m) { return m.set == MeasurementSet::Calibration; }),
            70);
}

TEST(Tokens, MatchTheFactsSheet) {
  // Wan 1280x720, 81 frames: (1 + 80/4) x (720/16) x (1280/16) = 21 x 45 x 80 = 75,600.
  EXPECT_EQ(count_tokens(arch("wan2.1-14b"), 1280, 720, 81).video_tokens, 75600);
  // HunyuanVideo 1280x720, 129 frames: 33 x 45 x 80 = 118,800.
  EXPECT_EQ(count_tokens(arch("hunyuanvideo"), 1280, 720, 129).video_tokens, 118800);
  // CogVideoX 720x480, 49 frames: 13 x 30 x 45 = 17,550; CogVideoX1.5 (temporal patch 2)
  // 1360x768, 81 frames: ceil(21/2) x 48 x 85 = 11 x 48 x 85 = 44,880.
  EXPECT_EQ(count_tokens(arch("cogvideox-5b"), 720, 480, 49).video_tokens, 17550);
  EXPECT_EQ(count_tokens(arch("cogvideox1.5-5b"), 1360, 768, 81).video_tokens, 44880);
  // Open-Sora 2.0 768x768, 129 frames: 33 x 48 x 48 = 76,032; SkyReels 544x960, 97: 25 x 34 x 60.
  EXPECT_EQ(count_tokens(arch("open-sora-2.0"), 768, 768, 129).video_tokens, 76032);
  EXPECT_EQ(count_tokens(arch("skyreels-v1"), 960, 544, 97).video_tokens, 51000);
  // Mochi 848x480, 163 frames (6x temporal): 28 x 30 x 53 = 44,520; LTX 768x512x121 (8x, 32x): 16 x 16 x 24.
  EXPECT_EQ(count_tokens(arch("mochi-1"), 848, 480, 163).video_tokens, 44520);
  EXPECT_EQ(count_tokens(arch("ltx-video-2b"), 768, 512, 121).video_tokens, 6144);
}

TEST(Tokens, RoundingIsStated) {
  // 1920x1080 pads to 1920x1088 (68 rows of 16 pixels); 80 frames count as 81.
  const TokenCount t = count_tokens(arch("wan2.1-14b"), 1920, 1080, 80);
  EXPECT_EQ(t.latent_height, 68);
  EXPECT_EQ(t.latent_frames, 21);
  EXPECT_EQ(t.notes.size(), 2u);
}

TEST(Flops, WanFourteenBByHand) {
  // Per-token matmul params: 40 x (4 x 5120^2 + 2 x 5120 x 13824 + 2 x 5120^2)
  //   = 40 x (104,857,600 + 141,557,760 + 52,428,800) = 11,953,766,400.
  const Arch& a = arch("wan2.1-14b");
  EXPECT_DOUBLE_EQ(a.per_token_params(), 11953766400.0);
  Workload w = Workload::defaults(a, *compute().find_gpu("h100"));
  const Flops f = dit_flops(w, count_tokens(a, 1280, 720, 81));
  // Linear: 2 x 75,600 x 11,953,766,400 = 1.80740947968e15.
  EXPECT_DOUBLE_EQ(f.base.linear, 2.0 * 75600 * 11953766400.0);
  // Self-attention: 4 x 40 x 75,600^2 x 5120 = 4.68202291200e15.
  EXPECT_DOUBLE_EQ(f.base.self_attention, 4.0 * 40 * 75600.0 * 75600.0 * 5120);
  // Cross-attention: 4 x 40 x 75,600 x 512 x 5120 + 4 x 40 x 512 x 5120^2 = 3.3856e13.
  EXPECT_DOUBLE_EQ(f.base.cross_attention, 4.0 * 40 * 75600 * 512 * 5120 + 4.0 * 40 * 512 * 5120.0 * 5120);
  // 50 steps x 2 passes: about 6.52e17 in all, 72% of it attention (facts sheet, section E).
  EXPECT_NEAR(f.total(), 6.523e17, 0.001e17);
  EXPECT_NEAR(f.attention_share(), 0.723, 0.001);
}

TEST(Flops, ACascadeAddsTheSuperResolutionStageAtTheOutputSize) {
  // Base: 832 x 480, 81 frames = 21 x 30 x 52 = 32,760 tokens; SR to 1280 x 720 = 75,600 tokens,
  // 3 steps, one pass, half the attention kept. SR linear per pass: 2 x 75,600 x 11,953,766,400;
  // SR self-attention per pass: 4 x 40 x 75,600^2 x 5120 x 0.5.
  const Arch& a = arch("wan2.1-14b");
  Workload w = Workload::defaults(a, *compute().find_gpu("h100"));
  w.width = 832;
  w.height = 480;
  w.steps = 10;
  w.passes = 1;
  w.sr = SuperResolution{1280, 720, 3, 1, 0.5};
  const Flops f = dit_flops(w, count_tokens(a, 832, 480, 81));
  ASSERT_TRUE(f.sr);
  EXPECT_DOUBLE_EQ(f.base.passes, 10);
  EXPECT_DOUBLE_EQ(f.sr->passes, 3);
  EXPECT_DOUBLE_EQ(f.sr->linear, 2.0 * 75600 * 11953766400.0);
  EXPECT_DOUBLE_EQ(f.sr->self_attention, 4.0 * 40 * 75600.0 * 75600.0 * 5120 * 0.5);
  EXPECT_DOUBLE_EQ(f.total(), f.base.total() + f.sr->total());
  EXPECT_EQ(w.output_width(), 1280);
  // A model of 7 B stood in by the 14 B arch: half the DiT FLOPs.
  Workload half = w;
  half.size_scale = 0.5;
  EXPECT_DOUBLE_EQ(dit_flops(half, count_tokens(a, 832, 480, 81)).total(), f.total() / 2);
}

// A time model with round figures: 50% of the BF16 peak on H100/FA3, FP8 matmuls 1.5x and
// attention 1.25x faster, 1e15 FLOPs of cold fixed work, 1e6 VAE FLOPs per pixel-frame.
TimeModel round_model() {
  TimeModel m;
  m.efficiency["h100/fa3"] = 0.5;
  m.overhead_work = 1e15;
  m.vae_flops_per_pixel = 1e6;
  m.fp8_linear_gain = 1.5;
  m.fp8_attention_gain = 1.25;
  return m;
}

TEST(Model, Fp8ActsOnMatmulsAndAttentionApart) {
  // Achieved: 989e12 x 0.5 = 494.5e12 FLOP/s. DiT time = linear / (494.5e12 x gain_l)
  // + attention / (494.5e12 x gain_a).
  const TimeModel m = round_model();
  Workload w = Workload::defaults(arch("wan2.1-14b"), *compute().find_gpu("h100"));
  EXPECT_EQ(w.kernel, Kernel::FA3);  // FlashAttention-3 is the default on Hopper
  w.linear = Precision::FP8;
  const Flops f = dit_flops(w, count_tokens(*w.arch, w.width, w.height, w.frames));
  const Prediction p = predict(w, f, m, compute());
  EXPECT_NEAR(p.dit_seconds, f.linear() / (494.5e12 * 1.5) + f.attention() / 494.5e12, 1e-6);
  w.attention = Precision::FP8;
  EXPECT_NEAR(predict(w, f, m, compute()).dit_seconds, f.linear() / (494.5e12 * 1.5) + f.attention() / (494.5e12 * 1.25),
              1e-6);
  // A100 has no FP8: it refuses nothing here, but gains nothing either (serving refuses it).
}

TEST(Model, WarmServingAndATiledVaeAreChargedOnce) {
  // Cold: fixed work 1e15 / 494.5e12 = 2.0222 s. Warm: the server's own 2 s.
  const TimeModel m = round_model();
  Workload w = Workload::defaults(arch("wan2.1-14b"), *compute().find_gpu("h100"));
  const Flops f = dit_flops(w, count_tokens(*w.arch, w.width, w.height, w.frames));
  EXPECT_NEAR(predict(w, f, m, compute()).overhead_seconds, 1e15 / 494.5e12, 1e-9);
  w.fixed_seconds = 2;
  EXPECT_DOUBLE_EQ(predict(w, f, m, compute()).overhead_seconds, 2);
  // VAE: 1e6 x 1280 x 720 x 81 = 7.46496e13 FLOPs = 0.150960 s on one GPU. On 8 GPUs a research
  // run decodes on one while seven wait (charged 8 times); a tiled decode is charged once.
  w.gpus = 8;
  const double vae = 1e6 * 1280 * 720 * 81 / 494.5e12;
  const Prediction waiting = predict(w, f, m, compute());
  EXPECT_NEAR(waiting.vae_seconds, vae, 1e-9);
  w.vae_split = true;
  const Prediction tiled = predict(w, f, m, compute());
  EXPECT_NEAR(tiled.vae_seconds, vae / 8, 1e-9);
  EXPECT_NEAR(waiting.gpu_seconds - tiled.gpu_seconds, 7 * vae, 1e-6);
}

double seconds_of(const Workload& w, const TimeModel& m) {
  return predict(w, dit_flops(w, count_tokens(*w.arch, w.width, w.height, w.frames)), m, compute()).seconds;
}

TEST(Model, LeversMoveTheCostTheRightWay) {
  const TimeModel m = calibrate(compute()).model;
  Workload base = Workload::defaults(arch("wan2.2-a14b"), *compute().find_gpu("h100"));
  base.kernel = Kernel::FA3;
  const double t = seconds_of(base, m);
  auto with = [&](auto change) {
    Workload w = base;
    change(w);
    return seconds_of(w, m);
  };
  EXPECT_GT(with([](Workload& w) { w.steps = 50; }), t);
  EXPECT_GT(with([](Workload& w) { w.frames = 121; }), t);
  EXPECT_GT(with([](Workload& w) { w.width = 1920; w.height = 1088; }), t);
  EXPECT_LT(with([](Workload& w) { w.linear = w.attention = Precision::FP8; }), t);
  EXPECT_LT(with([](Workload& w) { w.attention_kept = 0.3; }), t);
  EXPECT_LT(with([](Workload& w) { w.cache_skip = 0.4; }), t);
  EXPECT_LT(with([](Workload& w) { w.passes = 1; }), t);
  EXPECT_LT(with([](Workload& w) { w.steps = 4; }), t);
  EXPECT_LT(with([](Workload& w) { w.gpus = 8; }), t);
}

TEST(Calibration, IsReproducibleAndAccurate) {
  const Calibration a = calibrate(compute());
  const Calibration b = calibrate(compute());
  EXPECT_EQ(a.model.efficiency, b.model.efficiency);
  EXPECT_EQ(a.model.overhead_work, b.model.overhead_work);
  EXPECT_EQ(a.calibration_error.count, 70u);
  EXPECT_EQ(a.holdout_error.count, 18u);
  // Regression bounds on the fit (see docs/cost-model.md for the figures).
  EXPECT_LT(a.calibration_error.median_abs_log, 0.05);
  EXPECT_LT(a.calibration_error.worst_abs_log, 0.25);
  EXPECT_LT(a.holdout_error.median_abs_log, 0.20);
  EXPECT_LT(a.holdout_error.worst_abs_log, std::log(1.6));
  for (const auto& [key, value] : a.model.efficiency) {
    EXPECT_GT(value, 0.2) << key;
    EXPECT_LE(value, 1.0) << key;
  }
}

// A compute file with one GPU, one price, one architecture and a profile with three mistakes.
const char* kBadProfile = R"toml([[gpu]]
id = "h100"
name = "H100"
bf16_tflops = 989
memory_gb = 80
bandwidth_tbps = 3.35
hopper = true
source = "https://example.test/gpu"
as_of = 2025-01-01
confidence = "high"

[[gpu_price]]
gpu = "h100"
id = "list"
price = "2.00"
currency = "USD"
source = "https://example.test/price"
as_of = 2025-01-01
confidence = "high"

[[arch]]
id = "tiny"
name = "Tiny"
params_b = 1
layers = 2
hidden = 64
heads = 1
head_dim = 64
ffn = 256
patch = [1, 2, 2]
vae_temporal = 4
vae_spatial = 8
text_tokens = 8
text_attention = "cross"
steps = 10
passes = 2
width = 64
height = 64
frames = 9
fps = 8
source = "https://example.test/arch"
as_of = 2025-01-01
confidence = "high"

[[profile]]
id = "p"
name = "P"
match = ["x/*/*"]
source = "https://example.test/p"
as_of = 2025-01-01
confidence = "low"

[[profile.scenario]]
id = "central"
summary = "one scenario"
arch = "tiny"
steps = 4
passes = 1
linear_precision = "fp8"
attention_precision = "bf16"
gpu = "h100"
gpu_price_cn = "list"
gpu_price_intl = "nope"
fleet_utilization = 0.5
serving_overhead = 0
fixed_seconds = 1
[profile.scenario.basis]
arch = { assumption = "a tiny model", confidence = "low" }
)toml";

TEST(ComputeCatalog, ProfileMistakesAreReportedWhereTheyAre) {
  const auto path = std::filesystem::temp_directory_path() / ("compute-bad-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << kBadProfile;
  const ComputeLoad load = load_compute(path);
  std::filesystem::remove(path);
  std::vector<std::string> problems;
  for (const auto& p : load.problems) problems.push_back(p.to_string());
  const std::string file = path.string();
  auto has = [&](const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p == file + ":" + text; });
  };
  // A parameter without a basis, at its value (file line 57 is `steps = 4`).
  EXPECT_TRUE(has("57:9: [[profile.scenario]] 'central' of 'p': field 'steps' has no basis: say its source or the "
                  "assumption in [profile.scenario.basis]"))
      << ::testing::PrintToString(problems);
  // FP8 on a GPU that has none; a price point of the wrong market and one that does not exist.
  EXPECT_TRUE(has("53:1: [[profile.scenario]] 'central' of 'p': GPU 'h100' has no FP8")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("53:1: [[profile.scenario]] 'central' of 'p': gpu_price_cn names 'list', a price of the intl market"));
  EXPECT_TRUE(has("53:1: [[profile.scenario]] 'central' of 'p': gpu_price_intl names 'nope', which is not a price "
                  "point of h100"));
  EXPECT_TRUE(has("45:1: [[profile]] 'p' needs three scenarios: low, central and high"));
}

TEST(ComputeCatalog, ShippedProfilesCoverTheFamilies) {
  const ComputeCatalog& c = compute();
  for (const char* id : {"kling", "hailuo", "seedance", "open-peer"}) {
    const auto p = std::find_if(c.profiles.begin(), c.profiles.end(), [&](const ServingProfile& x) { return x.id == id; });
    ASSERT_NE(p, c.profiles.end()) << id;
    EXPECT_EQ(p->scenarios.size(), 3u) << id;
    for (const auto& s : p->scenarios) EXPECT_FALSE(s.basis.empty()) << id << " " << s.id;
  }
  EXPECT_FALSE(c.anchors.empty());
  EXPECT_FALSE(c.no_profiles.empty());
}

}  // namespace
}  // namespace vidcost
