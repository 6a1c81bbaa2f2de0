import { setTimeout as sleep } from "node:timers/promises"
import Redis from "ioredis"
import type { SendThrottle } from "./send-throttle"

/**
 * A token bucket kept in Redis and updated by one atomic script, on Redis's
 * own clock: every instance takes from the same bucket, so the store's send
 * rate holds however many instances dispatch.
 *
 * Returns { granted, waitMs }: how many of the wanted tokens were taken, and
 * when the next one will be there.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local granted = math.min(want, math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], 60000)
local wait = 0
if granted < want then
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
return { granted, wait }
`

export type SharedThrottle = SendThrottle & {
  /** Takes up to `count` tokens without waiting. */
  tryTake(count: number): Promise<{ granted: number; waitMs: number }>
}

const clients = new Map<string, Redis>()

function clientFor(redisUrl: string): Redis {
  let client = clients.get(redisUrl)
  if (!client) {
    client = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false })
    clients.set(redisUrl, client)
  }
  return client
}

/** The send rate shared by every instance through Redis. */
export function redisThrottle(
  redisUrl: string,
  ratePerSecond: number,
  options: { key?: string; client?: Redis } = {}
): SharedThrottle {
  const client = options.client ?? clientFor(redisUrl)
  const key = options.key ?? "medusa-marketing-automation:send-rate"
  // A second's worth of burst, as in the single-instance bucket.
  const burst = Math.max(1, Math.floor(ratePerSecond))
  const tryTake = async (count: number) => {
    const [granted, waitMs] = (await client.eval(TAKE, 1, key, ratePerSecond, burst, count)) as [number, number]
    return { granted, waitMs }
  }
  return {
    tryTake,
    async acquire(count = 1) {
      let needed = count
      while (needed > 0) {
        const { granted, waitMs } = await tryTake(Math.min(needed, burst))
        needed -= granted
        if (needed > 0) {
          await sleep(Math.max(1, waitMs))
        }
      }
    },
  }
}

/** Closes the shared connections (shutdown, tests). */
export async function closeRedisThrottles(): Promise<void> {
  await Promise.all([...clients.values()].map((client) => client.quit()))
  clients.clear()
}
