-- wrk script: POST /interactions, batches of BATCH interactions (default 100), each with a fresh
-- idempotency key, so every batch is stored (none is a replay). User USER_PREFIX..k with k random in
-- 1..USERS (default: "v", 100000 visitors the model never saw; USER_PREFIX="" USERS=671 hits the
-- ml-latest-small users that recommendations.lua asks for, whose recommendations then fold the
-- stored interactions in), items random among well-known ml-latest-small movies, ratings 1..5.
-- RATE (batches/s over all connections, 0 = as fast as possible) paces the connections with
-- wrk's delay(): each waits CONNECTIONS / RATE s between its batches, so the rate reached is at most
-- RATE (lower when a batch takes longer than that). At the end it prints the batches by status
-- class; the stored count to trust is the server's own (embedrec_ingest_interactions_total).
--   wrk -t1 -c4 -d30s -s interactions.lua http://127.0.0.1:8080
local batch = tonumber(os.getenv("BATCH") or "100")
local users = tonumber(os.getenv("USERS") or "100000")
local prefix = os.getenv("USER_PREFIX") or "v"
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "4")
local run = os.getenv("RUN") or tostring(os.time())
local movies = {1, 2, 10, 32, 47, 50, 110, 150, 260, 296, 318, 356, 457, 480, 527, 589, 593, 1196, 1198, 1210, 2571, 2858}
local counter = 0
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "responses.lua")

function delay()
  if rate <= 0 then
    return 0
  end
  return connections * 1000 / rate
end

function request()
  counter = counter + 1
  local parts = {}
  for k = 1, batch do
    parts[k] = string.format("{\"user\": \"%s%d\", \"item\": \"%d\", \"rating\": %d}", prefix,
      math.random(1, users), movies[math.random(1, #movies)], math.random(1, 5))
  end
  local body = string.format("{\"idempotency_key\": \"%s-%d-%d\", \"interactions\": [%s]}", run, id, counter,
    table.concat(parts, ", "))
  return wrk.format("POST", "/interactions", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local o, c, s, x = totals("ok", "client_errors", "server_errors", "other")
  io.write(string.format("batches 2xx: %d (%d interactions), 4xx: %d, 5xx: %d, other: %d; socket errors: %d\n", o, o * batch,
    c, s, x, socket_errors(summary)))
  io.write("batch latency " .. percentiles(latency) .. "\n")
end
