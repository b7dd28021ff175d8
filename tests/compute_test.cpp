// The cost model: token counts and FLOPs by hand, monotonicity of the levers, a reproducible
// calibration with bounded error.
#include <gtest/gtest.h>

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
                          [](const Measurement& m) { return !m.holdout; }),
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
  EXPECT_DOUBLE_EQ(f.linear, 2.0 * 75600 * 11953766400.0);
  // Self-attention: 4 x 40 x 75,600^2 x 5120 = 4.68202291200e15.
  EXPECT_DOUBLE_EQ(f.self_attention, 4.0 * 40 * 75600.0 * 75600.0 * 5120);
  // Cross-attention: 4 x 40 x 75,600 x 512 x 5120 + 4 x 40 x 512 x 5120^2 = 3.3856e13.
  EXPECT_DOUBLE_EQ(f.cross_attention, 4.0 * 40 * 75600 * 512 * 5120 + 4.0 * 40 * 512 * 5120.0 * 5120);
  // 50 steps x 2 passes: about 6.52e17 in all, 72% of it attention (facts sheet, section E).
  EXPECT_NEAR(f.total(), 6.523e17, 0.001e17);
  EXPECT_NEAR(f.attention_share(), 0.723, 0.001);
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
  EXPECT_LT(with([](Workload& w) { w.precision = Precision::FP8; }), t);
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

}  // namespace
}  // namespace vidcost
