-- The requests of one infra/benchmark.sh scenario, for wrk (Debian's package, LuaJIT).
-- Environment: BENCH_METHOD (GET or POST), BENCH_REQUESTS (a file, one request per line: a path for GET, a JSON body
-- for POST), BENCH_PATH (the path of POST requests), BENCH_TOKEN (a bearer token, optional), BENCH_ONCE (1: each
-- thread takes its own slice of the file and goes through it once, in order, then wraps; for uncached reads).
-- done() prints one line the script parses: RESULT requests=… seconds=… rps=… p50_ms=… p99_ms=… errors=… non2xx=…

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  method = os.getenv("BENCH_METHOD") or "GET"
  post_path = os.getenv("BENCH_PATH") or "/"
  local token = os.getenv("BENCH_TOKEN")
  headers = { ["Accept"] = "application/json" }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  if method == "POST" then
    headers["Content-Type"] = "application/json"
    headers["Accept"] = "application/graphql-response+json"
  end
  local lines = {}
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  -- Every thread gets its own slice of the lines when each request should be sent once (uncached reads).
  local total = tonumber(os.getenv("BENCH_THREADS") or "1")
  if os.getenv("BENCH_ONCE") == "1" and total > 1 then
    local slice = {}
    for i = id + 1, #lines, total do
      table.insert(slice, lines[i])
    end
    lines = slice
  end
  requests = {}
  for i, line in ipairs(lines) do
    if method == "POST" then
      requests[i] = wrk.format("POST", post_path, headers, line)
    else
      requests[i] = wrk.format("GET", line, headers)
    end
  end
  index = 0
end

function request()
  index = index + 1
  if index > #requests then
    index = 1
  end
  return requests[index]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
