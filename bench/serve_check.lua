-- wrk script: POST /v1/check with a realistic SMS (a parcel-fee smishing text).
wrk.method = "POST"
wrk.path = "/v1/check"
wrk.headers["Content-Type"] = "application/json"
-- REDFLAG_BENCH_BODY replaces it (e.g. a harmless text, to see the HTTP overhead alone).
wrk.body = os.getenv("REDFLAG_BENCH_BODY") or '{"text":"Royal Mail: your parcel is waiting at our depot. A shipping fee of 1.45 GBP is unpaid. ' ..
  'Pay now or it will be returned to sender: https://royalmail-redelivery-uk.com/pay","channel":"sms",' ..
  '"from":"+447700900123","country":"GB"}'

-- Latency percentiles on stdout, then the status codes seen, so a benchmark of errors does not pass unnoticed.
local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%g: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
