-- Every bench load: method and body from the environment (headers come with wrk -H),
-- and a count of responses whose status is not the one expected (a fast error page is not a fast page).
local threads = {}

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
end
local expected = tonumber(os.getenv("BENCH_EXPECT") or "200")
unexpected = 0
unexpected_status = ""

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    unexpected_status = tostring(status)
  end
end

function done(summary, latency, requests)
  local count, status = 0, ""
  for _, thread in ipairs(threads) do
    count = count + (thread:get("unexpected") or 0)
    local seen = thread:get("unexpected_status")
    if seen and seen ~= "" then
      status = seen
    end
  end
  io.write(string.format("BENCH unexpected=%d status=%s\n", count, status))
end
