#!/bin/sh
# Builds every test and runs it under AddressSanitizer and UndefinedBehaviorSanitizer (one
# build keeps a full run within a few minutes on two cores). For a Release run of the suite:
#   cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DVIDCOST_TESTS=ON && cmake --build build-test
#   (cd build-test && ctest)
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
jobs="$(nproc)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DVIDCOST_TESTS=ON -DVIDCOST_SANITIZE=ON -DVIDCOST_BENCHMARKS=ON
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs")
