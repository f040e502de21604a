-- wrk script for lms/benchmarks/serving.py: an optional POST body (WRK_BODY, with {n} replaced by a counter),
-- and one machine-readable line: requests, duration (us), median and p95 latency (us), failures.
-- WRK_PATHS (comma-separated) spreads the requests over several addresses in turn.
local body = os.getenv("WRK_BODY")
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "[^,]+") do
  table.insert(paths, path)
end
local threads = {}
counter = 0
codes = {}

setup = function(thread)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local path = nil
  if #paths > 0 then
    path = paths[(counter % #paths) + 1]
  end
  if body ~= nil and body ~= "" then
    return wrk.format("POST", path, nil, (string.gsub(body, "{n}", tostring(counter))))
  end
  return wrk.format(nil, path)
end

response = function(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

done = function(summary, latency, requests)
  local seen = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("codes")) do
      table.insert(seen, status .. ":" .. count)
    end
  end
  io.write("CODES " .. table.concat(seen, ",") .. "\n")
  local errors = summary.errors
  io.write(string.format("RESULT %d %d %.1f %.1f %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
