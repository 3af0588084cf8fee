-- wrk script for scripts/triage-bench.ts: POSTs the bodies of the file named by $BODIES (one JSON
-- object a line) in turn, signed in with the token in $TOKEN, and prints the request count, errors and latency percentiles.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local bodies = {}
for line in io.lines(os.getenv("BODIES")) do
  bodies[#bodies + 1] = line
end
local n = 0

request = function()
  n = n % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[n])
end

done = function(summary, latency)
  local errors = summary.errors.status + summary.errors.timeout + summary.errors.connect
  io.write(string.format("%d requests, %d errors, %.0f/s\n", summary.requests, errors,
    summary.requests / summary.duration * 1e6))
  for _, p in ipairs({ 50, 95, 99, 99.9 }) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
