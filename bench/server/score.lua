-- wrk script for POST /v1/score (bench/server-load.sh): every request is built once, before the
-- clock starts, from the bodies file (one JSON body a line), so the client's share of the cores
-- goes to HTTP over loopback. Each connection waits for its answer before sending the next
-- (closed loop). Bounded: wrk's -d bounds the time, and each thread stops after its share of
-- LIMIT requests.
--
-- Environment: BODIES (file), KEY (API key), LIMIT (requests over all threads), THREADS (wrk -t),
-- BATCH (records per request, for the report), CONCURRENCY (wrk -c, for the report).
local requests, count, cursor, sent, limit = {}, 0, 0, 0, 0
local threads = 0

-- in the main environment: numbers the threads, so that each starts at other bodies
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local headers = { ["Authorization"] = "Bearer " .. os.getenv("KEY"), ["Content-Type"] = "application/json" }
  for line in io.lines(os.getenv("BODIES")) do
    count = count + 1
    requests[count] = wrk.format("POST", "/v1/score", headers, line)
  end
  limit = math.ceil(tonumber(os.getenv("LIMIT")) / tonumber(os.getenv("THREADS")))
  cursor = (id * 7919) % count
end

function request()
  sent = sent + 1
  if sent >= limit then
    wrk.thread:stop()
  end
  cursor = cursor % count + 1
  return requests[cursor]
end

-- One line in the format of bench/server/ServerLoad.java.
function done(summary, latency, requests)
  local batch = tonumber(os.getenv("BATCH"))
  local n = summary.requests
  local e = summary.errors
  -- wrk runs for its whole -d even when the threads stopped at LIMIT first; then the rate is
  -- the threads' own (sampled every 100 ms while they ran), not requests over -d
  local rate = n / (summary.duration / 1e6)
  -- (a stopped thread drops the requests it had in flight)
  if n + tonumber(os.getenv("CONCURRENCY")) + tonumber(os.getenv("THREADS")) >= tonumber(os.getenv("LIMIT")) then
    rate = requests.mean * tonumber(os.getenv("THREADS"))
  end
  io.write(string.format(
    "/v1/score batch=%d concurrency=%s requests=%d records=%d records_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f failures=%d sent_records=%d\n",
    batch, os.getenv("CONCURRENCY"), n, n * batch, rate * batch,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, n * batch))
end
