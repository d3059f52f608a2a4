#!/usr/bin/env bash
# Builds roster_micro_bench (the `bench` CMake preset: Release -O2, build/bench) and runs it, then
# prints a Markdown table of ns/op (median of the repetitions) for docs/micro-benchmarks.md.
#
#   bench/micro.sh                                   # 5 repetitions of >= 0.2 s per benchmark
#   MICRO_REPS=10 MICRO_MIN_TIME=0.5 bench/micro.sh
#   bench/micro.sh --benchmark_filter='Cursor|Token' # other arguments go to the benchmark
#
# The Google Benchmark console output goes to stderr, the table to stdout.
# MICRO_MIN_TIME is plain seconds: Debian 12's libbenchmark 1.7.1 does not take "0.2s".
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${MICRO_REPS:-5}
min_time=${MICRO_MIN_TIME:-0.2}
jobs=${MICRO_JOBS:-2}
bin=build/bench/bench/roster_micro_bench

command -v python3 >/dev/null || { echo "python3 is needed for the table" >&2; exit 1; }
cmake --preset bench >/dev/null
cmake --build --preset bench --target roster_micro_bench -j "$jobs" >&2

json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$bin" --benchmark_min_time="$min_time" --benchmark_repetitions="$reps" \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json "$@" >&2

python3 - "$json" "$reps" "$min_time" <<'PY'
import json, platform, subprocess, sys

path, reps, min_time = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = json.load(open(path))
ctx = doc["context"]
scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

rows = {}  # run_name -> {"median"/"cv"/"single": entry}
order = []
for b in doc["benchmarks"]:
    name = b.get("run_name", b["name"])
    if name not in rows:
        rows[name] = {}
        order.append(name)
    kind = b.get("aggregate_name", "single") if b.get("run_type") == "aggregate" else "single"
    rows[name][kind] = b

def ns(entry, key):
    return entry[key] * scale[entry.get("time_unit", "ns")]

def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"

try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    cpu = platform.processor() or "unknown CPU"
load = ", ".join(f"{x:.2f}" for x in ctx.get("load_avg", []))
print(f"Run {ctx['date']} on {ctx['host_name']}: {ctx['num_cpus']} x {cpu} "
      f"({ctx['mhz_per_cpu']} MHz), load average {load or 'n/a'}.")
print(f"libbenchmark build: {ctx.get('library_build_type', '?')}; libsodium {ctx.get('libsodium', '?')}; "
      f"{reps} repetitions of >= {min_time} s, median shown.")
print()
print("| benchmark | CPU ns/op | wall ns/op | CV (CPU) | note |")
print("|---|---:|---:|---:|---|")
for name in order:
    r = rows[name]
    e = r.get("median") or r.get("single")
    if e is None:
        continue
    cv = r.get("cv")
    cv_text = f"{cv['cpu_time'] * 100:.1f}%" if cv else "-"
    note = ""
    if "body_bytes" in e:
        note = f"{e['body_bytes']:.0f}-byte body"
    print(f"| {name} | {fmt(ns(e, 'cpu_time'))} | {fmt(ns(e, 'real_time'))} | {cv_text} | {note} |")
PY
