import crypto from "node:crypto"
import http from "node:http"
import { AddressInfo } from "node:net"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import {
  activateFlowWorkflow,
  advanceFlowRuns,
  createFlowWorkflow,
  dispatchFlowEvent,
  enterScheduledFlows,
  installPlaybooks,
} from "../../src/workflows/flows"
import { createTemplateWorkflow } from "../../src/workflows/templates"
import { PLAYBOOKS } from "../../src/lib/flows/playbooks"
import { explainContactScoresNow, refreshScores } from "../../src/workflows/scores"
import { resolveEmailContext } from "../../src/utils/email-context"
import { adminHeaders, registerCustomer } from "../helpers/auth"
import { checkout, createCartWithItem } from "../helpers/checkout"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { until } from "../helpers/until"

jest.setTimeout(300_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Ahead of the real clock, so the app's own minute ticks never act on the test's runs first.
const T0 = new Date("2027-06-01T10:00:00.000Z")
const at = (ms: number) => new Date(T0.getTime() + ms)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let marketing: MarketingModuleService
    let fixture: StoreFixture
    let admin: { headers: Record<string, string> }

    // The app installs the playbooks once, ten seconds after boot. Waiting for
    // that keeps it from straddling the database reset between two tests,
    // which would leave flows naming templates the reset took away.
    beforeAll(async () => {
      const service: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      const keys = PLAYBOOKS.map((p) => p.key)
      await until(
        () => service.listFlows({ playbook_key: keys }),
        (flows) => flows.length === keys.length,
        "the playbooks installed after boot",
        600
      )
    })

    beforeEach(async () => {
      const container = getContainer()
      marketing = container.resolve(MARKETING_MODULE)
      admin = await adminHeaders(api, container)
      fixture = await createStoreFixture(container)
    })

    const subscribed = async (email: string, facts: Record<string, unknown> = {}) => {
      const [{ contact }] = await marketing.upsertContacts([{ email }])
      await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
      if (Object.keys(facts).length) await marketing.updateContacts({ id: contact.id, ...facts })
      return contact.id as string
    }
    const playbook = async (key: string) => {
      const flows = await installPlaybooks(getContainer())
      const id = flows.get(key)!
      await activateFlowWorkflow(getContainer()).run({ input: { id } })
      return id
    }
    const sentBy = (flowId: string, contactId: string) =>
      marketing.listMessages({ reason_id: flowId, contact_id: contactId }, { order: { created_at: "ASC" } })
    const stepsOf = async (flowId: string, contactId: string) => (await sentBy(flowId, contactId)).map((m) => m.reason_step)
    /** A one-line email template; returns its id. */
    const textTemplate = async (text: string) => {
      const { result } = await createTemplateWorkflow(getContainer()).run({
        input: { name: text, content: { subject: text, mjml: `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>` } },
      })
      return result.template.id as string
    }
    /** Creates a flow and turns it on; returns its id. */
    const activeFlow = async (name: string, definition: Record<string, unknown>) => {
      const { result } = await createFlowWorkflow(getContainer()).run({ input: { name, definition } })
      await activateFlowWorkflow(getContainer()).run({ input: { id: result.id } })
      return result.id as string
    }

    it("installs the playbooks as drafts with their templates, once", async () => {
      const first = await installPlaybooks(getContainer())
      const again = await installPlaybooks(getContainer())
      expect([...again.entries()]).toEqual([...first.entries()])
      expect([...first.keys()].sort()).toEqual(
        ["abandoned_cart", "at_risk_rescue", "birthday", "new_arrivals", "post_purchase", "welcome_series", "win_back"].sort()
      )
      const flows = await marketing.listFlows({ id: [...first.values()] })
      expect(flows.every((flow) => flow.status === "draft")).toBe(true)
      // Every playbook can be turned on as it comes.
      for (const flow of flows) {
        await activateFlowWorkflow(getContainer()).run({ input: { id: flow.id } })
      }
      expect((await marketing.listFlows({ id: [...first.values()], status: "active" })).length).toEqual(7)
    })

    it("the welcome series stops at the first order", async () => {
      const flowId = await playbook("welcome_series")
      const customer = await registerCustomer(api, fixture.publishableKey, { email: "new@example.com", first_name: "Nia" })
      const contact = await until(() => marketing.findContactByEmail("new@example.com"), (c) => !!c, "the contact")
      await marketing.updateConsent({ contact_id: contact!.id, status: "subscribed", source: "test" })
      await until(() => stepsOf(flowId, contact!.id), (steps) => steps.length === 1, "the welcome email")
      expect(await stepsOf(flowId, contact!.id)).toEqual(["welcome"])

      const cartId = await createCartWithItem(api, fixture, "new@example.com")
      await checkout(api, fixture, cartId)
      const [run] = await until(
        () => marketing.listFlowRuns({ flow_id: flowId, contact_id: contact!.id }),
        (runs) => runs[0]?.status === "exited",
        "the run to exit on the order"
      )
      expect(run.exit_reason).toContain("exit_event")
      await advanceFlowRuns(getContainer(), { now: new Date(Date.now() + 8 * DAY) })
      expect(await stepsOf(flowId, contact!.id)).toEqual(["welcome"])
      expect(customer.email).toEqual("new@example.com")
    })

    it("win-back starts for a contact whose last order is 90 days old, not for others, and only once", async () => {
      const flowId = await playbook("win_back")
      const lapsed = await subscribed("lapsed@example.com", { orders_count: 2, last_order_at: at(-90 * DAY - 2 * HOUR) })
      const recent = await subscribed("recent@example.com", { orders_count: 1, last_order_at: at(-30 * DAY) })
      const never = await subscribed("never@example.com")

      await enterScheduledFlows(getContainer(), { now: T0 })
      await enterScheduledFlows(getContainer(), { now: at(HOUR) })
      const runs = await marketing.listFlowRuns({ flow_id: flowId })
      expect(runs.map((run) => run.contact_id)).toEqual([lapsed])
      expect(await stepsOf(flowId, lapsed)).toEqual(["miss_you"])
      expect(await sentBy(flowId, recent)).toEqual([])
      expect(await sentBy(flowId, never)).toEqual([])

      // Thirty days on, still no order: the code and the second email.
      await advanceFlowRuns(getContainer(), { now: at(31 * DAY) })
      expect(await stepsOf(flowId, lapsed)).toEqual(["miss_you", "offer_email"])
      const [second] = (await sentBy(flowId, lapsed)).slice(1)
      expect((second.data as any).discount.code).toMatch(/^FLOW-/)
    })

    it("re-entry policies hold: once, every time, and once per N days", async () => {
      const templateId = await textTemplate("Ping")
      const flow = (reentry: unknown) =>
        activeFlow(`Ping ${JSON.stringify(reentry)}`, {
          trigger: { type: "event", event: "test.ping" },
          reentry,
          entry: "ping",
          steps: { ping: { type: "send_email", template_id: templateId } },
        })
      const once = await flow("once")
      const always = await flow("every_time")
      const weekly = await flow({ days: 7 })
      const contactId = await subscribed("pinged@example.com")
      const ping = (key: string, now: Date) =>
        dispatchFlowEvent(getContainer(), { name: "test.ping", data: {} }, { now, subjects: [{ contact_id: contactId, entry_key: key, data: {} }] })

      await ping("a", T0)
      await ping("a", T0) // a redelivered event
      await ping("b", at(DAY))
      await ping("c", at(8 * DAY))
      const entries = async (flowId: string) =>
        (await marketing.listFlowRuns({ flow_id: flowId }, { order: { entered_at: "ASC" } })).map((run) => run.entry_key)
      expect(await entries(once)).toEqual(["a"])
      expect(await entries(always)).toEqual(["a", "b", "c"])
      expect(await entries(weekly)).toEqual(["a", "c"])
    })

    it("a run that exits skips the emails it still had queued, and no one else's", async () => {
      const templateId = await textTemplate("Hold")
      const flowId = await activeFlow("Held emails", {
        trigger: { type: "event", event: "test.hold" },
        exit_on: [{ event: "test.stop" }],
        entry: "hello",
        steps: {
          hello: { type: "send_email", template_id: templateId, next: "pause" },
          pause: { type: "wait", duration: { amount: 1, unit: "days" }, next: "bye" },
          bye: { type: "send_email", template_id: templateId },
        },
      })
      const leaving = await subscribed("leaving@example.com")
      const staying = await subscribed("staying@example.com")
      const event = (name: string, contacts: string[], now: Date) =>
        dispatchFlowEvent(getContainer(), { name, data: {} }, { now, subjects: contacts.map((contact_id) => ({ contact_id, entry_key: name, data: {} })) })
      // Queued for the trigger's time, ahead of the real clock: no dispatcher sends them during the test.
      await event("test.hold", [leaving, staying], T0)
      const statusOf = async (contactId: string) =>
        (await sentBy(flowId, contactId)).map((message) => [message.reason_step, message.status])
      expect(await statusOf(leaving)).toEqual([["hello", "queued"]])

      await event("test.stop", [leaving], at(HOUR))
      const [run] = await marketing.listFlowRuns({ flow_id: flowId, contact_id: leaving })
      expect(run.status).toBe("exited")
      expect(await statusOf(leaving)).toEqual([["hello", "skipped"]])
      expect(await statusOf(staying)).toEqual([["hello", "queued"]])
    })

    it("a burst of events on the bus enters every contact it names", async () => {
      const templateId = await textTemplate("Burst")
      const flowId = await activeFlow("Burst", {
        trigger: { type: "event", event: "test.burst" },
        entry: "hello",
        steps: { hello: { type: "send_email", template_id: templateId } },
      })
      const contacts = await Promise.all(Array.from({ length: 120 }, (_, i) => subscribed(`burst${i}@example.com`)))
      // All at once, as a segment refresh emits its memberships: the local bus calls the subscriber for each at the same moment.
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit(contacts.map((contact_id) => ({ name: "test.burst", data: { contact_id } })))
      const runs = await until(
        () => marketing.listFlowRuns({ flow_id: flowId }, { take: 500 }),
        (found) => found.length === contacts.length && found.every((run) => run.status === "completed"),
        "every contact of the burst to go through the flow"
      )
      expect(runs.map((run) => run.contact_id).sort()).toEqual([...contacts].sort())
      expect(await marketing.listMessages({ reason_id: flowId }, { take: 500 })).toHaveLength(contacts.length)
    })

    it("two workers advancing the same runs perform each step once", async () => {
      const templateId = await textTemplate("Step")
      const flowId = await activeFlow("Two steps", {
        trigger: { type: "event", event: "test.race" },
        reentry: "every_time",
        entry: "first",
        steps: {
          first: { type: "send_email", template_id: templateId, next: "pause" },
          pause: { type: "wait", duration: { amount: 1, unit: "hours" }, next: "points" },
          points: { type: "update_contact", lead_points: 5, next: "second" },
          second: { type: "send_email", template_id: templateId },
        },
      })
      const contacts = await Promise.all(Array.from({ length: 40 }, (_, i) => subscribed(`race${i}@example.com`)))
      await dispatchFlowEvent(
        getContainer(),
        { name: "test.race", data: {} },
        { now: T0, subjects: contacts.map((contact_id) => ({ contact_id, entry_key: "race", data: {} })) }
      )
      const later = at(2 * HOUR)
      await Promise.all([
        advanceFlowRuns(getContainer(), { now: later }),
        advanceFlowRuns(getContainer(), { now: later }),
        advanceFlowRuns(getContainer(), { now: later }),
      ])
      const messages = await marketing.listMessages({ reason_id: flowId }, { take: 1000 })
      expect(messages).toHaveLength(80)
      const runs = await marketing.listFlowRuns({ flow_id: flowId }, { take: 100 })
      expect(runs.every((run) => run.status === "completed")).toBe(true)
      const scored = await marketing.listContacts({ id: contacts }, { select: ["lead_score"] })
      expect(scored.map((c) => Number(c.lead_score))).toEqual(contacts.map(() => 5))
      // The award stops counting a year on: by then the hourly refresh counts the contact's events again.
      const rechecks = await marketing.listContacts({ id: contacts }, { select: ["scores_recheck_at"] })
      expect(rechecks.map((c) => new Date(c.scores_recheck_at!).getTime() <= later.getTime() + 365 * 24 * HOUR)).toEqual(
        contacts.map(() => true)
      )

      // Rescoring from the events keeps the awarded points, explained.
      await refreshScores(getContainer(), { now: later, fromEvents: true })
      const rescored = await marketing.listContacts({ id: contacts }, { select: ["lead_score"] })
      expect(rescored.map((c) => Number(c.lead_score))).toEqual(contacts.map(() => 5))
      expect((await explainContactScoresNow(marketing, contacts[0], later))!.explanation.lead_score).toContain(
        "Flow steps: 1 time, latest today, +5 points."
      )
    })

    it("a webhook step is signed, retried with backoff while it fails, and then fails the run with the reason", async () => {
      const received: { signature: string; key: string; body: string }[] = []
      let answer = 500
      const server = http.createServer((req, res) => {
        let body = ""
        req.on("data", (chunk) => (body += chunk))
        req.on("end", () => {
          received.push({ signature: String(req.headers["x-marketing-signature"]), key: String(req.headers["idempotency-key"]), body })
          res.writeHead(answer).end()
        })
      })
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      const url = `http://localhost:${(server.address() as AddressInfo).port}/hook`
      try {
        const flow = (name: string) =>
          activeFlow(name, {
            trigger: { type: "event", event: `test.${name}` },
            reentry: "every_time",
            entry: "notify",
            steps: { notify: { type: "webhook", url } },
          })
        const failing = await flow("failing")
        const contactId = await subscribed("hooked@example.com")
        await dispatchFlowEvent(
          getContainer(),
          { name: "test.failing", data: {} },
          { now: T0, subjects: [{ contact_id: contactId, entry_key: "x", data: { reason: "test" } }] }
        )
        let [run] = await marketing.listFlowRuns({ flow_id: failing })
        expect(run).toMatchObject({ status: "active", failures: 1, last_error: "webhook answered 500" })
        expect(new Date(run.wake_at!).getTime()).toBeGreaterThan(T0.getTime())
        // Each retry waits longer; the fifth failure is the last.
        for (let hour = 1; hour <= 48 && run.status === "active"; hour++) {
          await advanceFlowRuns(getContainer(), { now: at(hour * HOUR) })
          ;[run] = await marketing.listFlowRuns({ flow_id: failing })
        }
        expect(run).toMatchObject({ status: "failed", failures: 5 })
        expect(run.last_error).toContain("webhook answered 500")
        expect(received).toHaveLength(5)
        expect(new Set(received.map((r) => r.key)).size).toEqual(1)

        answer = 204
        received.length = 0
        const working = await flow("working")
        await dispatchFlowEvent(
          getContainer(),
          { name: "test.working", data: {} },
          { now: T0, subjects: [{ contact_id: contactId, entry_key: "y", data: {} }] }
        )
        const [{ signature, body }] = received
        const { secret } = await resolveEmailContext(getContainer())
        expect(signature).toEqual(`sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`)
        expect(JSON.parse(body)).toMatchObject({ flow_id: working, step: "notify", contact: { email: "hooked@example.com" } })
        const [done] = await marketing.listFlowRuns({ flow_id: working })
        expect(done.status).toEqual("completed")
      } finally {
        server.close()
      }
    })

    it("a worker that dies mid-run is taken over when its lease ends, and what it did is not done again", async () => {
      const templateId = await textTemplate("Once")
      const flowId = await activeFlow("Crash", {
        trigger: { type: "event", event: "test.crash" },
        reentry: "every_time",
        entry: "hello",
        steps: { hello: { type: "send_email", template_id: templateId } },
      })
      const [flow] = await marketing.listFlows({ id: flowId })
      const contactId = await subscribed("crash@example.com")
      const [runId] = await marketing.insertFlowRuns([
        {
          id: "mkt_frn_crash",
          flow_id: flowId,
          flow_version_id: flow.active_version_id!,
          contact_id: contactId,
          entry_key: "crash",
          holdout: false,
          state: { status: "active", step: null, wake_at: null, visits: {}, branches: {}, waiting_for: null, pending_effect: null, results: {}, converted_at: null, ended: null },
          trigger_data: {},
          entered_at: T0,
        },
      ])
      // A worker claims the run, queues the email under the step's key, and dies before saving.
      await marketing.claimFlowRuns({ now: T0, limit: 1, leaseMs: 5 * 60_000, claim_token: "dead-worker", run_ids: [runId] })
      const [version] = await marketing.listTemplateVersions({ template_id: templateId })
      await marketing.enqueueMessages([
        {
          contact_id: contactId,
          template_version_id: version.id,
          to_email: "crash@example.com",
          reason_type: "flow",
          reason_id: flowId,
          reason_step: "hello",
          idempotency_key: `flow:${runId}:hello:1`,
        },
      ])

      expect((await advanceFlowRuns(getContainer(), { now: at(60_000) })).runs).toEqual(0)
      expect((await advanceFlowRuns(getContainer(), { now: at(6 * 60_000) })).runs).toEqual(1)
      const [run] = await marketing.listFlowRuns({ id: runId })
      expect(run.status).toEqual("completed")
      expect(await sentBy(flowId, contactId)).toHaveLength(1)
    })

    it("a birthday starts its flow at 9:00 in the contact's time zone, with a gift code", async () => {
      const flowId = await playbook("birthday")
      const berlin = await subscribed("berlin@example.com", { birth_date: "1990-06-02", timezone: "Europe/Berlin" })
      const other = await subscribed("other@example.com", { birth_date: "1990-08-15" })
      // 2 June 06:00 UTC is 08:00 in Berlin: not yet.
      await enterScheduledFlows(getContainer(), { now: new Date("2027-06-02T06:00:00Z") })
      expect(await marketing.listFlowRuns({ flow_id: flowId })).toEqual([])
      await enterScheduledFlows(getContainer(), { now: new Date("2027-06-02T07:30:00Z") })
      expect(await stepsOf(flowId, berlin)).toEqual(["wishes"])
      expect(await sentBy(flowId, other)).toEqual([])
    })

    it("a new product reaches subscribed contacts, once a week, on Monday morning", async () => {
      const flowId = await playbook("new_arrivals")
      const reader = await subscribed("reader@example.com")
      const [{ contact: lurker }] = await marketing.upsertContacts([{ email: "lurker@example.com" }])
      const created = await api.post(
        "/admin/products",
        { title: "Wool scarf", options: [{ title: "Size", values: ["One"] }], variants: [{ title: "One", options: { Size: "One" }, prices: [] }] },
        admin
      )
      expect(created.status).toEqual(200)
      const [run] = await until(
        () => marketing.listFlowRuns({ flow_id: flowId }),
        (runs) => runs[0]?.status === "waiting",
        "the new-arrivals run to wait for Monday"
      )
      expect(run).toMatchObject({ contact_id: reader, status: "waiting", current_step: "monday" })
      expect(new Date(run.wake_at!).getUTCDay()).toEqual(1)
      expect(await marketing.listFlowRuns({ flow_id: flowId, contact_id: lurker.id })).toEqual([])
    })
  },
})
