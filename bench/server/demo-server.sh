# Sourced by the server load scripts (bench/server-load.sh, bench/stats-load.sh): with $root and
# $out set, trains the demo bundle, generates SOC events ($out/events.csv), creates an admin key
# ($key) and starts `sentinel serve` on a free loopback port with a fresh embedded store and no
# rate limit ($url, $server; stopped when the script exits), started with bin/sentinel as a user
# would. Heap: SERVER_HEAP (default 2g); SERVER_JAVA_OPTS: more JVM options for the server only
# (e.g. -XX:StartFlightRecording=..., or -XX:+UseZGC for another collector).
java_home="$("$root/bin/find-jdk")"
java="$java_home/bin/java"
[ -f "$root/cli/target/sentinel.jar" ] || "$root/bin/build" -q
sentinel() { "$java" --enable-native-access=ALL-UNNAMED -jar "$root/cli/target/sentinel.jar" "$@"; }

sentinel demo --samples 5000 --contamination 0.04 --model-out "$out/demo.srb" > /dev/null
sentinel generate soc --seed 11 --output "$out/events.csv"
key="$(sentinel keys create --role admin --name load --data-dir "$out/data")"

# through bin/sentinel, so the server runs with the JVM options `sentinel serve` has (its collector
# and metaspace threshold); bin/sentinel ends in exec, so $! is the server's JVM
SENTINEL_JAVA_OPTS="-Xmx${SERVER_HEAP:-2g} ${SERVER_JAVA_OPTS:-}" "$root/bin/sentinel" serve \
  --model "$out/demo.srb" --data-dir "$out/data" --port 0 --rate-limit 0 > "$out/serve.out" 2> "$out/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "listening on" "$out/serve.out" 2>/dev/null && break
  kill -0 $server 2>/dev/null || { cat "$out/serve.err"; exit 1; }
  sleep 1
done
url="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out/serve.out")"
echo "server at $url" >&2
