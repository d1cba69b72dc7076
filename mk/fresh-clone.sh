#!/usr/bin/env bash
# make test-fresh-clone (the last step of `make test`): what a new user does first, on a fresh clone.
#
#   git clone <this repository> at FRESH_REV (default HEAD: the committed state; uncommitted changes are
#   not in the clone), then in it: make reproduce SCALE=smoke, make report, make compare, make setup,
#   make list, make datasets, make doctor SCALE=smoke, make run ... SCALE=smoke
#
# Maven uses a local repository of its own (maven.repo.local, through MAVEN_OPTS, so every mvn the clone
# starts sees it) that holds no org.isrepro artifact: a copy of the warm repository FRESH_WARM_REPO
# (default ~/.m2/repository, read only) without org/isrepro, so third-party artifacts come from the copy and
# only what is missing from Maven Central. The shared data directory (ISREPRO_DATA) is only read: the clone
# sees it through a directory of links to its datasets (not to its pretrained/ cache, which the smoke runs
# fill in the clone's own), and it must come out of the run unchanged. Each step must exit as expected, and
# report and compare must print nothing of Maven.
# Everything is written under a temporary directory, removed at the end (FRESH_KEEP=1 keeps it).
# Exits 1 naming every step that failed, with the end of its output.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${FRESH_REV:-HEAD}"
warm="${FRESH_WARM_REPO:-$HOME/.m2/repository}"
data="${ISREPRO_DATA:-$HOME/.cache/isrepro}"

commit="$(git -C "$root" rev-parse --verify "$rev^{commit}")" || { echo "fresh-clone: no commit '$rev'" >&2; exit 2; }
if [ "$rev" = HEAD ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-clone: uncommitted changes are not tested: the clone is of the last commit, $commit"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/isrepro-fresh.XXXXXX")"
if [ "${FRESH_KEEP:-}" = 1 ]; then echo "fresh-clone: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
start=$SECONDS

git clone -q --no-checkout "$root" "$work/isrepro" && git -C "$work/isrepro" checkout -q --detach "$commit" \
  || { echo "fresh-clone: cannot clone $root at $commit" >&2; exit 2; }
repo="$work/m2-repository"
mkdir -p "$repo"
if [ -d "$warm" ]; then cp -a "$warm/." "$repo/"; fi
rm -rf "$repo/org/isrepro"
echo "fresh-clone: commit $commit in $work/isrepro; Maven repository $repo ($(du -sh "$repo" | cut -f1)," \
  "no org.isrepro); $((SECONDS - start)) s"

snapshot() { [ -d "$data" ] && find "$data" -printf '%P %y %s %T@\n' 2>/dev/null | sort; }
data_before="$(snapshot)"
view="$work/data"
mkdir -p "$view"
for entry in "$data"/* "$data"/.[!.]*; do
  [ -e "$entry" ] && [ "$(basename "$entry")" != pretrained ] && ln -s "$entry" "$view/$(basename "$entry")"
done

# A user's shell: no make variables of the calling make, no classpath handed to bin/isrepro.
clean_env=(env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u MAKEOVERRIDES -u ISREPRO_CLASSPATH -u MVN -u SCALE
  -u OUT -u REPORTS_OUT "MAVEN_OPTS=${MAVEN_OPTS:+$MAVEN_OPTS }-Dmaven.repo.local=$repo" "ISREPRO_DATA=$view")
failed=()
total_cpu=0
maven_output='^\[(INFO|WARNING|ERROR)\]|BUILD FAILURE|org\.apache\.maven|org\.codehaus\.mojo|Re-run Maven'

# step NAME EXITS QUIET -- make ARGS...: EXITS is the accepted exit codes of the program make started ("0", or
# "0 1" for compare, which exits 1 when it flags a difference); QUIET=quiet fails
# the step when its output shows Maven (what report and compare must never print).
step() {
  local name="$1" exits="$2" quiet="$3"; shift 4
  local log="$work/${name// /-}.log" rc wall user sys cpu TIMEFORMAT='%R %U %S'
  { time { (cd "$work/isrepro" && "${clean_env[@]}" nice -n 10 "$@") >"$log" 2>&1; }; } 2>"$log.time"
  rc=$?
  # make exits 2 whatever its recipe's exit was; the program's own exit is in make's last line ("Error 1")
  if [ "$rc" = 2 ]; then
    local recipe
    recipe="$(tail -n 1 "$log" | sed -nE 's/^make: \*\*\* \[[^]]*\] Error ([0-9]+)$/\1/p')"
    [ -n "$recipe" ] && rc=$recipe
  fi
  read -r wall user sys < "$log.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
  total_cpu=$((total_cpu + cpu))
  local verdict=ok
  case " $exits " in *" $rc "*) ;; *) verdict="FAILED (exit $rc, expected ${exits// / or })";; esac
  if [ "$verdict" = ok ] && [ "$quiet" = quiet ] && grep -qE "$maven_output" "$log"; then
    verdict="FAILED (Maven output: $(grep -m1 -E "$maven_output" "$log"))"
  fi
  printf 'fresh-clone: %-42s %s, %.0f s (cpu %s s)\n' "$*" "$verdict" "$wall" "$cpu"
  if [ "$verdict" != ok ]; then
    failed+=("$*")
    tail -n 15 "$log" | sed 's/^/  | /'
  fi
}

step reproduce "0" any -- make reproduce SCALE=smoke
if [ ! -f "$work/isrepro/reports/out/index.html" ]; then
  echo "fresh-clone: make reproduce SCALE=smoke wrote no reports/out/index.html"
  failed+=("reports/out/index.html")
fi
step report "0" quiet -- make report
step compare "0 1" quiet -- make compare
step setup "0" any -- make setup
step list "0" quiet -- make list SCALE=smoke
step datasets "0" quiet -- make datasets
step doctor "0" any -- make doctor SCALE=smoke
step run "0" quiet -- make run EXPERIMENT=rais-mnist-oracle METHOD=uniform SEED=0 SCALE=smoke

if [ "$(snapshot)" != "$data_before" ]; then
  echo "fresh-clone: the data directory $data changed:"
  diff <(printf '%s\n' "$data_before") <(snapshot) | head -20 | sed 's/^/  | /'
  failed+=("data directory unchanged")
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "fresh-clone: FAILED after $((SECONDS - start)) s (cpu $total_cpu s): $(printf '%s; ' "${failed[@]}")"
  exit 1
fi
echo "fresh-clone: all steps passed in $((SECONDS - start)) s (cpu $total_cpu s)"
