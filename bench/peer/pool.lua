-- wrk script: sends the requests of a pool written by make_requests.js, in order, once each.
-- wrk -t1 -c16 -d10s -s pool.lua URL -- POOL_FILE
-- At the end prints one JSON line: requests, non-2xx, socket errors, latency percentiles (ms),
-- how many requests were sent, and whether the pool ran out (it then starts over, and the
-- repeats are duplicates: make the pool bigger).
local pool = {}
sent = 0
wrapped = false

init = function(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local pos = 1
  while true do
    local e = string.find(data, "\0", pos, true)
    if not e then break end
    pool[#pool + 1] = string.sub(data, pos, e - 1)
    pos = e + 1
  end
end

request = function()
  sent = sent + 1
  local i = sent
  if i > #pool then
    wrapped = true
    i = (i - 1) % #pool + 1
  end
  return pool[i]
end

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

done = function(summary, latency, requests)
  local total_sent, ran_out = 0, false
  for _, t in ipairs(threads) do
    total_sent = total_sent + t:get("sent")
    ran_out = ran_out or t:get("wrapped")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.1f,"non2xx":%d,"socket_errors":%d,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"sent":%d,"pool_ran_out":%s}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, total_sent, tostring(ran_out)))
end
