-- wrk script for bench/scale/scale-test.sh: files Open311 requests, one unique Idempotency-Key each, at random points
-- of the demo prefecture, under the demo's services, with varied Chinese descriptions.
--   WRK_IDS_FILE=ids.txt wrk -t2 -c32 -d60s -s post.lua http://127.0.0.1:8088 -- <service codes, comma separated> <run id>
-- done() prints the answers by status and the latency percentiles, and writes the ids of the acknowledged (201)
-- requests to $WRK_IDS_FILE, one a line, so that the script can check each one is in the database.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local places = { "嘉顺小区", "建国路", "包家店村", "北京南路", "延安北路", "宁边路口", "文化公园", "农贸市场",
  "第三中学门口", "人民医院附近", "新华路公交站", "世纪花园小区", "长宁路", "绿洲路", "园林路" }
local problems = { "路灯不亮已经三天了", "下水道堵塞，污水漫到路面", "楼道堆放杂物，存在消防隐患",
  "夜里施工噪音太大，影响休息", "小区停水没有任何通知", "垃圾桶满了没人清运", "路面塌陷一个大坑",
  "共享单车乱停乱放挡住人行道", "暖气不热，室内只有十几度", "广场舞音响声音太大", "井盖丢失，晚上很危险",
  "电梯经常停运，老人上下楼困难", "违章搭建占用消防通道", "树枝遮挡红绿灯", "餐馆油烟直排扰民" }
local asks = { "请尽快处理。", "希望有关部门来看看。", "已经反映过一次，还没有解决。", "麻烦派人核实一下。",
  "谢谢！", "" }

function init(args)
  codes = {}
  for c in string.gmatch(args[1] or "ENV_WASTE", "[^,]+") do
    table.insert(codes, c)
  end
  run = args[2] or tostring(os.time())
  n = 0
  statuses = {}
  ids = {}
  math.randomseed(os.time() * 1000 + id * 7919)
end

function request()
  n = n + 1
  local key = run .. "-" .. id .. "-" .. n
  local lat = 43.61 + math.random() * (44.79 - 43.61)
  local lon = 85.61 + math.random() * (89.59 - 85.61)
  local text = places[math.random(#places)] .. problems[math.random(#problems)] .. "。" .. asks[math.random(#asks)]
    .. "（" .. key .. "）"
  local body = "api_key=jiesu-demo-key"
    .. "&service_code=" .. urlencode(codes[math.random(#codes)])
    .. string.format("&lat=%.6f&long=%.6f", lat, lon)
    .. "&description=" .. urlencode(text)
  return wrk.format("POST", "/open311/v2/requests.json",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Idempotency-Key"] = key }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local filed = string.match(body, '"service_request_id"%s*:%s*"(%d+)"')
    if filed then
      table.insert(ids, filed)
    end
  end
end

function done(summary, latency, requests)
  local all = {}
  local file = io.open(os.getenv("WRK_IDS_FILE") or "/dev/null", "w")
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      all[status] = (all[status] or 0) + count
    end
    for _, filed in ipairs(thread:get("ids")) do
      file:write(filed, "\n")
    end
  end
  file:close()
  local keys = {}
  for status in pairs(all) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do
    io.write(string.format("STATUS %d %d\n", status, all[status]))
  end
  local e = summary.errors
  io.write(string.format("REQUESTS %d\nSECONDS %.1f\nRPS %.1f\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d status=%d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
  for _, p in ipairs({ 50, 90, 99 }) do
    io.write(string.format("P%d_MS %.1f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("MAX_MS %.1f\n", latency.max / 1000))
end
