-- wrk request generator for bench/api-flood.sh: GET /v1/users/u0000001/recommendations, each request with a fresh
-- made-up key "sl_" + 43 base64url characters (the shape of a real key, so no cheap shape check rejects it). Stops
-- after FLOOD_REQUESTS requests in all (split over FLOOD_THREADS threads) and prints the answers by status class.
-- wrk's main thread waits out -d even when every thread has stopped, so each thread also leaves a file in
-- FLOOD_DONE_DIR when it is done; the script sends SIGINT once all are there, and wrk then reports.
local limit = tonumber(os.getenv("FLOOD_REQUESTS") or "200000")
local nthreads = tonumber(os.getenv("FLOOD_THREADS") or "2")
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
  per_thread = math.ceil(limit / nthreads)
  sent, ok, client, server = 0, 0, 0, 0
end

function request()
  local chars = {}
  for i = 1, 43 do
    local r = math.random(1, 64)
    chars[i] = alphabet:sub(r, r)
  end
  return wrk.format("GET", "/v1/users/u0000001/recommendations",
    { ["Authorization"] = "Bearer sl_" .. table.concat(chars) })
end

function response(status, headers, body)
  sent = sent + 1
  if status >= 500 then server = server + 1 elseif status >= 400 then client = client + 1 else ok = ok + 1 end
  if sent == per_thread then
    local marker = io.open((os.getenv("FLOOD_DONE_DIR") or "/tmp") .. "/thread-" .. id, "w")
    if marker then marker:close() end
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local n, a, b, c = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("sent"); a = a + t:get("ok"); b = b + t:get("client"); c = c + t:get("server")
  end
  io.write(string.format("flood_requests %d\nflood_2xx %d\nflood_4xx %d\nflood_5xx %d\n", n, a, b, c))
end
