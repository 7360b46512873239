-- wrk script for swap-under-load.sh: only valid requests, GET /users/{random user}/recommendations?n=10,
-- paced by delay() so that CONNECTIONS connections send about RATE requests/s together (wrk 4 has no
-- -R; latencies are those of the requests sent, without the pacing waits). API_KEY, when set, is sent
-- as a bearer token. At the end it prints the answers by status class and the latency percentiles.
local users = tonumber(os.getenv("USERS") or "671")
local rate = tonumber(os.getenv("RATE") or "1000")
local connections = tonumber(os.getenv("CONNECTIONS") or "32")
local key = os.getenv("API_KEY")
local pause = connections * 1000 / rate
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "responses.lua")

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

function done(summary, latency, requests)
  local o, c, s, x = totals("ok", "client_errors", "server_errors", "other")
  io.write(string.format("responses 2xx: %d, non-2xx: %d (4xx %d, 5xx %d, other %d); socket errors: %d\n",
    o, c + s + x, c, s, x, socket_errors(summary)))
  io.write(string.format("rate: %.0f requests/s\n", summary.requests / (summary.duration / 1e6)))
  io.write(percentiles(latency) .. "\n")
end
