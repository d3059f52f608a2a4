-- GET PATH with the session cookie (env COOKIE), e.g. a members page.
wrk.headers["Cookie"] = os.getenv("COOKIE") or ""
