// Benchmarks of the hot paths: loading the shipped catalog, a full `compare`, one `price`,
// a script of price lines and a prompt line.
// Run: build with -DVIDCOST_BENCHMARKS=ON, then ./build/bench/vidcost_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/cache.h"
#include "catalog/loader.h"
#include "cli/commands.h"
#include "cli/shell.h"
#include "process_memory.h"

namespace {

const std::string kCatalog = std::string(VIDCOST_REPO_ROOT) + "/pricing";

void BM_LoadCatalog(benchmark::State& state) {
  for (auto _ : state) {
    auto result = vidcost::load_catalog({kCatalog});
    benchmark::DoNotOptimize(result.catalog.providers.size());
  }
}
BENCHMARK(BM_LoadCatalog)->Unit(benchmark::kMillisecond);

// The same catalog read back from the catalog cache (filled before timing): the files are still
// read and hashed to recognise them, then the snapshot is decoded instead of parsed.
void BM_LoadCatalogFromCache(benchmark::State& state) {
  char pattern[] = "/tmp/vidcost-bench-cache-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  const vidcost::CatalogCache cache(dir / "cache");
  vidcost::load_catalog({kCatalog}, {}, &cache);
  for (auto _ : state) {
    auto result = vidcost::load_catalog({kCatalog}, {}, &cache);
    benchmark::DoNotOptimize(result.catalog.providers.size());
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_LoadCatalogFromCache)->Unit(benchmark::kMillisecond);

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

// One line of each kind a mixed script runs, catalog loaded: where a line's time goes, without
// the process around it.
void warm_line(benchmark::State& state, std::vector<std::string> line) {
  vidcost::Session session;
  std::ostringstream out, err;
  std::vector<std::string> args = {"--catalog", kCatalog, "--as-of", "2026-11-28", "--format", "csv"};
  args.insert(args.end(), line.begin(), line.end());
  if (vidcost::run_command_line(args, session, out, err) != 0) state.SkipWithError(err.str().c_str());
  for (auto _ : state) {
    out.str("");
    vidcost::run_command_line(args, session, out, err);
    benchmark::DoNotOptimize(out.str().size());
  }
}
void BM_WarmCostLine(benchmark::State& state) { warm_line(state, {"cost", "kling/2.1/pro@5s"}); }
BENCHMARK(BM_WarmCostLine)->Unit(benchmark::kMicrosecond);
void BM_WarmMarginLine(benchmark::State& state) { warm_line(state, {"margin", "kling/2.1/pro@5s", "--plan", "pro"}); }
BENCHMARK(BM_WarmMarginLine)->Unit(benchmark::kMicrosecond);
void BM_WarmCompareProviderLine(benchmark::State& state) { warm_line(state, {"compare", "hailuo/*/768p@6s"}); }
BENCHMARK(BM_WarmCompareProviderLine)->Unit(benchmark::kMicrosecond);
// Every row of the shipped catalog's comparison, catalog loaded: quoting, ranking and CSV.
void BM_WarmCompareCsv(benchmark::State& state) { warm_line(state, {"compare"}); }
BENCHMARK(BM_WarmCompareCsv)->Unit(benchmark::kMicrosecond);

// A script of price lines through `vidcost run`, as a scripted comparison runs them: a mix of
// generations and offers, one CSV table per line. Reports lines per second.
void BM_ScriptOfPriceLines(benchmark::State& state) {
  const std::vector<std::string> lines = {
      "price kling/2.1/std@5s --plan gold",      "price kling/2.1/pro@10s --plan pro",
      "price kling/2.5-turbo/pro@5s --api",       "price hailuo/02/768p@6s --region intl --plan standard",
      "price kling/2.1/pro@5s --pack topup-100",  "price kling/2.6/pro@5s --api-pack trial-1000",
  };
  const auto path = std::filesystem::temp_directory_path() / "vidcost-bench-script.vc";
  const int count = static_cast<int>(state.range(0));
  {
    std::ofstream script(path);
    script << "set format csv\n";
    for (int i = 0; i < count; ++i) script << lines[static_cast<std::size_t>(i) % lines.size()] << '\n';
  }
  for (auto _ : state) {
    vidcost::Session session;
    std::ostringstream out, err;
    const int code = vidcost::run_command_line({"--catalog", kCatalog, "--as-of", "2026-11-28", "run", path.string()},
                                               session, out, err);
    if (code != 0) state.SkipWithError(err.str().c_str());
    benchmark::DoNotOptimize(out.str().size());
  }
  state.SetItemsProcessed(state.iterations() * count);
  std::filesystem::remove(path);
}
BENCHMARK(BM_ScriptOfPriceLines)->Arg(20000)->Unit(benchmark::kMillisecond);

// One line at the prompt: the Shell adds the settings, then the line runs as above.
void BM_PromptLine(benchmark::State& state) {
  vidcost::Session session;
  std::ostringstream out, err;
  vidcost::Settings base;
  base.catalog_dir = kCatalog;
  base.as_of = vidcost::Date{2026, 11, 28};
  vidcost::Shell shell(session, base, out, err);
  shell.run_line("set currency USD");
  shell.run_line("price kling/2.1/pro@5s");
  for (auto _ : state) {
    out.str("");
    shell.run_line("price kling/2.1/pro@5s");
    benchmark::DoNotOptimize(out.str().size());
  }
}
BENCHMARK(BM_PromptLine)->Unit(benchmark::kMicrosecond);

// A recommendation for a need of 10 lines over every provider and both markets, catalog loaded.
void BM_Recommend10Lines(benchmark::State& state) {
  vidcost::Session session;
  std::ostringstream out, err;
  const std::vector<std::string> args = {
      "--catalog", kCatalog, "--as-of", "2026-11-28", "recommend",
      "40xkling/2.1/pro@10s", "100xkling/2.5-turbo/std@5s", "20xkling/2.1/master@5s", "30xkling/2.6/pro-audio@5s",
      "20xhailuo/02/768p@6s", "10xhailuo/02/1080p@6s", "15xhailuo/2.3/768p@10s", "25xhailuo/2.3-fast/768p@6s",
      "12xkling/1.6/std@10s", "8xkling/2.0/master@10s", "--format", "csv"};
  const int code = vidcost::run_command_line(args, session, out, err);
  if (code != 0) state.SkipWithError(err.str().c_str());
  for (auto _ : state) {
    out.str("");
    vidcost::run_command_line(args, session, out, err);
    benchmark::DoNotOptimize(out.str().size());
  }
}
BENCHMARK(BM_Recommend10Lines)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  vidcost::prepare_process_memory();  // as the vidcost binary does
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
