-- wrk request generator: GET /v1/users/{id}/recommendations for user ids drawn from a Zipf-like (s = 1) spread
-- over USERS users, the way app traffic concentrates on active users. A rank r is drawn with P(rank <= r) =
-- ln(r) / ln(USERS); a fixed multiplicative permutation maps ranks to user ids so hot users are spread over the
-- key space. SPREAD=uniform draws every user with equal probability instead (the cache's worst case).
local users = tonumber(os.getenv("USERS") or "359347")
local uniform = os.getenv("SPREAD") == "uniform"
local log_users = math.log(users)
-- 7919 is prime and does not divide 359347, so rank -> (rank * 7919) mod users is a permutation.
local function user_for(rank)
  return (rank * 7919) % users
end

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
end

function request()
  local rank
  if uniform then
    rank = math.random(0, users - 1)
  else
    rank = math.floor(math.exp(math.random() * log_users)) - 1
  end
  return wrk.format("GET", string.format("/v1/users/u%07d/recommendations?limit=20", user_for(rank)))
end

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end
