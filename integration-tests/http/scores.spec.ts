import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { explainContactScoresNow, refreshAllSegments, refreshScores, scoreContactsWorkflow } from "../../src/workflows/scores"
import {
  createSegmentWorkflow,
  refreshContactsStep,
  RefreshContactsInput,
  refreshContactsWorkflow,
} from "../../src/workflows/segments"
import { adminHeaders } from "../helpers/auth"

jest.setTimeout(240_000)

const failStep = createStep("test-refresh-contacts-fail", async () => {
  throw new Error("a later step failed")
})
const refreshThenFail = createWorkflow("test-refresh-contacts-then-fail", (input: RefreshContactsInput) => {
  refreshContactsStep(input)
  failStep()
  return new WorkflowResponse(null)
})

const NOW = new Date("2027-06-01T12:00:00Z")
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let marketing: MarketingModuleService

    beforeEach(async () => {
      marketing = getContainer().resolve(MARKETING_MODULE)
    })

    // Buyers from the best (recent, frequent, big spender) to the lapsed.
    const BUYERS = [
      { email: "best@example.com", orders: 12, spent: 1800, first: 400, last: 3 },
      { email: "good@example.com", orders: 6, spent: 700, first: 300, last: 20 },
      { email: "mid@example.com", orders: 3, spent: 240, first: 200, last: 60 },
      { email: "new@example.com", orders: 1, spent: 60, first: 5, last: 5 },
      { email: "gone@example.com", orders: 2, spent: 90, first: 700, last: 500 },
    ]

    const seed = async () => {
      const results = await marketing.upsertContacts([
        ...BUYERS.map((b) => ({ email: b.email })),
        { email: "browser@example.com" },
      ])
      const byEmail = new Map(results.map((r) => [r.contact.email, r.contact]))
      for (const b of BUYERS) {
        await marketing.updateContacts({
          id: byEmail.get(b.email)!.id,
          orders_count: b.orders,
          total_spent: b.spent,
          average_order_value: b.spent / b.orders,
          currency_code: "eur",
          first_order_at: daysAgo(b.first),
          last_order_at: daysAgo(b.last),
        })
      }
      return byEmail
    }

    it("scores every contact with explanations, and a segment on the RFM group follows the scores", async () => {
      const contacts = await seed()
      const champions = await createSegmentWorkflow(getContainer()).run({
        input: { name: "Champions", rules: { type: "field", field: "rfm_segment", operator: "eq", value: "champions" } },
      })

      const result = await refreshScores(getContainer(), { now: NOW })
      expect(result).toEqual({ contacts: 6, model: "median_gap" })

      const best = await marketing.retrieveContact(contacts.get("best@example.com")!.id)
      expect([best.rfm_recency, best.rfm_frequency, best.rfm_monetary]).toEqual([5, 5, 5])
      expect(best.rfm_segment).toEqual("champions")
      expect(best.churn_risk).toBeLessThan(0.5)
      expect(best.predicted_orders_365).toBeGreaterThan(0)
      const why = async (id: string) => (await explainContactScoresNow(marketing, id, NOW))!.explanation
      expect((await why(best.id)).rfm[0]).toMatch(/^Recency 5: last order 3 days ago/)

      const gone = await marketing.retrieveContact(contacts.get("gone@example.com")!.id)
      expect(gone.rfm_recency).toEqual(1)
      expect(gone.churn_risk!).toBeGreaterThan(best.churn_risk!)

      const browser = await marketing.retrieveContact(contacts.get("browser@example.com")!.id)
      expect(browser.rfm_segment).toBeNull()
      expect((await why(browser.id)).rfm).toEqual(["No RFM score: the contact has no order yet."])

      const members = await marketing.listSegmentMemberships({ segment_id: champions.result.id, exited_at: null })
      expect(members.map((m) => m.contact_id)).toEqual([best.id])

      // The contact API shows the scores and why.
      const admin = await adminHeaders(api, getContainer())
      const { data } = await api.get(`/admin/marketing/contacts/${best.id}`, admin)
      expect(data.contact.rfm_segment).toEqual("champions")
      expect(data.contact.score_explanation.prediction.length).toBeGreaterThan(0)
      expect(data.contact.score_explanation.rfm[0]).toMatch(new RegExp(`^Recency ${data.contact.rfm_recency}: `))
    })

    it("the score refresh refreshes the segments that read scores, and the nightly rebuild every segment", async () => {
      const contacts = await seed()
      // Stored straight through the module, so no refresh has built them yet.
      const recent = await marketing.createSegments({
        name: "Recent",
        rules: { type: "field", field: "rfm_recency", operator: "gte", value: 4 },
      })
      const buyers = await marketing.createSegments({
        name: "Buyers",
        rules: { type: "field", field: "orders_count", operator: "gte", value: 1 },
      })
      const notRecent = await marketing.createSegments({
        name: "Not recent",
        rules: { type: "segment", segment_id: recent.id, in: false },
      })
      const members = async (id: string) =>
        (await marketing.listSegmentMemberships({ segment_id: id, exited_at: null })).length

      await refreshScores(getContainer(), { now: NOW })
      const recentCount = await members(recent.id)
      expect(recentCount).toBeGreaterThan(0)
      expect(await members(notRecent.id)).toEqual(contacts.size - recentCount)
      // Nothing about buyers changed with the scores: the nightly rebuild builds it.
      expect(await members(buyers.id)).toEqual(0)

      await refreshAllSegments(getContainer())
      expect(await members(buyers.id)).toEqual(BUYERS.length)
      expect(await members(recent.id)).toEqual(recentCount)
    })

    it("the hourly refresh rebuilds the segments reading a score that changed for someone, and no other", async () => {
      await seed()
      await refreshScores(getContainer(), { now: NOW })
      // Stored straight through the module, so only a refresh fills them.
      const slipping = await marketing.createSegments({
        name: "Slipping",
        rules: { type: "field", field: "churn_risk", operator: "gte", value: 0 },
      })
      const hot = await marketing.createSegments({
        name: "Hot",
        rules: { type: "field", field: "lead_score", operator: "gte", value: 0 },
      })
      const members = async (id: string) =>
        (await marketing.listSegmentMemberships({ segment_id: id, exited_at: null })).length

      // 45 days on, churn risk has moved for the buyers; no lead score can have.
      await refreshScores(getContainer(), { now: new Date(NOW.getTime() + 45 * 86_400_000) })
      expect(await members(slipping.id)).toEqual(BUYERS.length)
      expect(await members(hot.id)).toEqual(0)

      // Counting from the events rebuilds every segment that reads a score.
      await refreshScores(getContainer(), { now: new Date(NOW.getTime() + 46 * 86_400_000), fromEvents: true })
      expect(await members(hot.id)).toEqual(BUYERS.length + 1)
    })

    it("a lead-score rule counts the events that match it, scored against the stored model", async () => {
      const contacts = await seed()
      await refreshScores(getContainer(), { now: NOW })
      await marketing.createLeadScoreRules({ name: "Big order", points: 25, event_type: "order_placed",
        property: { path: "total", operator: "gte", value: 100 } })

      const mid = contacts.get("mid@example.com")!
      await marketing.recordContactEvents([
        { contact_id: mid.id, type: "order_placed", idempotency_key: "lead:1", occurred_at: new Date(), data: { total: 180 } },
        { contact_id: mid.id, type: "order_placed", idempotency_key: "lead:2", occurred_at: new Date(), data: { total: 40 } },
      ])
      await scoreContactsWorkflow(getContainer()).run({ input: { contact_ids: [mid.id] } })

      const scored = await marketing.retrieveContact(mid.id)
      expect(scored.lead_score).toEqual(25)
      expect((await explainContactScoresNow(marketing, mid.id))!.explanation.lead_score.join(" ")).toContain("Big order")
    })

    it("an event's contact is rescored and moved through dependent segments in one pass, and a later failure puts both back", async () => {
      const contacts = await seed()
      await refreshScores(getContainer(), { now: NOW })
      await marketing.createLeadScoreRules({ name: "Big order", points: 25, event_type: "order_placed",
        property: { path: "total", operator: "gte", value: 100 } })
      const hot = await createSegmentWorkflow(getContainer()).run({
        input: { name: "Hot leads", rules: { type: "field", field: "lead_score", operator: "gte", value: 25 } },
      })
      const cold = await createSegmentWorkflow(getContainer()).run({
        input: { name: "Not hot", rules: { type: "segment", segment_id: hot.result.id, in: false } },
      })
      const mid = contacts.get("mid@example.com")!
      const segmentsOf = async (contactId: string) =>
        (await marketing.listSegmentMemberships({ contact_id: contactId, exited_at: null }))
          .map((m) => m.segment_id)
          .sort()
      expect(await segmentsOf(mid.id)).toEqual([cold.result.id])
      const before = await marketing.retrieveContact(mid.id)

      await marketing.recordContactEvents([
        { contact_id: mid.id, type: "order_placed", idempotency_key: "hot:1", occurred_at: new Date(), data: { total: 180 } },
      ])

      const { errors } = await refreshThenFail(getContainer()).run({
        input: { contact_ids: [mid.id] },
        throwOnError: false,
      })
      expect(errors).not.toEqual([])
      const undone = await marketing.retrieveContact(mid.id)
      expect([undone.lead_score, undone.scores_updated_at]).toEqual([
        before.lead_score,
        before.scores_updated_at,
      ])
      expect(await segmentsOf(mid.id)).toEqual([cold.result.id])

      const { result: changes } = await refreshContactsWorkflow(getContainer()).run({
        input: { contact_ids: [mid.id] },
      })
      const scored = await marketing.retrieveContact(mid.id)
      expect(scored.lead_score).toEqual(25)
      expect((await explainContactScoresNow(marketing, mid.id))!.explanation.lead_score.join(" ")).toContain("Big order")
      expect(await segmentsOf(mid.id)).toEqual([hot.result.id])
      expect(changes.map(({ segment_id, entered, exited }) => [segment_id, entered, exited])).toEqual([
        [hot.result.id, [mid.id], []],
        [cold.result.id, [], [mid.id]],
      ])
      const counts = await marketing.listSegments({ id: [hot.result.id, cold.result.id] }, { select: ["id", "member_count"] })
      expect(Object.fromEntries(counts.map((s) => [s.id, s.member_count]))).toEqual({
        [hot.result.id]: 1,
        [cold.result.id]: 5,
      })
    })
  },
})
