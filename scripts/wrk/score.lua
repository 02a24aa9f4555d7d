-- wrk script: each thread saves scores as one demo juror (scripts/bench-load.sh
-- writes one line per juror to $JURORS_FILE: cookie, CSRF token, entry path,
-- form body), asking for JSON as the scoring page's script does.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  local lines = {}
  for line in io.lines(os.getenv("JURORS_FILE")) do
    table.insert(lines, line)
  end
  local cookie, token, path, body = lines[(id - 1) % #lines + 1]:match("(%S+) (%S+) (%S+) (%S+)")
  wrk.method = "POST"
  wrk.path = path
  wrk.body = body
  wrk.headers["Cookie"] = cookie
  wrk.headers["X-CSRF-Token"] = token
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- With THINK_MS set, each connection waits that long between saves, as a
-- juror looking at the next photo would (an open, not a saturating, load).
function delay()
  return tonumber(os.getenv("THINK_MS") or "0")
end
