-- wrk script for bench/callchain.sh: GET /api/v1/patients/{id}/call-chain?at=… over random patient
-- ids in $CALLCHAIN_MINID..$CALLCHAIN_MAXID and the moments in $CALLCHAIN_AT (space-separated,
-- URL-encoded ISO 8601), authenticated with the API token in $ZAITAKU_TOKEN. The same requests go to
-- nginx, which answers every one with the same file. done() prints one line:
--   CALLCHAIN requests= duration_s= rps= p50_ms= p99_ms= max_ms= bytes_per_reply= non2xx= errors=
local token = os.getenv("ZAITAKU_TOKEN") or ""
local minid = tonumber(os.getenv("CALLCHAIN_MINID") or "1")
local maxid = tonumber(os.getenv("CALLCHAIN_MAXID") or "1")
local moments = {}
for m in string.gmatch(os.getenv("CALLCHAIN_AT") or "", "%S+") do
  moments[#moments + 1] = m
end
local counter = 0
local thread_id = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

-- $CALLCHAIN_IDS: a file of the patient ids to ask for, one per line (else the id range).
local ids = {}

function init(args)
  math.randomseed(os.time() + thread_id * 7919)
  local f = os.getenv("CALLCHAIN_IDS") and io.open(os.getenv("CALLCHAIN_IDS"))
  if f then
    for line in f:lines() do ids[#ids + 1] = tonumber(line) end
    f:close()
  end
end

function request()
  local id = #ids > 0 and ids[math.random(#ids)] or math.random(minid, maxid)
  local path = "/api/v1/patients/" .. id .. "/call-chain"
  if #moments > 0 then
    path = path .. "?at=" .. moments[math.random(#moments)]
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("CALLCHAIN requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
    .. "bytes_per_reply=%.0f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.bytes / math.max(summary.requests, 1), e.status, e.connect + e.read + e.write + e.timeout))
end
