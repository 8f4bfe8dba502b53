-- post.lua: save a journal entry (POST JSON with the CSRF token) to a random
-- child of PATHS (lines "/api/v1/children/ID/journal").
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["X-CSRF-Token"] = os.getenv("BENCH_CSRF")
wrk.headers["Content-Type"] = "application/json"
local body = '{"kind":"home_visit","participants":"lapsi, vanhempi","text":"Kuormitustesti: kotikäynti, tilanne rauhallinen."}'
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", paths[(n % #paths) + 1], nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH non2xx=%d errors=%d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
