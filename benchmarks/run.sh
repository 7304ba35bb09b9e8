#!/usr/bin/env bash
# One command for the side-by-side benchmarks: builds the benchmarks jar (profile -Pbenchmarks, tests skipped), then
# runs every workload in CPython asyncio, asyncio4j Kotlin tasks, Java tasks and raw kotlinx on JDK 25 and JDK 17
# and prints one table with the ratios. Options go to side_by_side.py (--quick, --only WORKLOAD..., --jdks 25,
# --jvm-arg=-D..., --runs N; --help lists them). See docs/PERFORMANCE.md.
# `benchmarks/run.sh net [--quick] [--only ...]` runs the networking benchmarks instead (net_side_by_side.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -ntp -Pbenchmarks package -DskipTests -pl benchmarks -am
fi
if [ "${1:-}" = "net" ]; then shift; exec python3 benchmarks/net_side_by_side.py "$@"; fi  # issue 13: echo + idle connections
exec python3 benchmarks/side_by_side.py "$@"
