import Redis from "ioredis"
import { redisThrottle } from "../../src/workflows/messages/redis-throttle"

jest.setTimeout(60_000)

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"

/**
 * Two instances of a store, each with its own connection to the store's
 * Redis, share one send rate: what one takes, the other cannot.
 */
// A store that runs several instances has Redis; a laptop running `npm test`
// may not, and then these tests say so and check nothing.
let redisUp = false
beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  redisUp = await probe.connect().then(() => probe.ping()).then(() => true, () => false)
  probe.disconnect()
  if (!redisUp) {
    console.warn(`Redis is not reachable at ${REDIS_URL}: the shared send-rate tests are skipped`)
  }
})

describe("the send rate shared through Redis", () => {
  const clients: Redis[] = []
  const instance = (key: string, rate: number) => {
    const client = new Redis(REDIS_URL)
    clients.push(client)
    return redisThrottle(REDIS_URL, rate, { key, client })
  }
  const key = () => `test:send-rate:${Date.now()}:${Math.random()}`

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()))
  })

  it("a burst taken by one instance leaves nothing for another", async () => {
    if (!redisUp) return
    const shared = key()
    const a = instance(shared, 20)
    const b = instance(shared, 20)

    expect(await a.tryTake(20)).toEqual({ granted: 20, waitMs: 0 })
    const refused = await b.tryTake(5)
    expect(refused.granted).toBeLessThan(5)
    expect(refused.waitMs).toBeGreaterThan(0)
  })

  it("each instance gets its share as the bucket refills, and asking for more than exists waits instead of failing", async () => {
    if (!redisUp) return
    const shared = key()
    const a = instance(shared, 10)
    const b = instance(shared, 10)
    await a.tryTake(10)

    await Promise.all([a.acquire(3), b.acquire(3)])
    // Both got what they asked for, and the bucket is empty again.
    expect((await b.tryTake(10)).granted).toBeLessThan(3)
  })
})
