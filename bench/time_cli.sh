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

# A script of 20 000 price lines through `run`: lines per second, process start included.
script="$(mktemp)"
trap 'rm -f "$script"' EXIT
echo "set format csv" > "$script"
i=0
while [ "$i" -lt 4000 ]; do
  printf '%s\n' "price kling/2.1/std@5s --plan gold" "price kling/2.1/pro@10s --plan pro" \
    "price kling/2.5-turbo/pro@5s --api" "price kling/2.1/pro@5s --pack topup-100" \
    "price kling/2.6/pro@5s --api-pack trial-1000" >> "$script"
  i=$((i + 1))
done
start=$(date +%s%N)
"$bin" run "$script" >/dev/null
end=$(date +%s%N)
echo "$(( 20000 * 1000000000 / (end - start) )) lines per second: $bin run (20000 price lines)"
