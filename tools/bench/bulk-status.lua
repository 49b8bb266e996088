-- wrk script: PUT /api/admin/users/bulk-status with a JSON body and a Pria JWT.
-- The token and the body come from the environment (tools/bench/run sets them); an empty
-- BENCH_BODY means the default: a valid request that updates one real fixture user.
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-access-token"] = os.getenv("BENCH_TOKEN") or ""
local body = os.getenv("BENCH_BODY")
if body == nil or body == "" then
  body = '{"ids":["65f0000000000000000000a1","65f0000000000000000000b1"],"status":"active"}'
end
wrk.body = body
