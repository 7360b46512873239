-- Shared by the wrk scripts of this folder (loaded with dofile): each thread seeded apart, the answers
-- counted by status class on every thread, and the totals and latency percentiles for done().
-- It defines wrk's setup, init and response: a script that loads it must not define them again.
-- Globals, not locals: done() reads the counts from each thread with thread:get.
threads = {}
ok, client_errors, server_errors, other, id = 0, 0, 0, 0, 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
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

-- The sum over the threads of each named global, in the order given.
function totals(...)
  local sums = {}
  for k, name in ipairs({...}) do
    sums[k] = 0
    for _, thread in ipairs(threads) do
      sums[k] = sums[k] + thread:get(name)
    end
  end
  return (table.unpack or unpack)(sums)
end

function socket_errors(summary)
  return summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
end

function percentiles(latency)
  return string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000)
end
