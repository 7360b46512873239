-- wrk script: GET /users/{random user}/recommendations?n=10, with one request in MALFORMED_EVERY
-- malformed (bad n, unknown user, unknown genre, bad JSON, empty profile, unknown route, a fold-in
-- rating off the scale) and, with
-- FOLD_IN_EVERY set, one in FOLD_IN_EVERY a new visitor's POST /recommendations with 5 random
-- ratings of well-known ml-latest-small movies (FOLD_IN_EVERY=1: fold-in only).
-- Users are ids 1..USERS (ml-latest-small: 1..671). At the end it prints how many malformed
-- requests were sent and the responses by status class; every malformed one must be a 4xx.
--   wrk -t2 -c32 -d30s --latency -s recommendations.lua http://127.0.0.1:8080
local users = tonumber(os.getenv("USERS") or "671")
local every = tonumber(os.getenv("MALFORMED_EVERY") or "100")
local fold_in_every = tonumber(os.getenv("FOLD_IN_EVERY") or "0")
local movies = {1, 2, 10, 32, 47, 50, 110, 150, 260, 296, 318, 356, 457, 480, 527, 589, 593, 1196, 1198, 1210, 2571, 2858}
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "responses.lua")
-- Globals, as the counts of responses.lua.
sent, malformed = 0, 0

local bad = {
  function() return wrk.format("GET", "/users/1/recommendations?n=abc") end,
  function() return wrk.format("GET", "/users/1/recommendations?n=100000") end,
  function() return wrk.format("GET", "/users/no-such-user/recommendations") end,
  function() return wrk.format("GET", "/users/1/recommendations?genres=NoSuchGenre") end,
  function() return wrk.format("POST", "/predict", {["Content-Type"] = "application/json"}, "{\"pairs\": [") end,
  function() return wrk.format("POST", "/recommendations", {["Content-Type"] = "application/json"}, "{}") end,
  function() return wrk.format("GET", "/items/999999999/similar") end,
  function() return wrk.format("GET", "/no/such/route") end,
  -- a fold-in rating off the model's scale (issue 18): 400 naming ratings[0].rating
  function() return wrk.format("POST", "/recommendations", {["Content-Type"] = "application/json"},
    "{\"ratings\": [{\"item\": \"1\", \"rating\": -1000}]}") end,
}

function request()
  sent = sent + 1
  if sent % every == 0 then
    malformed = malformed + 1
    return bad[(malformed % #bad) + 1]()
  end
  if fold_in_every > 0 and sent % fold_in_every == 0 then
    return wrk.format("POST", "/recommendations", {["Content-Type"] = "application/json"}, visitor())
  end
  return wrk.format("GET", "/users/" .. math.random(1, users) .. "/recommendations?n=10")
end

-- Five distinct movies with ratings 1..5 in half steps.
function visitor()
  local picked, ratings = {}, {}
  while #ratings < 5 do
    local movie = movies[math.random(1, #movies)]
    if not picked[movie] then
      picked[movie] = true
      table.insert(ratings, string.format("{\"item\": \"%d\", \"rating\": %.1f}", movie, math.random(2, 10) / 2))
    end
  end
  return "{\"ratings\": [" .. table.concat(ratings, ", ") .. "], \"n\": 10}"
end

function done(summary, latency, requests)
  local m, o, c, s, x = totals("malformed", "ok", "client_errors", "server_errors", "other")
  io.write(string.format("malformed sent: %d; responses 2xx: %d, 4xx: %d, 5xx: %d, other: %d; socket errors: %d\n",
    m, o, c, s, x, socket_errors(summary)))
  io.write(percentiles(latency) .. "\n")
end
