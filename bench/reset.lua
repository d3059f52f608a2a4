-- POST a password-reset request to PATH: every other one for a seeded member (a link is
-- queued after the answer), the others for unknown emails. Each request comes from its own
-- client network (a /64) through X-Forwarded-For (the server trusts 127.0.0.1 as a proxy
-- here), so the per-client limit measures nothing but itself.
wrk.method = "POST"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
function request()
  n = n + 1
  local email
  if n % 2 == 0 then
    email = string.format("member%07d@bench.test", (tid or 0) * 100000 + math.floor(n / 2))
  else
    email = string.format("nobody%d%s%d@bench.test", tid or 0, os.getenv("RUN") or "r", n)
  end
  -- Documentation addresses (2001:db8::/32): only ever a header value, never a destination.
  -- wrk.format uses these headers instead of wrk.headers, so the content type is repeated here.
  local headers = {["Content-Type"] = "application/json",
                   ["X-Forwarded-For"] = string.format("2001:db8:%x:%x::1",
                                                       (tid or 0) * 256 + math.floor(n / 65536),
                                                       n % 65536)}
  return wrk.format(nil, nil, headers, string.format('{"email":"%s"}', email))
end
