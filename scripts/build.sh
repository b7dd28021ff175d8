#!/bin/sh
# Installs what is missing, builds vidcost in Release (build/vidcost) and runs a real comparison.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DVIDCOST_TESTS=OFF
cmake --build build -j"$(nproc)"
./build/vidcost compare --resolution 1080p --duration 5s --currency USD
