-- Every request a new filtered listing, in the shapes of variedQueryOf
-- (internal/api/bench_test.go).
local actors = {"Northern Front", "Coastal Brigade", "government forces", "River Guard", "local militias",
  "Desert Hawks", "Hill Battalion", "Border Police", "Unknown gunmen", "Civil Defence"}
local types = {{"Battles", "Armed clash"}, {"Battles", "Government regains territory"},
  {"Explosions/Remote violence", "Shelling/artillery/missile attack"}, {"Explosions/Remote violence", "Air/drone strike"},
  {"Violence against civilians", "Attack"}, {"Protests", "Peaceful protest"}, {"Riots", "Mob violence"},
  {"Strategic developments", "Looting/property destruction"}}
local function esc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
local function month()
  local m = math.random(0, 35)
  local y, mo = 2022 + math.floor(m / 12), m % 12 + 1
  local days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
  if y == 2024 and mo == 2 then days[2] = 29 end
  return string.format("from=%04d-%02d-01&to=%04d-%02d-%02d", y, mo, y, mo, days[mo])
end
local function box()
  local lon, lat = 30 + math.random() * 16, 25 + math.random() * 12
  return string.format("bbox=%.3f,%.3f,%.3f,%.3f", lon, lat, lon + 1 + math.random() * 3, lat + 1 + math.random() * 2)
end
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
request = function()
  local s = math.random(0, 5)
  local q
  if s == 0 then q = month()
  elseif s == 1 then q = box() .. "&" .. month()
  elseif s == 2 then q = box()
  elseif s == 3 then local t = types[math.random(#types)]; q = "type=" .. esc(t[1]) .. "&sub_type=" .. esc(t[2]) .. "&" .. month()
  elseif s == 4 then q = "actor=" .. esc(actors[math.random(#actors)]) .. "&" .. month()
  else q = "place=Town+" .. math.random(0, 1999) end
  return wrk.format("GET", "/api/events?" .. q .. "&limit=100")
end
