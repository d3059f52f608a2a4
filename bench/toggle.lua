-- PATCH a member's role, alternating USER and ADMIN (PATH = the member).
wrk.method = "PATCH"
wrk.headers["Cookie"] = os.getenv("COOKIE") or ""
wrk.headers["X-CSRF-Token"] = os.getenv("CSRF") or ""
wrk.headers["Content-Type"] = "application/json"
local n = 0
function request()
  n = n + 1
  local role = (n % 2 == 0) and "USER" or "ADMIN"
  return wrk.format(nil, nil, nil, '{"role":"' .. role .. '"}')
end
