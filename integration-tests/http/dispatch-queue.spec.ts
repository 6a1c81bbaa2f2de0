import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Redis from "ioredis"
import { Queue } from "bullmq"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import {
  closeDispatchQueues,
  closeRedisThrottles,
  createDispatchWorker,
  DISPATCH_QUEUE,
  scheduleDispatch,
} from "../../src/workflows/messages"
import { queueSubscribedMessages } from "../helpers/outbox"
import { useSmtpCapture } from "../helpers/smtp-capture"

jest.setTimeout(300_000)

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
// The app under test dispatches through BullMQ, as a store with several instances does.
process.env.MARKETING_REDIS_URL = REDIS_URL

const capture = useSmtpCapture()
const NOON = new Date("2027-06-01T12:00:00Z")
const MESSAGES = 200

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    afterAll(async () => {
      await closeDispatchQueues()
      await closeRedisThrottles()
    })

    it("with redisUrl, BullMQ workers on two instances drain the outbox together, each message sent once", async () => {
      // Other runs of this suite must not leave jobs behind for these workers.
      const admin = new Queue(DISPATCH_QUEUE, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }) })
      await admin.obliterate({ force: true })

      const marketing: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      await queueSubscribedMessages(getContainer(), { count: MESSAGES, prefix: "queue", sendAfter: NOON })

      // A second instance's worker, beside the one the first tick starts here.
      const other = createDispatchWorker(getContainer(), REDIS_URL)
      await other.worker.waitUntilReady()

      const tick = new Date()
      const jobs = await scheduleDispatch(getContainer(), REDIS_URL, tick, { now: NOON })
      expect(jobs).toEqual(2)
      // The same tick again (another instance ran it too) adds no jobs.
      await scheduleDispatch(getContainer(), REDIS_URL, tick, { now: NOON })

      for (let i = 0; i < 600 && capture.received.length < MESSAGES; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await new Promise((resolve) => setTimeout(resolve, 500))

      const recipients = capture.received.map((mail) => (mail.to as any).value[0].address)
      expect(recipients).toHaveLength(MESSAGES)
      expect(new Set(recipients).size).toEqual(MESSAGES)
      const messages = await marketing.listMessages({}, { take: MESSAGES * 2 })
      expect(messages.filter((m) => m.status !== "sent")).toEqual([])
      // This tick's jobs only: the app's own minute job may run a tick of its own meanwhile.
      const minute = tick.toISOString().slice(0, 16).replace(/[^0-9]/g, "")
      const completed = await admin.getJobs(["completed"])
      expect(completed.filter((job) => job.id?.startsWith(`drain-${minute}-`))).toHaveLength(2)

      await other.worker.close()
      await other.connection.quit()
      await admin.close()
    })
  },
})
