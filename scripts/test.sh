#!/bin/sh
# Builds every test and runs it under AddressSanitizer and UndefinedBehaviorSanitizer (one
# build keeps a full run within a few minutes on two cores). clang builds this configuration
# in about half the time g++ takes; the Release build (scripts/build.sh) stays with g++.
# For a Release run of the suite:
#   cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DVIDCOST_TESTS=ON && cmake --build build-test
#   (cd build-test && ctest)
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
jobs="$(nproc)"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan-clang -DCMAKE_BUILD_TYPE=Debug -DVIDCOST_TESTS=ON -DVIDCOST_SANITIZE=ON -DVIDCOST_BENCHMARKS=ON
cmake --build build-asan-clang -j"$jobs"
(cd build-asan-clang && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs")
