-- wrk script: asks the page with a query string no request used before, so
-- that nothing comes from the juror pages' memory (`web::private_pages`):
-- the cost of a page rendered from the database every time.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?n=" .. id .. "-" .. counter)
end
