import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { createTemplateWorkflow } from "../../src/workflows/templates"
import { dispatchDueMessages } from "../../src/workflows/messages"
import { useSmtpCapture } from "../helpers/smtp-capture"

jest.setTimeout(300_000)

const capture = useSmtpCapture()

// Midday UTC, outside the default quiet hours for contacts without a time
// zone. In the future: the app's own every-minute dispatch job runs on the
// real clock and must not find these messages due.
const NOON = new Date("2027-06-01T12:00:00Z")

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let marketing: MarketingModuleService
    let versionId: string

    beforeEach(async () => {
      capture.received.length = 0
      capture.tries.clear()
      capture.refuse = () => false
      marketing = getContainer().resolve(MARKETING_MODULE)
      const { result } = await createTemplateWorkflow(getContainer()).run({
        input: {
          name: "News",
          content: {
            subject: "News for {{ contact.first_name }}",
            mjml: "<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ contact.first_name }}, {{ note }}</mj-text></mj-column></mj-section></mj-body></mjml>",
          },
        },
      })
      versionId = result.version.id
    })

    const subscribedContacts = async (count: number, prefix: string) => {
      const results = await marketing.upsertContacts(
        Array.from({ length: count }, (_, i) => ({ email: `${prefix}${i}@example.com`, first_name: `P${i}` }))
      )
      for (const { contact } of results) {
        await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
      }
      return results.map((r) => r.contact)
    }

    const enqueue = (contacts: { id: string; email: string }[], extra: Record<string, unknown> = {}) =>
      marketing.enqueueMessages(
        contacts.map((c) => ({
          contact_id: c.id,
          template_version_id: versionId,
          to_email: c.email,
          reason_type: "campaign",
          reason_id: "cmp_1",
          idempotency_key: `campaign:cmp_1:${c.id}`,
          send_after: NOON,
          data: { note: "linen is back" },
          ...extra,
        }))
      )

    const drain = async (now: Date) => {
      for (let i = 0; i < 100; i++) {
        const [a, b] = await Promise.all([
          dispatchDueMessages(getContainer(), { now, limit: 50 }),
          dispatchDueMessages(getContainer(), { now, limit: 50 }),
        ])
        if (a.claimed + b.claimed === 0) {
          return
        }
      }
    }

    const recipients = () => capture.received.map((mail) => (mail.to as any).value[0].address)

    it("two dispatchers racing over 1,000 messages send each exactly once, rendered", async () => {
      const contacts = await subscribedContacts(1000, "race")
      expect(await enqueue(contacts)).toHaveLength(1000)
      // The same sends requested again add nothing to the outbox.
      expect(await enqueue(contacts)).toHaveLength(0)

      await drain(NOON)

      expect(capture.received).toHaveLength(1000)
      expect(new Set(recipients()).size).toEqual(1000)
      const sample = capture.received.find((mail) => mail.subject === "News for P7")
      expect(sample?.html).toContain("Hi P7, linen is back")
      const messages = await marketing.listMessages({}, { take: 2000 })
      expect(messages.every((m) => m.status === "sent" && m.attempts === 1)).toBe(true)
    })

    it("with a provider refusing 30% of deliveries, every message ends up sent exactly once", async () => {
      const contacts = await subscribedContacts(200, "flaky")
      await enqueue(contacts)
      // 30% of recipients are refused on the first try, a third of those on
      // the second too: deterministic, and within the six attempts allowed.
      const index = (email: string) => Number(/(\d+)@/.exec(email)?.[1])
      capture.refuse = (to, previous) =>
        (previous === 0 && index(to) % 10 < 3) || (previous === 1 && index(to) % 10 === 0)

      // Each pass is an hour later, past any backoff.
      for (let hour = 0; hour < 12; hour++) {
        await drain(new Date(NOON.getTime() + hour * 3_600_000))
      }

      expect(capture.received).toHaveLength(200)
      expect(new Set(recipients()).size).toEqual(200)
      const messages = await marketing.listMessages({}, { take: 500 })
      expect(messages.filter((m) => m.status !== "sent")).toEqual([])
      expect(messages.some((m) => m.attempts > 1)).toBe(true)
    })

    it("settles as sent, without sending again, a message its provider accepted in a try never settled", async () => {
      const [earlier, fresh] = await subscribedContacts(2, "accepted")
      await enqueue([earlier, fresh])
      // As an earlier try leaves it when the provider accepted and the
      // Notification Module then failed to record it: back in the queue with
      // a failure counted, which would send it under a new key.
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `UPDATE marketing_message SET provider_message_id = '<earlier@linen.example>', failures = 1, attempts = 1
         WHERE contact_id = ?`,
        [earlier.id]
      )
      // A guardrail that would hold it back now cannot undo a delivery.
      await marketing.updateConsent({ contact_id: earlier.id, status: "unsubscribed", source: "test" })

      await drain(NOON)

      expect(recipients()).toEqual([fresh.email])
      const messages = await marketing.listMessages({}, { take: 10 })
      const byContact = new Map(messages.map((m) => [m.contact_id, m]))
      expect(byContact.get(earlier.id)).toMatchObject({ status: "sent", provider_message_id: "<earlier@linen.example>" })
      expect(byContact.get(fresh.id)).toMatchObject({ status: "sent", provider_message_id: capture.received[0].messageId })
    })

    it("keeps the frequency cap when several dispatchers each hold emails to the same contacts", async () => {
      const contacts = await subscribedContacts(40, "capped")
      // Due in ten minutes, when these dispatchers say it is: the app's own minute job, which
      // goes by the clock, leaves them alone. Sends are stamped with the database's clock, so
      // the cap's 16-hour window still counts them.
      const soon = new Date(Date.now() + 10 * 60_000)
      const due = soon.getTime() - 60_000
      for (const campaign of ["cmp_a", "cmp_b", "cmp_c"]) {
        await marketing.enqueueMessages(
          contacts.map((c, i) => ({
            contact_id: c.id,
            template_version_id: versionId,
            to_email: c.email,
            reason_type: "campaign",
            reason_id: campaign,
            idempotency_key: `campaign:${campaign}:${c.id}`,
            // A contact's three emails side by side in the queue.
            send_after: new Date(due + i),
            data: { note: campaign },
          }))
        )
      }
      // One email per claim, four dispatchers side by side: a contact's emails go to different ones.
      const guardrails = { frequencyCap: 1, frequencyWindowHours: 16, quietHours: null }
      for (let round = 0; round < 200; round++) {
        const results = await Promise.all(
          [1, 2, 3, 4].map(() => dispatchDueMessages(getContainer(), { now: soon, limit: 1, guardrails }))
        )
        if (results.every((r) => r.claimed === 0)) {
          break
        }
      }
      const perRecipient = new Map<string, number>()
      for (const to of recipients()) {
        perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
      }
      expect([...perRecipient.keys()].sort()).toEqual(contacts.map((c) => c.email).sort())
      expect([...new Set(perRecipient.values())]).toEqual([1])
      const messages = await marketing.listMessages({}, { take: 500 })
      expect(messages.filter((m) => m.status === "skipped").map((m) => m.last_error)).toEqual(
        Array(80).fill("frequency_cap")
      )
    })

    it("applies the guardrails at send time, recording why", async () => {
      const [subscribed, later, suppressed, tokyo] = await subscribedContacts(4, "guard")
      const [unconsented] = (await marketing.upsertContacts([{ email: "never@example.com" }])).map((r) => r.contact)
      await marketing.updateContacts({ id: suppressed.id, suppressed_at: new Date(), suppression_reason: "hard_bounce" })
      await marketing.updateContacts({ id: tokyo.id, timezone: "Asia/Tokyo" })

      await enqueue([subscribed, unconsented, suppressed, tokyo])
      await enqueue([later], { idempotency_key: "second:1" })
      // A second marketing email to the same contact within 16 hours is capped.
      await enqueue([subscribed], { idempotency_key: "campaign:cmp_2:x" })
      // Transactional mail goes without consent, but never to a suppressed contact.
      await marketing.enqueueMessages([
        { contact_id: unconsented.id, template_version_id: versionId, to_email: unconsented.email, reason_type: "order", transactional: true, idempotency_key: "tx:1", send_after: NOON, data: { note: "receipt" } },
        { contact_id: suppressed.id, template_version_id: versionId, to_email: suppressed.email, reason_type: "order", transactional: true, idempotency_key: "tx:2", send_after: NOON, data: { note: "receipt" } },
      ])

      await drain(NOON)

      const byKey = new Map((await marketing.listMessages({}, { take: 100 })).map((m) => [m.idempotency_key, m]))
      const outcome = (key: string) => [byKey.get(key)?.status, byKey.get(key)?.last_error]
      // Of two campaigns to one contact, one goes and the other is capped, also when the two
      // dispatchers each claimed one of them: which goes depends on which was claimed first.
      expect([outcome(`campaign:cmp_1:${subscribed.id}`), outcome("campaign:cmp_2:x")]).toEqual(
        expect.arrayContaining([
          ["sent", null],
          ["skipped", "frequency_cap"],
        ])
      )
      expect(outcome(`campaign:cmp_1:${unconsented.id}`)).toEqual(["skipped", "no_consent"])
      expect(outcome(`campaign:cmp_1:${suppressed.id}`)).toEqual(["suppressed", "suppressed"])
      expect(outcome("tx:1")).toEqual(["sent", null])
      expect(outcome("tx:2")).toEqual(["suppressed", "suppressed"])
      // 12:00 UTC is 21:00 in Tokyo: it waits for 08:00 Tokyo time (23:00 UTC).
      const waiting = byKey.get(`campaign:cmp_1:${tokyo.id}`)!
      expect([waiting.status, waiting.last_error]).toEqual(["queued", "quiet_hours"])
      expect(new Date(waiting.send_after)).toEqual(new Date("2027-06-01T23:00:00Z"))
      // Waiting is not a try: the retries a send may need are all still there.
      expect(waiting.attempts).toEqual(0)
      expect(recipients().sort()).toEqual(
        [subscribed.email, later.email, unconsented.email].sort()
      )

      await drain(new Date("2027-06-01T23:00:00Z"))
      expect(recipients()).toContain(tokyo.email)
      const [sentLater] = await marketing.listMessages({ idempotency_key: `campaign:cmp_1:${tokyo.id}` })
      expect([sentLater.status, sentLater.attempts]).toEqual(["sent", 1])
    })
  },
})
