-- wrk script: PUT /api/admin/users/bulk-status with a JSON body and a Pria JWT.
-- The token and the ids come from the environment (tools/bench sets them).
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-access-token"] = os.getenv("BENCH_TOKEN") or ""
wrk.body = os.getenv("BENCH_BODY") or '{"ids":["000000000000000000000000"],"status":"active"}'
