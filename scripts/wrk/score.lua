-- wrk script: each thread saves scores as one demo juror (scripts/bench-load.sh
-- writes one line per juror to $JURORS_FILE: cookie, CSRF token, entry path,
-- form body), asking for JSON as the scoring page's script does.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
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

-- With THINK_MS set, each connection waits about that long between saves, as
-- a juror looking at the next photo would (an open, not a saturating, load):
-- a uniform 0.5 to 1.5 times THINK_MS, because real jurors do not press
-- "save" in the same millisecond. THINK_JITTER=0 keeps the wait exact, so
-- all connections fire together every THINK_MS (the worst case: a burst).
function delay()
  local think = tonumber(os.getenv("THINK_MS") or "0")
  if think == 0 or os.getenv("THINK_JITTER") == "0" then
    return think
  end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end
