#!/usr/bin/env bash
# Where one PeerBench call's time goes below Java: perf samples of the JMH fork's benchmark thread, with the
# symbols of oneDNN's generated kernels and of the JVM's compiled Java code, grouped by native_categories.py
# (docs/benchmarks.md, "Where the floor is").
#
#   benchmark/profile/native_profile.sh wrn16 step 32 [seconds]
#
# Needs Linux perf (Debian's linux-perf) and the benchmark jar (make bench-peer or
# mvn -pl benchmark -am package builds it). One OpenMP thread, as make bench-peer PEER_THREADS=1.
# Writes $OUT_DIR/<network>-<operation>-<batch>.{perf,syms,txt,jmh.log,onednn.map} (default reports/out/profile).
set -euo pipefail
network=${1:?usage: native_profile.sh NETWORK OPERATION BATCH [SECONDS]}
operation=${2:?usage: native_profile.sh NETWORK OPERATION BATCH [SECONDS]}
batch=${3:?usage: native_profile.sh NETWORK OPERATION BATCH [SECONDS]}
seconds=${4:-10}
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${JAR:-$root/benchmark/target/benchmarks.jar}"
out_dir="${OUT_DIR:-$root/reports/out/profile}"
command -v perf >/dev/null || { echo "native_profile: perf not found (apt-get install linux-perf)" >&2; exit 2; }
[ -f "$jar" ] || { echo "native_profile: $jar missing (make bench-peer builds it)" >&2; exit 2; }
mkdir -p "$out_dir"
name="$out_dir/$network-$operation-$batch"
log="$name.jmh.log"

# oneDNN writes its kernels' symbols to /tmp/perf-<pid>.map as it generates them (DNNL_JIT_PROFILE=2); the
# JVM writes its compiled methods' symbols to the same file when it exits, replacing oneDNN's, so the
# oneDNN part is copied while the fork runs and merged back afterwards.
OMP_NUM_THREADS=1 DNNL_JIT_PROFILE=2 java -Djmh.ignoreLock=true -cp "$jar" org.openjdk.jmh.Main PeerBench.run \
  -p network="$network" -p operation="$operation" -p batch="$batch" -f 1 -wi 2 -w 2s \
  -i $(( (seconds + 9) / 2 )) -r 2s \
  -jvmArgsAppend "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" \
  > "$log" 2>&1 &
jmh=$!
pid=
for _ in $(seq 60); do
  pid=$(pgrep -f "jmh.runner.ForkedMain" | head -1 || true)
  [ -n "$pid" ] && break
  sleep 1
done
[ -n "$pid" ] || { echo "native_profile: no JMH fork started (see $log)" >&2; exit 1; }
sleep 8 # the warmup iterations
perf record -q -F 1999 -p "$pid" -o "$name.perf" -- sleep "$seconds"
cp "/tmp/perf-$pid.map" "$name.onednn.map" 2>/dev/null || : > "$name.onednn.map"
wait "$jmh"
cat "$name.onednn.map" >> "/tmp/perf-$pid.map"
# the benchmark thread: the fork's busiest thread
tid=$(perf report -i "$name.perf" --no-children --sort pid --stdio 2>/dev/null \
  | awk '/^ *[0-9.]+%/ && /isrepro|ForkedMain|java/ {print $2; exit}' | cut -d: -f1)
perf report -i "$name.perf" --no-children --tid "$tid" --sort dso,sym --stdio -g none 2>/dev/null \
  | grep -v '^#' | grep -v '^$' > "$name.syms"
ms=$(awk '/^PeerBench.run +[0-9]/ {print $(NF-3)}' "$log")
python3 "$root/benchmark/profile/native_categories.py" "$name.syms" --ms "${ms:-0}" | tee "$name.txt"
