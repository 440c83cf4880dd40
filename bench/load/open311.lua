-- wrk script for Jiesu's Open311 API. Modes (after wrk's "--"):
--   post TEXTS SERVICES KEY   create requests: a description from the TEXTS file (one URL-encoded text per line),
--                             a service code from SERVICES (comma-separated), a random point in the demo
--                             prefecture, and a unique Idempotency-Key per request
--   list [QUERY]              the public list of requests (GET /open311/v2/requests.json?QUERY)
--   get PATH [COOKIE]         any GET path (the trivial endpoint; a dashboard, with a signed-in session's cookie)
-- Prints throughput, p50/p95/p99 and the answers by status, one "key=value" per line for run.sh to read.

local mode, texts, services, key, path, cookie
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

local function load_texts(file)
  local list = {}
  for line in io.lines(file) do
    if #line > 0 then list[#list + 1] = line end
  end
  return list
end

local function split(s)
  local list = {}
  for part in string.gmatch(s, "[^,]+") do list[#list + 1] = part end
  return list
end

statuses = {}
local sent = 0

function init(args)
  mode = args[1] or "get"
  math.randomseed(os.time() * 1000 + id)
  if mode == "post" then
    texts = load_texts(args[2])
    services = split(args[3])
    key = args[4] or "jiesu-demo-key"
  elseif mode == "list" then
    path = "/open311/v2/requests.json" .. ((args[2] and #args[2] > 0) and ("?" .. args[2]) or "")
  else
    path = args[2] or "/actuator/health/liveness"
    cookie = args[3]
  end
end

request = function()
  sent = sent + 1
  if mode == "post" then
    local lat = 43.61 + math.random() * 1.18
    local lon = 85.61 + math.random() * 3.98
    local body = "api_key=" .. key
      .. "&service_code=" .. services[math.random(#services)]
      .. string.format("&lat=%.6f&long=%.6f", lat, lon)
      .. "&description=" .. texts[math.random(#texts)]
    local headers = {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Idempotency-Key"] = string.format("bench-%d-%d-%d-%d", os.time(), id, sent, math.random(1e9)),
    }
    return wrk.format("POST", "/open311/v2/requests.json", headers, body)
  end
  if cookie then
    return wrk.format("GET", path, { ["Cookie"] = cookie })
  end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for status, n in pairs(s) do counts[status] = (counts[status] or 0) + n end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("requests=%d\n", summary.requests))
  io.write(string.format("seconds=%.1f\n", seconds))
  io.write(string.format("rate=%.0f\n", summary.requests / seconds))
  io.write(string.format("p50_ms=%.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("p95_ms=%.1f\n", latency:percentile(95) / 1000))
  io.write(string.format("p99_ms=%.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("max_ms=%.1f\n", latency.max / 1000))
  io.write(string.format("socket_errors=%d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for status, n in pairs(counts) do io.write(string.format("status_%d=%d\n", status, n)) end
end
