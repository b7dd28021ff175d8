// Benchmarks of the optimiser behind `recommend` and `breakeven`, on the shipped catalog and on a
// synthetic one ten times larger (every provider copied nine times under new ids, written to a
// temporary directory before the runs). Budgets (docs/performance.md): ten generic lines across
// every provider and market under 100 ms; fifty mixed lines under 1 s; 200 000 clips a month on
// one line under 100 ms; a specific line on the tenfold catalog under 1 s.
// Run: build with -DVIDCOST_BENCHMARKS=ON, then ./build/bench/vidcost_bench --benchmark_filter=Recommend
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/commands.h"

namespace {

const std::string kCatalog = std::string(VIDCOST_REPO_ROOT) + "/pricing";

// A need's command line, run with the catalog loaded once (as in a script or at the prompt).
void run_warm(benchmark::State& state, const std::string& catalog, std::vector<std::string> command) {
  vidcost::Session session;
  std::vector<std::string> args = {"--catalog", catalog, "--as-of", "2026-11-28"};
  args.insert(args.end(), command.begin(), command.end());
  std::ostringstream out, err;
  if (vidcost::run_command_line(args, session, out, err) != 0) {
    state.SkipWithError(err.str().c_str());
    return;
  }
  for (auto _ : state) {
    out.str("");
    vidcost::run_command_line(args, session, out, err);
    benchmark::DoNotOptimize(out.str().size());
  }
}

void BM_Recommend10GenericLines(benchmark::State& state) {
  run_warm(state, kCatalog,
           {"recommend", "40x@10s:1080p", "100x@5s:720p", "30x@5s:1080p", "20x@10s:720p", "50x@6s:768p",
            "10x@10s:768p", "25x@5s", "15x@10s", "60x@8s", "5x@4s", "--format", "csv"});
}
BENCHMARK(BM_Recommend10GenericLines)->Unit(benchmark::kMillisecond);

// Fifty lines: forty naming a model (Kling, Hailuo, Seedance, Pika) and ten generic, counts 5 to 94.
std::vector<std::string> fifty_mixed_lines() {
  const std::vector<std::string> specs = {
      "kling/2.5-turbo/pro@5s", "kling/2.1/std@10s", "hailuo/02/768p@6s", "seedance/1.0-pro/1080p@5s",
      "kling/2.6/pro@5s",       "hailuo/2.3/768p@10s", "pika/2.2/1080p@5s", "@10s:720p",
      "kling/2.5-turbo/std@10s", "@5s:1080p"};
  std::vector<std::string> args = {"recommend"};
  int i = 0;
  for (int round = 0; round < 5; ++round) {
    for (const auto& spec : specs) {
      ++i;
      args.push_back(std::to_string(i * 7 % 90 + 5) + "x" + spec);
    }
  }
  args.insert(args.end(), {"--format", "csv"});
  return args;
}

void BM_Recommend50MixedLines(benchmark::State& state) { run_warm(state, kCatalog, fifty_mixed_lines()); }
BENCHMARK(BM_Recommend50MixedLines)->Unit(benchmark::kMillisecond);

void BM_Recommend200kClipsOneGenericLine(benchmark::State& state) {
  run_warm(state, kCatalog, {"recommend", "200000x@5s:1080p", "--format", "csv"});
}
BENCHMARK(BM_Recommend200kClipsOneGenericLine)->Unit(benchmark::kMillisecond);

void BM_Recommend200kClipsOfKlingForAYear(benchmark::State& state) {
  run_warm(state, kCatalog, {"recommend", "200000xkling/2.5-turbo/pro@5s", "--months", "12", "--format", "csv"});
}
BENCHMARK(BM_Recommend200kClipsOfKlingForAYear)->Unit(benchmark::kMillisecond);

// The shipped catalog with every provider file copied nine more times under new ids ("kling-s1"
// ...), aliases dropped (they must be unique): ten times the providers and offers.
std::string tenfold_catalog() {
  static const std::string dir = [] {
    namespace fs = std::filesystem;
    const fs::path out = fs::temp_directory_path() / ("vidcost-bench-catalog-" + std::to_string(::getpid()));
    fs::create_directories(out);
    const std::regex provider_id(R"((\[provider\]\s*\nid = ")([^"]+)("))");
    const std::regex aliases(R"(\naliases = \[[^\]]*\])");
    for (const auto& entry : fs::directory_iterator(kCatalog)) {
      if (entry.path().extension() != ".toml") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      std::ofstream(out / entry.path().filename()) << text.str();
      if (text.str().find("[provider]") == std::string::npos) continue;  // fx, compute
      for (int copy = 1; copy < 10; ++copy) {
        std::string t = std::regex_replace(text.str(), provider_id, "$1$2-s" + std::to_string(copy) + "$3");
        // Aliases of providers, plans and modes would clash: only the originals keep them.
        t = std::regex_replace(t, aliases, "");
        std::ofstream(out / (entry.path().stem().string() + "-s" + std::to_string(copy) + ".toml")) << t;
      }
    }
    return out.string();
  }();
  return dir;
}

void BM_RecommendSpecificLineTenfoldCatalog(benchmark::State& state) {
  run_warm(state, tenfold_catalog(), {"recommend", "40xkling/2.1/pro@10s", "20xhailuo/02/768p@6s", "--format", "csv"});
}
BENCHMARK(BM_RecommendSpecificLineTenfoldCatalog)->Unit(benchmark::kMillisecond);

void BM_RecommendGenericLineTenfoldCatalog(benchmark::State& state) {
  run_warm(state, tenfold_catalog(), {"recommend", "40x@10s:1080p", "--format", "csv"});
}
BENCHMARK(BM_RecommendGenericLineTenfoldCatalog)->Unit(benchmark::kMillisecond);

void BM_BreakevenKling(benchmark::State& state) {
  run_warm(state, kCatalog, {"breakeven", "kling", "kling/2.5-turbo/pro@5s", "--region", "intl", "--format", "csv"});
}
BENCHMARK(BM_BreakevenKling)->Unit(benchmark::kMillisecond);

}  // namespace
