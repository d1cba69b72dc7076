#!/usr/bin/env bash
# make dry-run: the paper scale on this CPU with synthetic data (README, "Dry run of the paper scale").
# 1. synthetic CIFAR-10/100 archives, MIT67 tree, MNIST idx files and a random-weight ResNet-50 zoo archive, with
#    their manifest, into DRY_RUN_DATA (a fresh temporary directory unless given);
# 2. a kill -9 and a resume: one paper-scale run (WRN-28-2, upper-bound, 2 updates, a checkpoint after each) is
#    killed once its first checkpoint exists, then run again; its record must say it was resumed;
# 3. the matrix of `make reproduce-all` at paper scale (every experiment and method, seed 0, the first candidate of
#    each tuning grid) as two shards, each `isrepro dry-run`, which also measures step, scoring time and memory;
# 4. the shards merged: dry-run.md and dry-run.json, and the report rendered from both shards' directories.
# Run again, it resumes: the data, the kill and resume once passed, and each experiment a shard measured without a
# failure are kept (`isrepro dry-run` reads its dry-run.json back); DRY_RUN_FRESH=1 starts over.
# Environment: DRY_RUN_ITERATIONS (default 1), DRY_RUN_OUT (default reports/out/dry-run), DRY_RUN_DATA (default
# DRY_RUN_OUT/synthetic-data), DRY_RUN_PARALLEL=1 runs the two shards at once (each with one thread).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ITER="${DRY_RUN_ITERATIONS:-1}"
OUT="$(mkdir -p "${DRY_RUN_OUT:-$root/reports/out/dry-run}" && cd "${DRY_RUN_OUT:-$root/reports/out/dry-run}" && pwd)"
DATA="${DRY_RUN_DATA:-$OUT/synthetic-data}"
if [ "${DRY_RUN_FRESH:-}" = 1 ]; then
  rm -rf "$OUT/kill" "$OUT/shard-1" "$OUT/shard-2"
  [ -n "${DRY_RUN_DATA:-}" ] || rm -rf "$DATA"
fi
ISREPRO="${ISREPRO:-bin/isrepro}"
case "$ITER" in ''|*[!0-9]*|0) echo "dry-run: DRY_RUN_ITERATIONS must be a positive integer, got '$ITER'" >&2; exit 2;; esac
echo "dry-run: synthetic data in $DATA, results in $OUT, $ITER update(s) per run; load $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
if [ ! -f "$DATA/SYNTHETIC-DRY-RUN.sha256" ]; then
  $ISREPRO dry-run --generate-data "$DATA" | grep '^written'
fi
export ISREPRO_DATA="$DATA" ISREPRO_OFFLINE=1

# 2. kill and resume (2 updates, so that a checkpoint exists between them)
run_args=(run --experiment wrn-cifar10 --method upper-bound --scale paper --out "$OUT/kill" --no-progress
          --checkpoint-every 1it)
name=wrn-cifar10__upper-bound__seed0__paper
if grep -qs '"resumedCount" : 1' "$OUT/kill/runs/$name.json"; then
  echo "dry-run: kept from before: the kill and resume of $name passed ($OUT/kill/runs/$name.json)"
else
rm -rf "$OUT/kill"
ISREPRO_DRY_RUN=2 $ISREPRO "${run_args[@]}" > "$OUT/kill.log" 2>&1 &
pid=$!
while [ ! -f "$OUT/kill/checkpoints/$name.ckpt" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "dry-run: the run to be killed ended before its first checkpoint (see $OUT/kill.log)" >&2; exit 1
  fi
  sleep 0.2
done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "dry-run: killed $name (kill -9) after its first checkpoint; resuming"
ISREPRO_DRY_RUN=2 $ISREPRO "${run_args[@]}" >> "$OUT/kill.log" 2>&1
grep -q '"resumedCount" : 1' "$OUT/kill/runs/$name.json" \
  || { echo "dry-run: the resumed record $OUT/kill/runs/$name.json does not say it was resumed once" >&2; exit 1; }
echo "dry-run: resumed and finished: $OUT/kill/runs/$name.json (resumedCount 1)"
fi

# 3. two shards (built first: two bin/isrepro starting at once would both rebuild a stale build)
$ISREPRO --version > /dev/null
export ISREPRO_DRY_RUN="$ITER"
status=0
if [ "${DRY_RUN_PARALLEL:-}" = 1 ]; then
  OMP_NUM_THREADS=1 $ISREPRO dry-run --shard 1/2 --out "$OUT/shard-1" > "$OUT/shard-1.log" 2>&1 & p1=$!
  OMP_NUM_THREADS=1 $ISREPRO dry-run --shard 2/2 --out "$OUT/shard-2" > "$OUT/shard-2.log" 2>&1 & p2=$!
  wait "$p1" || status=1; wait "$p2" || status=1
else
  $ISREPRO dry-run --shard 1/2 --out "$OUT/shard-1" > "$OUT/shard-1.log" 2>&1 || status=1
  $ISREPRO dry-run --shard 2/2 --out "$OUT/shard-2" > "$OUT/shard-2.log" 2>&1 || status=1
fi
grep -h '^dry run:' "$OUT/shard-1.log" "$OUT/shard-2.log" || true

# 4. merge and report
$ISREPRO dry-run --merge "$OUT/shard-1" "$OUT/shard-2" --out "$OUT"
$ISREPRO report --from "$OUT/shard-1" --from "$OUT/shard-2" --out "$OUT" | tail -3
echo "dry-run: $(( $(date +%s) - start )) s; load $(cut -d' ' -f1-3 /proc/loadavg); $OUT/dry-run.md, $OUT/report.md"
[ "$status" = 0 ] || { echo "dry-run: some runs failed (listed in $OUT/dry-run.md and the shard logs)" >&2; exit 1; }
