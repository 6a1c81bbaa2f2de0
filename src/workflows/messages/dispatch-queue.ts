import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Job, Queue, Worker } from "bullmq"
import Redis from "ioredis"
import { dispatchDueMessages } from "./dispatch-due-messages"

export const DISPATCH_QUEUE = "medusa-marketing-automation-dispatch"

// A drain job stops taking new batches after this long, before the next tick.
const DRAIN_BUDGET_MS = 50_000

type DrainJobData = { now?: string; until: string }

type ProcessQueue = { queue: Queue; worker: Worker; connections: Redis[] }
const byUrl = new Map<string, ProcessQueue>()

/**
 * Sends what is due, batch after batch, until the outbox has nothing due or
 * the job's time is up. Claims are SKIP LOCKED, so drains on several
 * instances share the outbox without ever taking the same message.
 */
export async function drainOutbox(container: MedusaContainer, data: DrainJobData): Promise<number> {
  const now = data.now ? new Date(data.now) : undefined
  const until = new Date(data.until).getTime()
  let sent = 0
  while (Date.now() < until) {
    const result = await dispatchDueMessages(container, { now })
    sent += result.sent
    if (result.claimed === 0) {
      break
    }
  }
  return sent
}

/**
 * A BullMQ worker for dispatch jobs in this process; another instance calls
 * this too and gets one of its own. Exported for tests that play several
 * instances in one process.
 */
export function createDispatchWorker(container: MedusaContainer, redisUrl: string): { worker: Worker; connection: Redis } {
  // BullMQ workers block on Redis and must not give up on a slow reply.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const worker = new Worker<DrainJobData, number>(
    DISPATCH_QUEUE,
    async (job: Job<DrainJobData, number>) => drainOutbox(container, job.data),
    { connection, concurrency: 1 }
  )
  worker.on("failed", (job, error) => logger.error(`marketing: dispatch job ${job?.id} failed: ${error.message}`))
  return { worker, connection }
}

function processQueue(container: MedusaContainer, redisUrl: string): ProcessQueue {
  let existing = byUrl.get(redisUrl)
  if (!existing) {
    const queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null })
    const queue = new Queue<DrainJobData>(DISPATCH_QUEUE, { connection: queueConnection })
    const { worker, connection } = createDispatchWorker(container, redisUrl)
    existing = { queue, worker, connections: [queueConnection, connection] }
    byUrl.set(redisUrl, existing)
  }
  return existing
}

/**
 * One tick of dispatch on BullMQ: one drain job for every worker connected
 * to the queue, so every instance takes part, keyed by the minute so a tick
 * that runs twice adds nothing. This process gets its worker on its first
 * tick; the outbox in Postgres stays the truth, and a job lost with its
 * instance only delays messages until another instance's lease takeover.
 */
export async function scheduleDispatch(
  container: MedusaContainer,
  redisUrl: string,
  at: Date = new Date(),
  options: { now?: Date } = {}
): Promise<number> {
  const { queue } = processQueue(container, redisUrl)
  const workers = Math.max(1, (await queue.getWorkers()).length)
  const minute = at.toISOString().slice(0, 16).replace(/[^0-9]/g, "")
  const data: DrainJobData = {
    now: options.now?.toISOString(),
    until: new Date(at.getTime() + DRAIN_BUDGET_MS).toISOString(),
  }
  await queue.addBulk(
    Array.from({ length: workers }, (_, i) => ({
      name: "drain",
      data,
      opts: { jobId: `drain-${minute}-${i}`, removeOnComplete: 500, removeOnFail: 500 },
    }))
  )
  return workers
}

/** Closes this process's queue, worker and connections (shutdown, tests). */
export async function closeDispatchQueues(): Promise<void> {
  for (const { queue, worker, connections } of byUrl.values()) {
    await worker.close()
    await queue.close()
    await Promise.all(connections.map((c) => c.quit().catch(() => undefined)))
  }
  byUrl.clear()
}
