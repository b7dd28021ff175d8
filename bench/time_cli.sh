#!/bin/sh
# Times whole runs of the built binary (process start, catalog load, output) over N runs.
# Usage: bench/time_cli.sh [BINARY] [N]
set -eu
bin="${1:-./build/vidcost}"
runs="${2:-50}"
time_it() {
  start=$(date +%s%N)
  i=0
  while [ "$i" -lt "$runs" ]; do "$@" >/dev/null; i=$((i + 1)); done
  end=$(date +%s%N)
  echo "$(( (end - start) / runs / 1000 )) us per run: $*"
}
time_it "$bin" --version
time_it "$bin" compare --format csv
time_it "$bin" price kling/2.1/pro@5s --plan pro
