// Benchmarks of the hot paths: loading the shipped catalog, a full `compare`, one `price`.
// Run: build with -DVIDCOST_BENCHMARKS=ON, then ./build/bench/vidcost_bench
#include <benchmark/benchmark.h>

#include <sstream>

#include "catalog/loader.h"
#include "cli/commands.h"

namespace {

const std::string kCatalog = std::string(VIDCOST_REPO_ROOT) + "/pricing";

void BM_LoadCatalog(benchmark::State& state) {
  for (auto _ : state) {
    auto result = vidcost::load_catalog({kCatalog});
    benchmark::DoNotOptimize(result.catalog.providers.size());
  }
}
BENCHMARK(BM_LoadCatalog)->Unit(benchmark::kMillisecond);

// A cold comparison: a new session (so the catalog is loaded again) and every row as CSV.
void BM_ColdCompareCsv(benchmark::State& state) {
  for (auto _ : state) {
    vidcost::Session session;
    std::ostringstream out, err;
    vidcost::run_command_line({"--catalog", kCatalog, "--as-of", "2026-11-28", "compare", "--format", "csv"},
                              session, out, err);
    benchmark::DoNotOptimize(out.str().size());
  }
}
BENCHMARK(BM_ColdCompareCsv)->Unit(benchmark::kMillisecond);

// One price line with the catalog already loaded, as in a script or at the prompt.
void BM_WarmPrice(benchmark::State& state) {
  vidcost::Session session;
  std::ostringstream out, err;
  const std::vector<std::string> args = {"--catalog", kCatalog, "--as-of", "2026-11-28", "price",
                                         "kling/2.1/pro@5s", "--plan", "pro", "--format", "csv"};
  vidcost::run_command_line(args, session, out, err);
  for (auto _ : state) {
    out.str("");
    vidcost::run_command_line(args, session, out, err);
    benchmark::DoNotOptimize(out.str().size());
  }
}
BENCHMARK(BM_WarmPrice)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
