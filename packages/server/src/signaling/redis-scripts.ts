/**
 * The Lua scripts that change a room in Redis, each atomic. KEYS: the room's hash, then what is
 * held for its agent and for its customer (sorted sets, by message number). ARGV: this node, the
 * channel prefix, the hold limit, then the script's own. A seat is five hash fields (`agent:id`,
 * `agent:subject`, `agent:admitted`, `agent:socket`, `agent:last`) and the number of its last
 * message (`agent:seq`); a room comes back as the five of each seat, '' where a seat is empty.
 */

const PRELUDE = `
local room, held = KEYS[1], { agent = KEYS[2], customer = KEYS[3] }
local node, prefix, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local channels = prefix .. 'node:'
local function seat(role)
  local v = redis.call('HMGET', room, role .. ':id', role .. ':subject', role .. ':admitted', role .. ':socket', role .. ':last')
  if not v[1] then return nil end
  return { id = v[1], subject = v[2], admitted = v[3] == '1', socket = v[4] or '', last = v[5] or '' }
end
local function put(role, s)
  redis.call('HSET', room, role .. ':id', s.id, role .. ':subject', s.subject, role .. ':admitted', s.admitted and '1' or '0', role .. ':socket', s.socket, role .. ':last', s.last)
end
-- Each node's seats (prefix .. 'seats:' .. node), for the nodes that find it dead (BEAT).
local function track(role, id, from, to)
  if from ~= '' then redis.call('SREM', prefix .. 'seats:' .. string.match(from, '^[^/]+'), room .. '\\n' .. role .. '\\n' .. id .. '\\n' .. from) end
  if to ~= '' then redis.call('SADD', prefix .. 'seats:' .. string.match(to, '^[^/]+'), room .. '\\n' .. role .. '\\n' .. id .. '\\n' .. to) end
end
local function other(role)
  if role == 'agent' then return 'customer' end
  return 'agent'
end
local function record(out)
  for _, role in ipairs({ 'agent', 'customer' }) do
    local s = seat(role)
    if s then
      for _, v in ipairs({ s.id, s.subject, s.admitted and '1' or '0', s.socket, s.last }) do table.insert(out, v) end
    else
      for _ = 1, 5 do table.insert(out, '') end
    end
  end
  return out
end
local function complete()
  local a, c = seat('agent'), seat('customer')
  return a ~= nil and c ~= nil and c.admitted
end
-- Every message for a seat is numbered (role:seq): held ones are kept in that order, one that
-- reached a closed socket late (BOUNCE) included.
local function deliver(role, s, message, seq)
  seq = seq or redis.call('HINCRBY', room, role .. ':seq', 1)
  if s.socket ~= '' then
    local at = string.match(s.socket, '^[^/]+')
    if at == node then return 'local:' .. seq .. ':' .. s.socket end
    if redis.call('PUBLISH', channels .. at, 'm' .. s.socket .. '\\n' .. seq .. '\\n' .. message) > 0 then return 'sent' end
  end
  if redis.call('ZCARD', held[role]) >= limit then return 'full' end
  redis.call('ZADD', held[role], seq, seq .. ' ' .. message)
  local expiry = redis.call('PEXPIRETIME', room)
  if expiry > 0 then redis.call('PEXPIREAT', held[role], expiry) end
  return 'held'
end
`;

/** ARGV 4..9: role, id, subject, admitted ('1'/'0'), socket, expiresAt (ms). `{'full'}`, or `{'ok', before, after, held...}`. */
const CLAIM = `
local role = ARGV[4]
local current = seat(role)
if current and current.id ~= ARGV[5] then return { 'full' } end
local out = record({ 'ok' })
local taken = {}
if current then
  for _, member in ipairs(redis.call('ZRANGE', held[role], 0, -1)) do
    table.insert(taken, string.sub(member, string.find(member, ' ') + 1))
  end
  current.admitted = current.admitted or ARGV[7] == '1'
  track(role, current.id, current.socket, ARGV[8])
  current.socket, current.last = ARGV[8], ''
  put(role, current)
else
  track(role, ARGV[5], '', ARGV[8])
  put(role, { id = ARGV[5], subject = ARGV[6], admitted = ARGV[7] == '1', socket = ARGV[8], last = '' })
end
redis.call('DEL', held[role])
local at = tonumber(ARGV[9])
if redis.call('PEXPIRETIME', room) < at then redis.call('PEXPIREAT', room, at) end
record(out)
for _, message in ipairs(taken) do table.insert(out, message) end
return out
`;

/** ARGV 4: the customer's id. `{'absent'}` or `{'ok', after}`. */
const ADMIT = `
local customer = seat('customer')
if not customer or customer.id ~= ARGV[4] then return { 'absent' } end
customer.admitted = true
put('customer', customer)
return record({ 'ok' })
`;

/** ARGV 4..6: role, id, socket. 1 if the seat had that socket and now has none. */
const RELEASE = `
local s = seat(ARGV[4])
if not s or s.id ~= ARGV[5] or s.socket ~= ARGV[6] then return 0 end
track(ARGV[4], s.id, s.socket, '')
s.socket, s.last = '', ARGV[6]
put(ARGV[4], s)
return 1
`;

/** ARGV 4..7: role, id, last socket, '1' if only while without a socket since it. `{'absent'}` or `{'ok', before}`. */
const VACATE = `
local role = ARGV[4]
local s = seat(role)
if not s or s.id ~= ARGV[5] then return { 'absent' } end
if ARGV[7] == '1' and (s.socket ~= '' or s.last ~= ARGV[6]) then return { 'absent' } end
local out = record({ 'ok' })
track(role, s.id, s.socket, '')
redis.call('HDEL', room, role .. ':id', role .. ':subject', role .. ':admitted', role .. ':socket', role .. ':last', role .. ':seq')
redis.call('DEL', held[role])
if not seat(other(role)) then redis.call('DEL', room) end
return out
`;

/** ARGV 4..6: role, id, message. 'local:<number>:<socket>' (for this node to send), 'sent', 'held', 'full' or 'absent'. */
const DELIVER = `
local s = seat(ARGV[4])
if not s or s.id ~= ARGV[5] then return 'absent' end
return deliver(ARGV[4], s, ARGV[6])
`;

/** ARGV 4..6: the sender's role, its id, message. As DELIVER, to the sender's peer in a complete room. */
const RELAY = `
local me = seat(ARGV[4])
if not me or me.id ~= ARGV[5] or not complete() then return 'absent' end
local peer = other(ARGV[4])
return deliver(peer, seat(peer), ARGV[6])
`;

/**
 * ARGV 4..8: role, id, a socket that has closed, the message's number, message (which reached
 * that socket too late).
 * The seat loses the socket if it still has it, and the message is delivered as by DELIVER: held,
 * or to the newer socket the seat has since.
 */
const BOUNCE = `
local s = seat(ARGV[4])
if not s or s.id ~= ARGV[5] then return 'absent' end
if s.socket == ARGV[6] then
  track(ARGV[4], s.id, s.socket, '')
  s.socket, s.last = '', ARGV[6]
  put(ARGV[4], s)
end
return deliver(ARGV[4], s, ARGV[8], tonumber(ARGV[7]))
`;

export const ROOM_SCRIPTS = {
  claim: PRELUDE + CLAIM,
  admit: PRELUDE + ADMIT,
  release: PRELUDE + RELEASE,
  vacate: PRELUDE + VACATE,
  deliver: PRELUDE + DELIVER,
  relay: PRELUDE + RELAY,
  bounce: PRELUDE + BOUNCE,
} as const;

export type RoomScript = keyof typeof ROOM_SCRIPTS;

/**
 * A node's heartbeat. KEYS: the nodes (a sorted set, each with the time it is dead after, on
 * Redis' clock). ARGV: this node, the key prefix, how long after this beat it is dead (ms). Takes
 * over every node past its time: the seats its sockets held lose them, as if each had dropped;
 * returns, five strings each, the room key, role, id, socket and subject of each, after a first
 * string, '1' if this node itself had been taken for dead (its seats are gone).
 */
export const BEAT = `
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local out = { redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1]) == 1 and '1' or '0' }
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('ZREM', KEYS[1], dead)
  local seats = ARGV[2] .. 'seats:' .. dead
  for _, member in ipairs(redis.call('SMEMBERS', seats)) do
    local room, role, id, socket = string.match(member, '^(.-)\\n(.-)\\n(.-)\\n(.*)$')
    local v = redis.call('HMGET', room, role .. ':id', role .. ':socket', role .. ':subject')
    if v[1] == id and v[2] == socket then
      redis.call('HSET', room, role .. ':socket', '', role .. ':last', socket)
      for _, value in ipairs({ room, role, id, socket, v[3] }) do table.insert(out, value) end
    end
  end
  redis.call('DEL', seats)
end
return out
`;

/** Deletes a lock only if it is still the holder's. */
export const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
