-- wrk script for bench/load.sh: a mixed read/write workload on the registry API.
--   70 % GET /api/v1/facilities with one of several filters (municipality, kind, near, capability,
--        name search, paging), 15 % POST of a new clinic, 15 % PUT of an existing institution's note.
-- Authenticated with an API token from $ZAITAKU_TOKEN (Authorization: Bearer …); ids to update
-- are 1..$ZAITAKU_MAXID.
local token = os.getenv("ZAITAKU_TOKEN") or ""
local maxid = tonumber(os.getenv("ZAITAKU_MAXID") or "1")
-- ZAITAKU_READ_PCT=100 makes it the registry search alone (bench/backends.sh); default 70.
local readpct = tonumber(os.getenv("ZAITAKU_READ_PCT") or "70")
local reads = {
  "/api/v1/facilities?limit=50",
  "/api/v1/facilities?municipality=082228",
  "/api/v1/facilities?kind=clinic&h24=true",
  "/api/v1/facilities?near=35.97,140.64&within_km=16",
  "/api/v1/facilities?capability=ventilator&capability=oxygen",
  "/api/v1/facilities?q=%E3%82%AF%E3%83%AA%E3%83%8B%E3%83%83%E3%82%AF",
  "/api/v1/facilities?kind=nurse_station&limit=20&offset=5",
  "/api/v1/codes",
}
local n = 0
local thread_id = 0
local counter = 0

local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

-- ZAITAKU_STATUSES=1: non-2xx answers counted by status (wrk only counts them), so that a run says
-- which they were. Off by default: wrk then reads every response into Lua, which costs it CPU.
local watched = {400, 401, 403, 404, 409, 429, 500, 503}
if os.getenv("ZAITAKU_STATUSES") == "1" then
  function response(status, headers, body)
    if status > 299 then
      local k = "st" .. status
      _G[k] = (_G[k] or 0) + 1
    end
  end
end

function init(args)
  math.randomseed(os.time() + thread_id * 7919)
end

function request()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token }
  local r = math.random(100)
  if r <= readpct then
    return wrk.format("GET", reads[(n % #reads) + 1], headers)
  end
  headers["Content-Type"] = "application/json"
  if r <= readpct + (100 - readpct) / 2 then
    local body = string.format('{"kind":"clinic","name":"負荷試験診療所 %d-%d","municipality":"082228","beds":%d}',
      thread_id, n, n % 19)
    return wrk.format("POST", "/api/v1/facilities", headers, body)
  end
  local id = math.random(maxid)
  return wrk.format("PUT", "/api/v1/facilities/" .. id, headers, string.format('{"note":"負荷試験 %d-%d"}', thread_id, n))
end

function done(summary, latency, requests)
  local statuses = ""
  for _, code in ipairs(watched) do
    local n = 0
    for _, t in ipairs(threads) do n = n + (t:get("st" .. code) or 0) end
    if n > 0 then statuses = statuses .. (statuses == "" and "" or ",") .. code .. ":" .. n end
  end
  io.write(string.format("LOAD requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
    .. "non2xx=%d connect_err=%d read_err=%d write_err=%d timeout_err=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, statuses == "" and "-" or statuses))
end
