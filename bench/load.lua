-- wrk script for bench/load.sh. Rotates through the requests listed in the file named by CONCORD_WRK_TARGETS,
-- one a line: "<path><TAB><Cookie header>" (nothing after the tab: an anonymous request), so successive requests
-- come from different people and partnerships. Each thread starts at a different place in the list.
-- At the end it prints one line that load.sh reads:
--   RESULT requests=… rps=… p50=… p75=… p90=… p95=… p99=… max=… (milliseconds) connect=… read=… write=… status=… timeout=…

local targets = {}
for line in io.lines(os.getenv("CONCORD_WRK_TARGETS")) do
  local path, cookie = line:match("^([^\t]+)\t?(.*)$")
  if path then
    targets[#targets + 1] = { path = path, cookie = cookie }
  end
end

local threads = 0
local counter = 0

function setup(thread)
  thread:set("first", threads * 17)
  threads = threads + 1
end

function init(args)
  counter = first or 0
end

function request()
  counter = counter + 1
  local target = targets[(counter % #targets) + 1]
  if target.cookie ~= "" then
    return wrk.format("GET", target.path, { ["Cookie"] = target.cookie })
  end
  return wrk.format("GET", target.path)
end

function done(summary, latency, requests)
  local ms = function(p) return latency:percentile(p) / 1000 end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.2f p75=%.2f p90=%.2f p95=%.2f p99=%.2f max=%.2f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), ms(50), ms(75), ms(90), ms(95), ms(99), latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
