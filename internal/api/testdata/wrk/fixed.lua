-- The eight filtered listings of benchQueries (internal/api/bench_test.go), in turn.
local qs = {
  "from=2023-03-01&to=2023-03-31&limit=100",
  "bbox=34,30,38,33&from=2023-01-01&to=2023-06-30&limit=100",
  "bbox=30,25,50,40&limit=500",
  "type=Battles&sub_type=Armed+clash&from=2024-01-01&limit=100",
  "actor=River+Guard&limit=100",
  "place=Town+77&limit=100",
  "disputed=true&from=2022-06-01&limit=100",
  "modality=reported&to=2022-02-01&limit=100",
}
local i = 0
request = function()
  i = i % #qs + 1
  return wrk.format("GET", "/api/events?" .. qs[i])
end
