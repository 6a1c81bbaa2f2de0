import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { createTemplateWorkflow, updateTemplateWorkflow } from "../../src/workflows/templates"
import { createSegmentWorkflow } from "../../src/workflows/segments"
import { dispatchDueMessages, recordMessageEventsWorkflow } from "../../src/workflows/messages"
import { cancelCampaignStep, sendDueCampaigns, startCampaignStep } from "../../src/workflows/campaigns"
import { adminHeaders } from "../helpers/auth"
import { useSmtpCapture } from "../helpers/smtp-capture"

jest.setTimeout(300_000)

const capture = useSmtpCapture()

// Far in the future: the app's own every-minute jobs run on the real clock
// and must find nothing of these campaigns due.
const NOW = new Date("2027-06-01T12:00:00Z")
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000)

const CAMPAIGNS = "/admin/marketing/campaigns"

const MJML = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hi {{ contact.first_name }}</mj-text>
  <mj-button href="https://shop.example.com/spring">Shop the collection</mj-button>
</mj-column></mj-section></mj-body></mjml>`

const byLocale = (locales: string[]) => ({
  type: "group",
  match: "all",
  rules: [{ type: "field", field: "locale", operator: "in", value: locales }],
})

// Each write step followed by a failure: the workflow must roll the write back.
const failStep = createStep("test-campaign-fail", async () => {
  throw new Error("a later step failed")
})
const startThenFail = createWorkflow("test-start-campaign-then-fail", (input: { id: string; now: number }) => {
  startCampaignStep(input)
  failStep()
  return new WorkflowResponse(null)
})
const cancelThenFail = createWorkflow("test-cancel-campaign-then-fail", (input: { id: string; now: number }) => {
  cancelCampaignStep(input)
  failStep().config({ name: "test-campaign-fail-after-cancel" })
  return new WorkflowResponse(null)
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let marketing: MarketingModuleService
    let templateId: string

    beforeEach(async () => {
      capture.received.length = 0
      capture.tries.clear()
      capture.refuse = () => false
      admin = await adminHeaders(api, getContainer())
      marketing = getContainer().resolve(MARKETING_MODULE)
      const { result } = await createTemplateWorkflow(getContainer()).run({
        input: { name: "Spring", content: { subject: "News for {{ contact.first_name }}", mjml: MJML } },
      })
      templateId = result.template.id
    })

    const fail = (promise: Promise<any>) => promise.catch((e: any) => e.response)

    /** Subscribed contacts `<prefix><i>@example.com`, first names `<Prefix><i>`. */
    const contacts = async (prefix: string, count: number, fields: { locale?: string; timezone?: string | null } = {}) => {
      const results = await marketing.upsertContacts(
        Array.from({ length: count }, (_, i) => ({
          email: `${prefix}${i}@example.com`,
          first_name: `${prefix[0].toUpperCase()}${prefix.slice(1)}${i}`,
          locale: fields.locale ?? "de",
          timezone: fields.timezone ?? null,
        }))
      )
      for (const { contact } of results) {
        await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
      }
      return results.map((r) => r.contact)
    }

    const segment = async (name: string, rules: unknown) =>
      (await createSegmentWorkflow(getContainer()).run({ input: { name, rules } })).result.id

    // Surfaces the API's message when a request a test relies on is refused.
    const createCampaign = async (body: Record<string, unknown>) =>
      (
        await api.post(CAMPAIGNS, { name: "Spring sale", template_id: templateId, ...body }, admin).catch((e: any) => {
          throw new Error(e.response?.data?.message ?? e.message)
        })
      ).data.campaign

    const schedule = async (id: string, body: Record<string, unknown> = { scheduled_at: NOW.toISOString() }) =>
      (await api.post(`${CAMPAIGNS}/${id}/schedule`, body, admin)).data.campaign

    const messagesOf = (id: string) =>
      marketing.listMessages({ reason_type: "campaign", reason_id: id }, { take: 1000, order: { to_email: "ASC" } })

    const tick = (now: Date) => sendDueCampaigns(getContainer(), { now })

    const drain = async (now: Date) => {
      for (let i = 0; i < 50; i++) {
        if ((await dispatchDueMessages(getContainer(), { now, limit: 50 })).claimed === 0) {
          return
        }
      }
    }

    const received = () =>
      capture.received.map((mail) => ({ to: (mail.to as any).value[0].address as string, subject: mail.subject ?? "" }))

    it("the audience count says how many of the audience the campaign can email, marketing or transactional", async () => {
      await contacts("nl", 2, { locale: "nl" })
      const [never] = (await marketing.upsertContacts([{ email: "never@example.com", locale: "nl" }])).map((r) => r.contact)
      const [bounced] = await contacts("bounced", 1, { locale: "nl" })
      await marketing.suppressContacts([{ contact_id: bounced.id, reason: "hard_bounce" }])
      const dutch = await segment("Dutch", byLocale(["nl"]))

      const preview = async (body: Record<string, unknown>) => (await api.post(`${CAMPAIGNS}/audience`, body, admin)).data
      // Marketing: only the two subscribed, unsuppressed contacts; transactional: consent aside, never the suppressed.
      expect(await preview({ segment_ids: [dutch] })).toEqual({ count: 4, reachable: 2 })
      expect(await preview({ segment_ids: [dutch], transactional: true })).toEqual({ count: 4, reachable: 3 })
      expect(never.consent_status).not.toEqual("subscribed")
      const refused = await fail(api.post(`${CAMPAIGNS}/audience`, { segment_ids: [dutch], transactional: "yes" }, admin))
      expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("transactional")])
    })

    it("queues the segments less the exclusions, each contact once however often the job runs, and sends them", async () => {
      const german = await contacts("de", 2, { locale: "de" })
      const french = await contacts("fr", 2, { locale: "fr" })
      const italian = await contacts("it", 1, { locale: "it" })
      await contacts("staff", 1, { locale: "fr" })
      await contacts("es", 1, { locale: "es" })
      const europe = await segment("DE and FR", byLocale(["de", "fr"]))
      const south = await segment("FR and IT", byLocale(["fr", "it"]))
      const staff = await segment("Staff", {
        type: "group",
        match: "all",
        rules: [{ type: "field", field: "email", operator: "starts_with", value: "staff" }],
      })
      const audience = [...german, ...french, ...italian]

      const preview = (body: Record<string, unknown>) => api.post(`${CAMPAIGNS}/audience`, body, admin)
      expect((await preview({ segment_ids: [europe, south] })).data.count).toEqual(6)
      expect((await preview({ segment_ids: [europe, south], exclude_segment_ids: [staff] })).data.count).toEqual(5)

      const campaign = await createCampaign({
        subject: "{{ contact.first_name }}, spring is here",
        segment_ids: [europe, south],
        exclude_segment_ids: [staff],
      })
      expect(campaign.status).toEqual("draft")
      // Edited after the campaign was written: the send uses the template as it is then.
      const { result: edited } = await updateTemplateWorkflow(getContainer()).run({
        input: { id: templateId, content: { subject: "Spring news", mjml: MJML } },
      })
      expect((await schedule(campaign.id)).status).toEqual("scheduled")

      expect((await tick(at(NOW, -1))).started).toEqual([])
      expect(await messagesOf(campaign.id)).toEqual([])

      // Two instances at once, then again: one start, one message per contact.
      const ticks = await Promise.all([tick(NOW), tick(NOW)])
      expect(ticks.flatMap((t) => t.started)).toEqual([{ id: campaign.id, audience: 5, queued: 5 }])
      expect((await tick(at(NOW, 1))).started).toEqual([])
      const queued = await messagesOf(campaign.id)
      expect(queued.map((m) => m.contact_id).sort()).toEqual(audience.map((c) => c.id).sort())
      for (const message of queued) {
        expect(message).toMatchObject({
          status: "queued",
          reason_type: "campaign",
          reason_id: campaign.id,
          variant: null,
          template_version_id: edited.version!.id,
          idempotency_key: `campaign:${campaign.id}:${message.contact_id}`,
        })
        expect(new Date(message.send_after)).toEqual(NOW)
      }
      const started = await marketing.retrieveCampaign(campaign.id)
      expect([started.status, started.audience_count, new Date(started.started_at!)]).toEqual(["sending", 5, NOW])

      // The real dispatcher sends it; the override is the subject that arrives.
      await drain(NOW)
      expect(received().sort((a, b) => a.to.localeCompare(b.to))).toEqual([
        { to: "de0@example.com", subject: "De0, spring is here" },
        { to: "de1@example.com", subject: "De1, spring is here" },
        { to: "fr0@example.com", subject: "Fr0, spring is here" },
        { to: "fr1@example.com", subject: "Fr1, spring is here" },
        { to: "it0@example.com", subject: "It0, spring is here" },
      ])
      expect((await messagesOf(campaign.id)).every((m) => (m.links as unknown as string[])[0].includes("utm_campaign=Spring"))).toBe(true)

      expect((await tick(at(NOW, 2))).finished).toEqual([campaign.id])
      const sent = (await api.get(`${CAMPAIGNS}/${campaign.id}`, admin)).data.campaign
      expect([sent.status, sent.finished_at]).toEqual(["sent", at(NOW, 2).toISOString()])
      const { results } = (await api.get(`${CAMPAIGNS}/${campaign.id}/results`, admin)).data
      expect(results.total).toMatchObject({ recipients: 5, sent: 5, queued: 0, opened: 0 })
      // The list carries each campaign's totals: the same as its results page, and zeros for a draft.
      const draft = await createCampaign({ name: "Later", segment_ids: [europe] })
      const { campaigns: listed } = (await api.get(`${CAMPAIGNS}?order=-created_at`, admin)).data
      expect(listed.find((c: any) => c.id === campaign.id).results).toEqual(results.total)
      expect(listed.find((c: any) => c.id === draft.id).results).toMatchObject({ recipients: 0, sent: 0, conversions: 0 })
      expect(results.variants).toEqual([])
    })

    it("sends an A/B test's sample, then the winner by a person's clicks to everyone else", async () => {
      const people = await contacts("ab", 40)
      const everyone = await segment("Everyone", byLocale(["de"]))
      const campaign = await createCampaign({
        segment_ids: [everyone],
        ab_test: {
          variants: [
            { key: "a", subject: "New linen for {{ contact.first_name }}" },
            { key: "b", subject: "Last days of the spring sale" },
          ],
          sample_percent: 50,
          metric: "click_rate",
          decide_after_hours: 4,
        },
      })
      await schedule(campaign.id)

      expect((await tick(NOW)).started).toEqual([{ id: campaign.id, audience: 40, queued: 20 }])
      const sample = await messagesOf(campaign.id)
      const ofVariant = (key: string) => sample.filter((m) => m.variant === key)
      expect([ofVariant("a").length, ofVariant("b").length]).toEqual([10, 10])
      expect(sample.every((m) => m.reason_step === "sample")).toBe(true)

      await drain(NOW)
      expect(received()).toHaveLength(20)
      expect(received().filter((mail) => mail.subject === "Last days of the spring sale")).toHaveLength(10)
      expect(received().filter((mail) => mail.subject.startsWith("New linen for Ab"))).toHaveLength(10)

      // A scanner clicks every link of variant a; people click three of b and one of a.
      const click = (messages: typeof sample, machine: boolean) =>
        messages.map((m) => ({
          message_id: m.id,
          contact_id: m.contact_id,
          type: "clicked" as const,
          occurred_at: at(NOW, 30),
          machine,
          source: "tracking",
          url: "https://shop.example.com/spring",
        }))
      await recordMessageEventsWorkflow(getContainer()).run({
        input: {
          events: [
            ...click(ofVariant("a"), true),
            ...click(ofVariant("a").slice(0, 1), false),
            ...click(ofVariant("b").slice(0, 3), false),
          ],
        },
      })

      expect((await tick(at(NOW, 4 * 60 - 1))).decided).toEqual([])
      expect((await marketing.retrieveCampaign(campaign.id)).winner_variant).toBeNull()

      const decision = await tick(at(NOW, 4 * 60))
      expect(decision.decided).toEqual([{ id: campaign.id, winner: "b", queued: 20 }])
      // Two instances deciding again change nothing.
      expect((await Promise.all([tick(at(NOW, 4 * 60 + 1)), tick(at(NOW, 4 * 60 + 1))])).flatMap((t) => t.decided)).toEqual([])
      const decided = await marketing.retrieveCampaign(campaign.id)
      expect([decided.winner_variant, new Date(decided.decided_at!), decided.audience_count]).toEqual(["b", at(NOW, 4 * 60), 40])

      const all = await messagesOf(campaign.id)
      expect(new Set(all.map((m) => m.contact_id)).size).toEqual(40)
      expect(all.map((m) => m.contact_id).sort()).toEqual(people.map((c) => c.id).sort())
      const rest = all.filter((m) => m.reason_step === "winner")
      expect(rest).toHaveLength(20)
      expect(rest.every((m) => m.variant === "b" && m.template_version_id === ofVariant("b")[0].template_version_id)).toBe(true)

      capture.received.length = 0
      await drain(at(NOW, 4 * 60))
      expect(received()).toHaveLength(20)
      expect(received().every((mail) => mail.subject === "Last days of the spring sale")).toBe(true)

      // An order attributed to a variant-b email: its net revenue lands on b.
      const converted = ofVariant("b")[0]
      await marketing.createConversions({
        order_id: "order_ab_1",
        contact_id: converted.contact_id,
        message_id: converted.id,
        reason_type: "campaign",
        reason_id: campaign.id,
        reason_step: "sample",
        variant: "b",
        touch: "click",
        touched_at: at(NOW, 30),
        ordered_at: at(NOW, 40),
        amount: 120,
        refunded_amount: 20,
        currency_code: "eur",
      })
      const { results } = (await api.get(`${CAMPAIGNS}/${campaign.id}/results`, admin)).data
      const variant = (key: string) => results.variants.find((v: any) => v.key === key)
      expect(variant("a")).toMatchObject({ recipients: 10, sent: 10, clicked: 1, winner: false, conversions: 0 })
      expect(variant("b")).toMatchObject({ recipients: 10, sent: 10, clicked: 3, winner: true, conversions: 1, revenue: 100 })
      expect(variant("b").click_rate).toEqual(0.3)
      expect(results.winner_send).toMatchObject({ key: "b", recipients: 20, sent: 20 })
      expect(results.total).toMatchObject({ recipients: 40, sent: 40, clicked: 4, revenue: 100, revenue_per_recipient: 2.5 })
      expect(results.series).toEqual([{ hour: "2027-06-01T12:00:00.000Z", opened: 4, clicked: 4 }])

      expect((await tick(at(NOW, 4 * 60 + 2))).finished).toEqual([campaign.id])
    })

    it("cancelling a scheduled campaign sends nothing; cancelling a sending one skips what is still queued", async () => {
      await contacts("cx", 6)
      const everyone = await segment("Everyone", byLocale(["de"]))

      const later = await createCampaign({ name: "Later", segment_ids: [everyone] })
      await schedule(later.id)
      const cancelled = (await api.post(`${CAMPAIGNS}/${later.id}/cancel`, {}, admin)).data
      expect([cancelled.campaign.status, cancelled.skipped]).toEqual(["cancelled", 0])
      await tick(NOW)
      await drain(NOW)
      expect(await messagesOf(later.id)).toEqual([])
      expect(capture.received).toEqual([])

      const now = await createCampaign({ name: "Now", segment_ids: [everyone] })
      await schedule(now.id)
      await tick(NOW)
      // One dispatcher batch of two goes out before the merchant cancels.
      await dispatchDueMessages(getContainer(), { now: NOW, limit: 2 })
      const stopped = (await api.post(`${CAMPAIGNS}/${now.id}/cancel`, {}, admin)).data
      expect([stopped.campaign.status, stopped.skipped]).toEqual(["cancelled", 4])
      await drain(at(NOW, 1))
      await tick(at(NOW, 2))

      expect(capture.received).toHaveLength(2)
      const outcome = (await messagesOf(now.id)).map((m) => [m.status, m.last_error])
      expect(outcome.filter(([status]) => status === "sent")).toHaveLength(2)
      expect(outcome.filter(([status, error]) => status === "skipped" && error === "campaign cancelled")).toHaveLength(4)
      expect((await marketing.retrieveCampaign(now.id)).status).toEqual("cancelled")

      // Once it has been sending, a campaign can be neither edited nor deleted, nor cancelled twice.
      expect((await fail(api.post(`${CAMPAIGNS}/${now.id}`, { name: "Renamed" }, admin))).status).toEqual(400)
      expect((await fail(api.delete(`${CAMPAIGNS}/${now.id}`, admin))).status).toEqual(400)
      expect((await fail(api.post(`${CAMPAIGNS}/${now.id}/cancel`, {}, admin))).status).toEqual(400)
      expect((await marketing.retrieveCampaign(now.id)).name).toEqual("Now")
    })

    it("a local-time campaign reaches each contact at that wall-clock time in their own zone", async () => {
      const [berlin] = await contacts("berlin", 1, { timezone: "Europe/Berlin" })
      const [newYork] = await contacts("newyork", 1, { timezone: "America/New_York" })
      const [unknown] = await contacts("nozone", 1)
      const [invalid] = await contacts("mars", 1, { timezone: "Mars/Olympus" })
      const everyone = await segment("Everyone", byLocale(["de"]))
      const campaign = await createCampaign({ segment_ids: [everyone] })
      await schedule(campaign.id, { scheduled_at: "2027-06-01T09:00:00Z", local_time: true })

      // 09:00 comes first at UTC+14, 14 hours before it comes in UTC.
      expect((await tick(new Date("2027-05-31T18:59:00Z"))).started).toEqual([])
      expect((await tick(new Date("2027-05-31T19:00:00Z"))).started).toEqual([{ id: campaign.id, audience: 4, queued: 4 }])
      const sendAfter = new Map((await messagesOf(campaign.id)).map((m) => [m.contact_id, new Date(m.send_after).toISOString()]))
      expect(Object.fromEntries(sendAfter)).toEqual({
        [berlin.id]: "2027-06-01T07:00:00.000Z",
        [newYork.id]: "2027-06-01T13:00:00.000Z",
        [unknown.id]: "2027-06-01T09:00:00.000Z",
        [invalid.id]: "2027-06-01T09:00:00.000Z",
      })

      await drain(new Date("2027-06-01T07:00:00Z"))
      expect(received().map((mail) => mail.to)).toEqual([berlin.email])
      await drain(new Date("2027-06-01T12:59:00Z"))
      expect(received().map((mail) => mail.to).sort()).toEqual([berlin.email, invalid.email, unknown.email].sort())
      await drain(new Date("2027-06-01T13:00:00Z"))
      expect(received()).toHaveLength(4)
    })

    it("lists, filters, edits and deletes drafts through the admin API", async () => {
      await contacts("crud", 1)
      const everyone = await segment("Everyone", byLocale(["de"]))
      const spring = await createCampaign({ name: "Spring sale", segment_ids: [everyone] })
      const summer = await createCampaign({ name: "Summer sale", segment_ids: [everyone] })
      await schedule(summer.id, { scheduled_at: "2027-07-01T09:00:00Z" })

      const list = async (query: string) =>
        (await api.get(`${CAMPAIGNS}?${query}`, admin)).data.campaigns.map((c: any) => c.name).sort()
      expect(await list("")).toEqual(["Spring sale", "Summer sale"])
      expect(await list("status=scheduled")).toEqual(["Summer sale"])
      expect(await list("q=spring")).toEqual(["Spring sale"])

      const edited = (
        await api.post(`${CAMPAIGNS}/${summer.id}`, { subject: "Summer is here", scheduled_at: "2027-07-02T09:00:00Z" }, admin)
      ).data.campaign
      expect([edited.status, edited.subject, edited.scheduled_at]).toEqual([
        "scheduled",
        "Summer is here",
        "2027-07-02T09:00:00.000Z",
      ])

      const timeless = await fail(api.post(`${CAMPAIGNS}/${summer.id}`, { scheduled_at: null }, admin))
      expect([timeless.status, timeless.data.message]).toEqual([400, expect.stringContaining("scheduled_at")])
      expect((await fail(api.delete(`${CAMPAIGNS}/${summer.id}`, admin))).status).toEqual(400)
      expect((await api.delete(`${CAMPAIGNS}/${spring.id}`, admin)).data).toEqual({
        id: spring.id,
        object: "campaign",
        deleted: true,
      })
      expect((await fail(api.get(`${CAMPAIGNS}/${spring.id}`, admin))).status).toEqual(404)
      expect(await list("")).toEqual(["Summer sale"])
    })

    it("refuses bad input with a 400 naming the field, and stores nothing", async () => {
      await contacts("bad", 1)
      const everyone = await segment("Everyone", byLocale(["de"]))
      const variants = [{ key: "a" }, { key: "b", subject: "Other" }]
      const abTest = { variants, sample_percent: 20, metric: "open_rate", decide_after_hours: 4 }
      const valid = { name: "Spring", template_id: templateId, segment_ids: [everyone] }
      const bad: [Record<string, unknown>, string][] = [
        [{ ...valid, name: "" }, "name"],
        [{ ...valid, template_id: "mkt_tpl_missing" }, "template_id"],
        [{ ...valid, segment_ids: [] }, "segment_ids"],
        [{ ...valid, segment_ids: [everyone, "mkt_seg_missing"] }, "segment_ids[1]"],
        [{ ...valid, exclude_segment_ids: ["mkt_seg_missing"] }, "exclude_segment_ids[0]"],
        [{ ...valid, exclude_segment_ids: [everyone] }, "exclude_segment_ids[0]"],
        [{ ...valid, subject: "{% if %}" }, "subject"],
        [{ ...valid, scheduled_at: "tomorrow" }, "scheduled_at"],
        [{ ...valid, segmentids: [everyone] }, "segmentids"],
        [{ ...valid, ab_test: { ...abTest, sample_percent: 60 } }, "sample_percent"],
        [{ ...valid, ab_test: { ...abTest, decide_after_hours: 200 } }, "decide_after_hours"],
        [{ ...valid, ab_test: { ...abTest, metric: "conversions" } }, "metric"],
        [{ ...valid, ab_test: { ...abTest, variants: [{ key: "a" }] } }, "variants"],
        [{ ...valid, ab_test: { ...abTest, variants: [{ key: "a" }, { key: "a", subject: "x" }] } }, "ab_test.variants[1].key"],
        [{ ...valid, ab_test: { ...abTest, variants: [{ key: "a" }, { key: "b" }] } }, "ab_test.variants[1]"],
        [
          { ...valid, ab_test: { ...abTest, variants: [{ key: "a" }, { key: "b", template_id: "mkt_tpl_missing" }] } },
          "ab_test.variants[1].template_id",
        ],
      ]
      for (const [body, field] of bad) {
        const response = await fail(api.post(CAMPAIGNS, body, admin))
        expect([field, response.status]).toEqual([field, 400])
        expect([field, response.data.message]).toEqual([field, expect.stringContaining(field)])
      }
      expect(await marketing.listCampaigns({})).toEqual([])

      const audience = await fail(api.post(`${CAMPAIGNS}/audience`, { segment_ids: ["mkt_seg_missing"] }, admin))
      expect([audience.status, audience.data.message]).toEqual([400, expect.stringContaining("segment_ids[0]")])

      const draft = await createCampaign({ segment_ids: [everyone] })
      const badUpdate = await fail(api.post(`${CAMPAIGNS}/${draft.id}`, { ab_test: { ...abTest, variants: [{ key: "a" }, { key: "b" }] } }, admin))
      expect([badUpdate.status, badUpdate.data.message]).toEqual([400, expect.stringContaining("ab_test.variants[1]")])
      expect((await marketing.retrieveCampaign(draft.id)).ab_test).toBeNull()
      expect((await fail(api.post(`${CAMPAIGNS}/mkt_cmp_missing/schedule`, {}, admin))).status).toEqual(404)

      // A mistyped year is refused, not sent at once.
      const past = await fail(api.post(`${CAMPAIGNS}/${draft.id}/schedule`, { scheduled_at: "2001-06-01T09:00:00Z" }, admin))
      expect([past.status, past.data.message]).toEqual([400, expect.stringContaining("scheduled_at: this time has passed")])
      expect((await marketing.retrieveCampaign(draft.id)).status).toEqual("draft")

      // Its segment cannot be deleted from under it: the campaign would go out to nobody.
      const inUse = await fail(api.delete(`/admin/marketing/segments/${everyone}`, admin))
      expect([inUse.status, inUse.data.message]).toEqual([400, expect.stringContaining(`campaign "${draft.name}"`)])
      expect((await marketing.retrieveSegment(everyone)).id).toEqual(everyone)
    })

    it("answers 401 without an admin", async () => {
      const routes: [string, string][] = [
        ["get", CAMPAIGNS],
        ["post", CAMPAIGNS],
        ["post", `${CAMPAIGNS}/audience`],
        ["get", `${CAMPAIGNS}/mkt_cmp_1`],
        ["post", `${CAMPAIGNS}/mkt_cmp_1`],
        ["delete", `${CAMPAIGNS}/mkt_cmp_1`],
        ["post", `${CAMPAIGNS}/mkt_cmp_1/schedule`],
        ["post", `${CAMPAIGNS}/mkt_cmp_1/cancel`],
        ["get", `${CAMPAIGNS}/mkt_cmp_1/results`],
      ]
      for (const [method, url] of routes) {
        const response = await fail(method === "post" ? api.post(url, {}) : (api as any)[method](url))
        expect([method, url, response.status]).toEqual([method, url, 401])
      }
    })

    it("a failure after starting or cancelling leaves the campaign and the outbox as they were", async () => {
      await contacts("undo", 3)
      const everyone = await segment("Everyone", byLocale(["de"]))
      const campaign = await createCampaign({ segment_ids: [everyone] })
      await schedule(campaign.id)

      const { errors } = await startThenFail(getContainer()).run({
        input: { id: campaign.id, now: NOW.getTime() },
        throwOnError: false,
      })
      expect(errors).not.toEqual([])
      const rolledBack = await marketing.retrieveCampaign(campaign.id)
      expect([rolledBack.status, rolledBack.started_at, rolledBack.audience_count]).toEqual(["scheduled", null, null])
      expect(await messagesOf(campaign.id)).toEqual([])

      await tick(NOW)
      const cancel = await cancelThenFail(getContainer()).run({
        input: { id: campaign.id, now: NOW.getTime() },
        throwOnError: false,
      })
      expect(cancel.errors).not.toEqual([])
      expect((await marketing.retrieveCampaign(campaign.id)).status).toEqual("sending")
      expect((await messagesOf(campaign.id)).map((m) => [m.status, m.last_error])).toEqual([
        ["queued", null],
        ["queued", null],
        ["queued", null],
      ])
    })
  },
})
