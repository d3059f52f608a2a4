-- OpenID Connect code exchange: each answer of GET /oauth/authorize (signed in as the seeded
-- admin) carries a code, and a later request of the same thread redeems it at POST /oauth/token
-- (client_secret_basic, PKCE S256). The rate reported is exchanges (token answers 200) per second.
-- env: COOKIE, CLIENT_ID, BASIC (base64 of id:secret), CHALLENGE, VERIFIER, REDIRECT.
local function escape(s)
  return (s:gsub("[^%w%-._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local redirect = os.getenv("REDIRECT")
local authorize_path = "/oauth/authorize?response_type=code&scope=openid&state=bench" ..
  "&client_id=" .. escape(os.getenv("CLIENT_ID")) .. "&redirect_uri=" .. escape(redirect) ..
  "&code_challenge_method=S256&code_challenge=" .. os.getenv("CHALLENGE")
local authorize_headers = { ["Cookie"] = os.getenv("COOKIE") }
local token_headers = {
  ["Authorization"] = "Basic " .. os.getenv("BASIC"),
  ["Content-Type"] = "application/x-www-form-urlencoded",
}
local token_body = "grant_type=authorization_code&redirect_uri=" .. escape(redirect) ..
  "&code_verifier=" .. os.getenv("VERIFIER") .. "&code="

local threads = {}
function setup(thread) table.insert(threads, thread) end

local codes = {}   -- codes this thread was given and has not redeemed yet
exchanges = 0      -- global: read by done() through thread:get

function request()
  local code = table.remove(codes)
  if code then
    return wrk.format("POST", "/oauth/token", token_headers, token_body .. escape(code))
  end
  return wrk.format("GET", authorize_path, authorize_headers, nil)
end

function response(status, headers, body)
  if status == 302 then
    local location = headers["Location"] or headers["location"] or ""
    local code = location:match("[?&]code=([^&]+)")
    if code then table.insert(codes, (code:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))) end
  elseif status == 200 then
    exchanges = exchanges + 1
  end
end

-- bench/report.lua reports this count instead of every request.
function counted_requests()
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("exchanges") or 0) end
  return total
end
