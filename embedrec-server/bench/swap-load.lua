-- wrk script for swap-under-load.sh: only valid requests, GET /users/{random user}/recommendations?n=10,
-- paced by delay() so that CONNECTIONS connections send about RATE requests/s together (wrk 4 has no
-- -R; latencies are those of the requests sent, without the pacing waits). API_KEY, when set, is sent
-- as a bearer token. At the end it prints the answers by status class and the latency percentiles.
local users = tonumber(os.getenv("USERS") or "671")
local rate = tonumber(os.getenv("RATE") or "1000")
local connections = tonumber(os.getenv("CONNECTIONS") or "32")
local key = os.getenv("API_KEY")
local pause = connections * 1000 / rate
local threads = {}
ok, client_errors, server_errors, other = 0, 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function delay()
  return pause
end

function request()
  local headers = {}
  if key and key ~= "" then
    headers["Authorization"] = "Bearer " .. key
  end
  return wrk.format("GET", "/users/" .. math.random(1, users) .. "/recommendations?n=10", headers)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, c, s, x = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    o = o + thread:get("ok")
    c = c + thread:get("client_errors")
    s = s + thread:get("server_errors")
    x = x + thread:get("other")
  end
  io.write(string.format("responses 2xx: %d, non-2xx: %d (4xx %d, 5xx %d, other %d); socket errors: %d\n",
    o, c + s + x, c, s, x, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("rate: %.0f requests/s\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
