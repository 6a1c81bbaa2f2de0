import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { dispatchDueMessages, unthrottled } from "../../src/workflows/messages"
import { queueSubscribedMessages } from "../helpers/outbox"
import { useSmtpCapture } from "../helpers/smtp-capture"

jest.setTimeout(600_000)

const capture = useSmtpCapture()

const ROOT = path.resolve(__dirname, "../..")
// The dispatcher process's output, for when it does not get as far as the provider.
const LOG_DIR = path.join(ROOT, ".cache")
fs.mkdirSync(LOG_DIR, { recursive: true })

const NOON = new Date("2027-06-01T12:00:00Z")
const MESSAGES = 300
// The provider accepts this many, then hangs: the dispatcher dies mid-batch,
// with sends done but not recorded in the outbox and sends in flight. With
// 20 sends per Notification Module call, the call it dies in has some emails
// accepted and some held, which the module alone cannot tell apart.
const SENDS_PER_CALL = 20
const ACCEPTED_BEFORE_HANG = 50

const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, dbConfig }) => {
    let child: ChildProcess | undefined

    afterEach(() => {
      if (child?.pid && child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid, "SIGKILL")
      }
    })

    it("a dispatcher process killed mid-batch loses no message and sends none twice", async () => {
      const marketing: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      await queueSubscribedMessages(getContainer(), { count: MESSAGES, prefix: "crash", sendAfter: NOON })

      capture.hold = () => capture.received.length >= ACCEPTED_BEFORE_HANG
      const log = fs.openSync(path.join(LOG_DIR, "dispatch-child.log"), "w")
      child = spawn(
        path.join(ROOT, "node_modules", ".bin", "medusa"),
        ["exec", "./src/scripts/dispatch.ts", `now=${NOON.toISOString()}`, `concurrency=${SENDS_PER_CALL}`],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: dbConfig.clientUrl, NODE_OPTIONS: "", LOG_LEVEL: "error" },
          detached: true,
          stdio: ["ignore", log, log],
        }
      )
      await until(() => capture.held > 0, 150_000, "the dispatcher process to hang on the provider")
      // The dispatcher writes each acceptance a moment after the server
      // answers; a kill inside that moment is the one way left to send twice
      // (README, "Running on several instances"). The crash under test comes
      // after it: sends accepted and recorded as such, others held.
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const recorded = async () =>
        Number((await pg.raw(`SELECT count(*) AS n FROM marketing_message WHERE provider_message_id IS NOT NULL`)).rows[0].n)
      for (const deadline = Date.now() + 30_000; (await recorded()) < capture.received.length; ) {
        if (Date.now() > deadline) {
          throw new Error("the dispatcher process did not record the acceptances it was given")
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      process.kill(-child.pid!, "SIGKILL")
      await new Promise((resolve) => child!.once("exit", resolve))
      capture.release(false)
      capture.hold = () => false

      const acceptedBeforeCrash = capture.received.length
      const stranded = await marketing.listMessages({ status: "sending" }, { take: MESSAGES })
      // Sent but never recorded as sent: only the provider knows.
      expect(acceptedBeforeCrash).toBeGreaterThanOrEqual(ACCEPTED_BEFORE_HANG)
      expect(stranded.length).toBeGreaterThan(acceptedBeforeCrash)

      // Other dispatchers take over once the dead one's lease runs out, and
      // keep going through the retries of the sends that were in flight.
      for (let minutes = 10; minutes <= 600; minutes += 10) {
        const now = new Date(NOON.getTime() + minutes * 60_000)
        const [a, b] = await Promise.all([
          dispatchDueMessages(getContainer(), { now, throttle: unthrottled }),
          dispatchDueMessages(getContainer(), { now, throttle: unthrottled }),
        ])
        if (a.claimed + b.claimed === 0 && (await marketing.listMessages({ status: ["queued", "sending"] })).length === 0) {
          break
        }
      }

      const recipients = capture.received.map((mail) => (mail.to as any).value[0].address)
      expect(recipients).toHaveLength(MESSAGES)
      expect(new Set(recipients).size).toEqual(MESSAGES)
      const messages = await marketing.listMessages({}, { take: MESSAGES * 2 })
      expect(messages.filter((m) => m.status !== "sent")).toEqual([])
    })
  },
})
