-- A share link as Facebook rewrites it: the page's URL plus an fbclid that differs on every request.
-- wrk gives each thread its own Lua state, so each thread numbers its own requests under its own prefix.
--   wrk -t2 -c32 -d15s -s tests/benchmarks/share-link.lua http://127.0.0.1:5000/claims/1/some-slug

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("prefix", "t" .. threads)
end

local counter = 0

function request()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "fbclid=IwAR" .. prefix .. "x" .. counter)
end
