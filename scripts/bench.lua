-- wrk script for scripts/bench.ts: GETs the paths of the file named by $PATHS (one a line) in turn,
-- signed in with the token in $TOKEN, and prints requests, errors, req/s and latency percentiles.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local n = 0

request = function()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

done = function(summary, latency)
  local errors = summary.errors.status + summary.errors.timeout + summary.errors.connect
  io.write(string.format("%d %d %.1f", summary.requests, errors, summary.requests / summary.duration * 1e6))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format(" %.1f", latency:percentile(p) / 1000))
  end
  io.write("\n")
end
