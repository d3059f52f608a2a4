-- POST a new invitation (unique email and username per request) to PATH.
wrk.method = "POST"
wrk.headers["Cookie"] = os.getenv("COOKIE") or ""
wrk.headers["X-CSRF-Token"] = os.getenv("CSRF") or ""
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
function request()
  n = n + 1
  local name = string.format("w%d%s%d", tid or 0, os.getenv("RUN") or "r", n)
  local body = string.format('{"email":"%s@bench.test","username":"%s","role":"USER"}', name, name)
  return wrk.format(nil, nil, nil, body)
end
