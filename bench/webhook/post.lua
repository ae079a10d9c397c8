-- wrk -s post.lua: POST the AdmissionReview in $BODY (a file) to the URL's path, keep-alive.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
wrk.headers["Content-Type"] = "application/json"
f:close()

-- Report errors so a fast error page cannot pass for throughput (wrk counts status >= 400).
function done(summary, latency, requests)
  io.write(string.format("non-200 responses: %d (socket errors: connect %d, read %d, write %d, timeout %d)\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
