#!/usr/bin/env python3
"""vidcost against a plain Python script, paired in one run, and `vidcost run`'s line rates.

For the shipped catalog and synthetic catalogs 10 and 100 times larger (bench/make_catalog.py),
it checks that `vidcost compare --format csv` and bench/reference_compare.py print the same bytes,
then runs them in turn and reports, per size, the median CPU time (user + system, of the whole
process) of each, the median of the paired ratios, and the median peak memory (max RSS). vidcost
runs twice in each turn: reading the catalog from its cache (filled by the first, untimed run),
and with the cache turned off (VIDCOST_CACHE_DIR set empty), parsing every TOML file.
Then it times scripts of price lines and of mixed lines (price, cost, margin, a compare of one
provider's pattern, a quarter each) through `vidcost run`: lines per CPU second.

Usage: /usr/bin/python3 bench/compare_vs_python.py [--vidcost BUILD/vidcost] [--runs N]
       [--sizes 1,10,100] [--as-of YYYY-MM-DD]
Needs Python 3.11 or later (tomllib).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measured(argv, env=None):
    """(CPU seconds, peak RSS in MiB, exit status) of one run, its output thrown away."""
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err = child.stderr.read()
        child.stderr.close()
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({child.returncode}): {err.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def output_of(argv, env=None):
    return subprocess.run(argv, check=True, capture_output=True, env=env).stdout


def environment(cache_dir):
    env = dict(os.environ)
    env["VIDCOST_CACHE_DIR"] = cache_dir
    return env


def compare_sizes(args, work):
    vidcost = [args.vidcost]
    reference = [sys.executable, os.path.join(HERE, "reference_compare.py")]
    cached, uncached = environment(os.path.join(work, "cache")), environment("")
    print(f"## compare --format csv against bench/reference_compare.py ({args.runs} paired runs, medians)\n")
    print("| catalog | rows | vidcost CPU | Python CPU | ratio | vidcost peak | Python peak | memory ratio "
          "| no cache: vidcost CPU | ratio | peak |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        catalog = os.path.join(ROOT, "pricing")
        if size != 1:
            catalog = os.path.join(work, f"catalog-{size}x")
            subprocess.run([sys.executable, os.path.join(HERE, "make_catalog.py"), os.path.join(ROOT, "pricing"),
                            str(size), catalog], check=True)
        ours = vidcost + ["--catalog", catalog, "--as-of", args.as_of, "compare", "--format", "csv"]
        theirs = reference + [catalog, args.as_of]
        expected = output_of(ours, uncached)
        if output_of(ours, cached) != expected or output_of(ours, cached) != expected:  # fills, then reads the cache
            sys.exit(f"{size}x: vidcost prints other bytes with its catalog cache; no timing")
        if output_of(theirs) != expected:
            sys.exit(f"{size}x: the reference does not print what vidcost prints; no timing without the same output")
        rows = expected.count(b"\n") - 1
        runners = [(ours, cached), (theirs, None), (ours, uncached)]
        times, peaks = ([], [], []), ([], [], [])
        ratios, uncached_ratios = [], []
        for i in range(args.runs):
            # Rotate which goes first, so none always runs on a warmer machine.
            run = {}
            for k in range(3):
                which = (i + k) % 3
                run[which] = measured(runners[which][0], runners[which][1])
                times[which].append(run[which][0])
                peaks[which].append(run[which][1])
            ratios.append(run[1][0] / run[0][0])
            uncached_ratios.append(run[1][0] / run[2][0])
        ms = [statistics.median(t) * 1000 for t in times]
        mib = [statistics.median(p) for p in peaks]
        print(f"| {size}x | {rows} | {ms[0]:.1f} ms | {ms[1]:.0f} ms | {statistics.median(ratios):.1f}x "
              f"| {mib[0]:.1f} MiB | {mib[1]:.1f} MiB | {mib[0] / mib[1]:.2f} "
              f"| {ms[2]:.1f} ms | {statistics.median(uncached_ratios):.1f}x | {mib[2]:.1f} MiB |")
        sys.stdout.flush()


def script(path, lines, count):
    with open(path, "w", encoding="utf-8") as f:
        f.write("set format csv\n")
        for i in range(count):
            f.write(lines[i % len(lines)] + "\n")


PRICE_LINES = [
    "price kling/2.1/std@5s --plan gold", "price kling/2.1/pro@10s --plan pro", "price kling/2.5-turbo/pro@5s --api",
    "price hailuo/02/768p@6s --region intl --plan standard", "price kling/2.1/pro@5s --pack topup-100",
    "price kling/2.6/pro@5s --api-pack trial-1000",
]
MIXED_LINES = [
    "price kling/2.1/pro@5s --plan pro", "cost kling/2.1/pro@5s", "margin kling/2.1/pro@5s --plan pro",
    "compare 'hailuo/*/768p@6s'",
]


def run_rates(args, work):
    count = 20000
    print(f"\n## vidcost run: {count} lines a script ({args.runs} runs, medians; process start included)\n")
    print("| script | CPU | lines per second |")
    print("|---|---:|---:|")
    for name, lines in (("price lines", PRICE_LINES), ("mixed lines", MIXED_LINES)):
        path = os.path.join(work, name.replace(" ", "-") + ".vc")
        script(path, lines, count)
        argv = [args.vidcost, "--catalog", os.path.join(ROOT, "pricing"), "--as-of", args.as_of, "run", path]
        env = environment(os.path.join(work, "cache"))
        cpu = statistics.median(measured(argv, env)[0] for _ in range(args.runs))
        print(f"| {name} ({' / '.join(l.split()[0] for l in lines[:4] if name == 'mixed lines') or 'price'}) "
              f"| {cpu * 1000:.0f} ms | {count / cpu:,.0f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vidcost", default=os.path.join(ROOT, "build", "vidcost"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1,10,100", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--as-of", default="2026-11-28")
    parser.add_argument("--no-run", action="store_true", help="skip the `vidcost run` line rates")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vidcost-bench-") as work:
        compare_sizes(args, work)
        if not args.no_run:
            run_rates(args, work)


if __name__ == "__main__":
    main()
