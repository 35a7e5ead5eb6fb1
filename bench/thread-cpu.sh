#!/usr/bin/env bash
# CPU time of each thread of one command, for a timeline of where a run's CPU goes (the JVM's
# compiler and collector threads included, which JFR's samples of Java threads leave out):
#
#   bench/thread-cpu.sh bin/sentinel score -i cover.csv -m cover.srb --export-csv card.csv
#
# Runs the command (its output to /dev/null), reads /proc/PID/task/*/stat every ~10 ms until it
# exits, and prints the last CPU time (user + system, ms, to the kernel's 10 ms tick) seen of each
# thread, largest first, then the total and the wall time. A thread that lives under ~10 ms may
# be missed; the sampling itself costs some CPU beside the command.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bench/thread-cpu.sh COMMAND [ARGS...]" >&2; exit 2; }
start=$(date +%s%N)
"$@" >/dev/null 2>&1 &
pid=$!
declare -A cpu
while kill -0 "$pid" 2>/dev/null; do
  for f in /proc/"$pid"/task/*/stat; do
    line=$(cat "$f" 2>/dev/null) || continue
    name=${line#*(}; name=${name%)*}
    read -r -a rest <<< "${line##*) }"
    tid=${f#/proc/$pid/task/}; tid=${tid%/stat}
    cpu["$tid $name"]=$(( (rest[11] + rest[12]) * 10 ))   # utime, stime: fields 14 and 15 of stat
  done
  sleep 0.01
done
wait "$pid" || echo "thread-cpu: the command exited $?" >&2
end=$(date +%s%N)
for k in "${!cpu[@]}"; do
  if [ "${cpu[$k]}" -gt 0 ]; then printf '%6d ms  %s\n' "${cpu[$k]}" "${k#* }"; fi
done | sort -rn
total=0; for v in "${cpu[@]}"; do total=$((total + v)); done
printf '%6d ms  total CPU; wall %d ms\n' "$total" $(( (end - start) / 1000000 ))
