# Sourced by the side-by-side scripts (speed.sh, side-by-side.sh) after they set $root: where the
# data, the Python peer and the benchmarks jar are, and waiting for a quiet machine before each
# timed run.
#   SHARED          the shared folder (default ../shared next to the repository)
#   DATASETS        CSV files (default every *.csv and *.csv.gz in $SHARED/datasets)
#   REBUILD=1       rebuild bench/target/benchmarks.jar (it is built when missing)
#   QUIET           fraction 0..1 of all CPUs busy (from /proc/stat over 1 s) to wait below (default 0.5)
#   QUIET_MAX_WAIT  but at most this many seconds (default 30)
# bench_init NAME MODULES PACKAGES: NAME starts messages; MODULES are the Python modules the peer
# imports (as for `import`), PACKAGES the Debian packages that bring them. Sets SHARED, DATASETS,
# PY, jar and java, or exits 2 saying what is missing.
bench_init() {
  local name="$1" modules="$2" packages="$3"
  SHARED="${SHARED:-$(cd "$root/.." && pwd)/shared}"
  PY=/usr/bin/python3
  jar="$root/bench/target/benchmarks.jar"
  if [ -z "${DATASETS:-}" ]; then
    DATASETS="$(ls "$SHARED"/datasets/*.csv "$SHARED"/datasets/*.csv.gz 2>/dev/null | sort | tr '\n' ' ' || true)"
  fi
  [ -n "$DATASETS" ] || { echo "$name: no datasets in $SHARED/datasets (set SHARED)" >&2; exit 2; }
  if ! "$PY" -c "import $modules" 2>/dev/null; then
    echo "$name: a Python peer is missing; install it: apt-get update && apt-get install -y $packages" >&2
    exit 2
  fi
  if [ ! -f "$jar" ] || [ -n "${REBUILD:-}" ]; then
    "$root/bin/build" -q -Pbench -pl bench -am package -DskipTests
  fi
  java="$("$root/bin/find-jdk")/bin/java"
}

QUIET="${QUIET:-0.5}"
QUIET_MAX_WAIT="${QUIET_MAX_WAIT:-30}"

# Fraction of all CPUs busy (not idle or iowait) over a 1 s window, from /proc/stat.
cpu_busy() {
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN {
    n = split(a, x, " "); split(b, y, " "); tot = 0
    for (i = 2; i <= n; i++) tot += y[i] - x[i]
    idle = (y[5] - x[5]) + (y[6] - x[6])
    printf "%.3f", (tot > 0 ? 1 - idle / tot : 0) }'
}

# Prints the busy fraction seen last, after waiting up to QUIET_MAX_WAIT s for it to drop to QUIET.
wait_quiet() {
  local start=$SECONDS busy
  busy="$(cpu_busy)"
  while awk -v b="$busy" -v q="$QUIET" 'BEGIN { exit !(b > q) }' && [ $((SECONDS - start)) -lt "$QUIET_MAX_WAIT" ]; do
    sleep 4; busy="$(cpu_busy)"
  done
  echo "$busy"
}

# Appends each JSON line of stdin to $1 with the busy fraction $2 seen before the run.
record() {
  local file="$1" busy="$2" line
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    echo "${line%\}}, \"cpu_busy_before\": $busy}" >> "$file"
  done
}

# Makes Python's xgboost run on the native library that SentinelRisk ships (libxgboost4j.so from
# XGBoost4J, taken out of the benchmarks jar) instead of Debian's: a copy of Debian's package in
# bench/target/xgboost-on-ours whose library is ours and whose VERSION says the native version
# (the package refuses a library of another version), put first on PYTHONPATH. Sets
# XGBOOST_FRONT_END to the package's own version. Call after bench_init.
use_our_native_xgboost() {
  local copy="$root/bench/target/xgboost-on-ours" debian
  debian="$("$PY" -c 'import os, xgboost; print(os.path.dirname(xgboost.__file__))')"
  rm -rf "$copy" && mkdir -p "$copy/native"
  (cd "$copy/native" && unzip -q -o "$jar" 'lib/linux/x86_64/libxgboost4j.so')
  cp -r "$debian" "$copy/xgboost"
  rm -f "$copy/xgboost/lib/"*
  ln -s "$copy/native/lib/linux/x86_64/libxgboost4j.so" "$copy/xgboost/lib/libxgboost.so"
  XGBOOST_FRONT_END="$(cat "$debian/VERSION")"
  unzip -p "$jar" META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties | sed -n 's/^version=//p' > "$copy/xgboost/VERSION"
  export XGBOOST_FRONT_END PYTHONPATH="$copy${PYTHONPATH:+:$PYTHONPATH}"
  echo "Python xgboost $XGBOOST_FRONT_END on native $(cat "$copy/xgboost/VERSION")" >&2
}
