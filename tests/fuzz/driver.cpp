// A small in-repository fuzzing driver, for builds without libFuzzer (g++): it runs every seed
// of the corpus directories given, then mutates them (bit flips, inserted and deleted bytes,
// repeated and spliced ranges, dictionary words) for -max_total_time seconds or -runs inputs,
// calling the target's LLVMFuzzerTestOneInput. The sanitizers catch what goes wrong; the input
// that did is written to crash-input first (and its path printed), so it can become a test.
// With clang, the same targets link libFuzzer instead (VIDCOST_LIBFUZZER, see CONTRIBUTING.md).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <csignal>

#include <fcntl.h>
#include <unistd.h>

// Under AddressSanitizer (gcc says so with __SANITIZE_ADDRESS__), its death callback saves the
// input; without it, a handler of the fatal signals does.
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define VIDCOST_HAS_DEATH_CALLBACK 1
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::size_t kMaxInput = 4096;

std::string g_current;  // the input being run, saved if it kills the process

void save_current() {
  // Plain system calls only: this may run in a signal handler.
  const int fd = ::open("crash-input", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    if (::write(fd, g_current.data(), g_current.size()) < 0) {
    }
    ::close(fd);
  }
  const char message[] = "fuzz: the input that failed is in ./crash-input\n";
  if (::write(2, message, sizeof message - 1) < 0) {
  }
}

[[maybe_unused]] void on_fatal_signal(int signal) {
  save_current();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// Words that matter to the grammars under test: TOML structure, ids, numbers at the edges.
const std::vector<std::string> kDictionary = {
    "[[plan]]", "[[pack]]", "[[model]]", "[[model.mode]]", "[[api]]", "[[api.rate]]", "[[api_pack]]",
    "[provider]", "[revert]", "[[retire]]", "[sources.A]", "[[rate]]", "id = ", "\"unknown\"", "effective_from = ",
    "effective_to = ", "2025-01-01", "2026-12-31", "1e-20", "1e308", "-1", "0", "99999999999999999999", "\"", "\n",
    "=", "(", ")", "-(", "*", "/", " in CNY", " USD", "@5s", "@10s", ":1080p", "x", "kling/2.1/pro", "*/*/*",
    "price ", "compare ", "set ", "cost ", "= ", "--plan ", "--as-of ", "--format csv", "remove = [", "]",
    "\x1b[2J", "\xe2\x80\xae", "\xff", "{", "}", "5 = 10", ".", ",", "#"};

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng) {
  auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const int steps = 1 + static_cast<int>(pick(4));
  for (int k = 0; k < steps; ++k) {
    switch (pick(7)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:  // insert a byte
        s.insert(s.begin() + static_cast<long>(pick(s.size() + 1)), static_cast<char>(pick(256)));
        break;
      case 2:  // delete a range
        if (!s.empty()) {
          const std::size_t at = pick(s.size());
          s.erase(at, 1 + pick(std::min<std::size_t>(16, s.size() - at)));
        }
        break;
      case 3:  // repeat a range (deep nesting, long lines)
        if (!s.empty()) {
          const std::size_t at = pick(s.size());
          const std::string piece = s.substr(at, 1 + pick(8));
          const std::size_t times = 1 + pick(64);
          std::string repeated;
          for (std::size_t i = 0; i < times; ++i) repeated += piece;
          s.insert(at, repeated);
        }
        break;
      case 4:  // a dictionary word
        s.insert(pick(s.size() + 1), kDictionary[pick(kDictionary.size())]);
        break;
      case 5:  // splice with another input
        if (!corpus.empty()) {
          const std::string& other = corpus[pick(corpus.size())];
          const std::size_t cut = pick(s.size() + 1), from = pick(other.size() + 1);
          s = s.substr(0, cut) + other.substr(from);
        }
        break;
      default:  // replace a byte with a digit or a sign
        if (!s.empty()) s[pick(s.size())] = "0123456789-+.e"[pick(14)];
        break;
    }
  }
  if (s.size() > kMaxInput) s.resize(kMaxInput);
  return s;
}

int run(const std::string& input) {
  g_current = input;
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  double max_seconds = 10;
  long long max_runs = -1;
  std::uint64_t seed = 1;
  std::vector<std::string> corpus;
#ifdef VIDCOST_HAS_DEATH_CALLBACK
  __sanitizer_set_death_callback(save_current);
#else
  for (int signal : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) std::signal(signal, on_fatal_signal);
#endif
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("-max_total_time=", 0) == 0) {
      max_seconds = std::atof(arg.c_str() + 16);
    } else if (arg.rfind("-runs=", 0) == 0) {
      max_runs = std::atoll(arg.c_str() + 6);
    } else if (arg.rfind("-seed=", 0) == 0) {
      seed = std::strtoull(arg.c_str() + 6, nullptr, 10);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        std::string s = text.str();
        if (s.size() > kMaxInput) s.resize(kMaxInput);
        corpus.push_back(std::move(s));
      }
    } else if (std::filesystem::is_regular_file(arg)) {
      std::ifstream in(arg, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      run(text.str());  // reproduce one input
      std::cerr << "fuzz: ran " << arg << "\n";
      return 0;
    } else {
      std::cerr << "usage: " << argv[0] << " [-max_total_time=S] [-runs=N] [-seed=N] CORPUS_DIR... | INPUT\n";
      return 2;
    }
  }
  if (corpus.empty()) corpus.push_back("");
  for (const auto& s : corpus) run(s);
  std::mt19937_64 rng(seed);
  const auto start = std::chrono::steady_clock::now();
  long long runs = static_cast<long long>(corpus.size());
  for (;;) {
    if (max_runs >= 0 && runs >= max_runs) break;
    if ((runs & 63) == 0 && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= max_seconds) {
      break;
    }
    const std::string& parent = corpus[std::uniform_int_distribution<std::size_t>(0, corpus.size() - 1)(rng)];
    std::string child = mutate(parent, corpus, rng);
    run(child);
    ++runs;
    // Keep some children as parents, so mutations compound (a blind walk, without coverage).
    if ((runs & 15) == 0 && corpus.size() < 4096) corpus.push_back(std::move(child));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "fuzz: " << runs << " inputs in " << seconds << " s, nothing failed\n";
  return 0;
}
