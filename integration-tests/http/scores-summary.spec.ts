import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { SCORES_JOB_KEY } from "../../src/workflows/scores"
import { adminHeaders } from "../helpers/auth"

jest.setTimeout(240_000)

const SUMMARY = "/admin/marketing/scores/summary"
const DAY = 86_400_000
const daysAgo = (days: number) => new Date(Date.now() - days * DAY)

type Seeded = {
  email: string
  orders: number
  spent: number
  last?: number
  scores?: {
    rfm_segment: string
    rfm_recency: number
    rfm_frequency: number
    rfm_monetary: number
    churn_risk: number
    predicted_value_365: number
  }
}

// Five buyers with known scores and one contact who never ordered.
const PEOPLE: Seeded[] = [
  { email: "a@example.com", orders: 10, spent: 1000, last: 2, scores: { rfm_segment: "champions", rfm_recency: 5, rfm_frequency: 5, rfm_monetary: 5, churn_risk: 0.05, predicted_value_365: 500 } },
  { email: "b@example.com", orders: 5, spent: 600, last: 5, scores: { rfm_segment: "champions", rfm_recency: 5, rfm_frequency: 4, rfm_monetary: 4, churn_risk: 0.1, predicted_value_365: 300 } },
  { email: "c@example.com", orders: 4, spent: 300, last: 40, scores: { rfm_segment: "loyal", rfm_recency: 4, rfm_frequency: 4, rfm_monetary: 3, churn_risk: 0.7, predicted_value_365: 100 } },
  { email: "d@example.com", orders: 1, spent: 50, last: 600, scores: { rfm_segment: "lost", rfm_recency: 1, rfm_frequency: 1, rfm_monetary: 1, churn_risk: 1, predicted_value_365: 0 } },
  { email: "e@example.com", orders: 3, spent: 200, last: 300, scores: { rfm_segment: "at_risk", rfm_recency: 2, rfm_frequency: 3, rfm_monetary: 3, churn_risk: 0.95, predicted_value_365: 20.5 } },
  { email: "f@example.com", orders: 0, spent: 0 },
]
// Big buyers who must not count: one erased, one deleted.
const GONE: Seeded[] = [
  { email: "erased@example.com", orders: 20, spent: 9999, last: 1, scores: { rfm_segment: "champions", rfm_recency: 5, rfm_frequency: 5, rfm_monetary: 5, churn_risk: 0.5, predicted_value_365: 5000 } },
  { email: "deleted@example.com", orders: 2, spent: 777, last: 500, scores: { rfm_segment: "lost", rfm_recency: 1, rfm_frequency: 1, rfm_monetary: 2, churn_risk: 0.5, predicted_value_365: 70 } },
]

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let marketing: MarketingModuleService

    beforeEach(async () => {
      const container = getContainer()
      admin = await adminHeaders(api, container)
      marketing = container.resolve(MARKETING_MODULE)
      const storeModule = container.resolve(Modules.STORE)
      const [store] = await storeModule.listStores()
      await storeModule.updateStores(store.id, { supported_currencies: [{ currency_code: "eur", is_default: true }] })
    })

    const seed = async () => {
      const scoredAt = new Date("2027-01-01T10:00:00Z")
      const results = await marketing.upsertContacts([...PEOPLE, ...GONE].map((p) => ({ email: p.email })))
      const ids = new Map(results.map((r) => [r.contact.email, r.contact.id]))
      for (const person of [...PEOPLE, ...GONE]) {
        await marketing.updateContacts({
          id: ids.get(person.email)!,
          orders_count: person.orders,
          total_spent: person.spent,
          currency_code: "eur",
          ...(person.last !== undefined
            ? { first_order_at: daysAgo(person.last + 30 * person.orders), last_order_at: daysAgo(person.last) }
            : {}),
          ...(person.scores ? { ...person.scores, scores_updated_at: scoredAt } : {}),
        })
      }
      await marketing.updateContacts({ id: ids.get("erased@example.com")!, erased_at: new Date() })
      await marketing.softDeleteContacts(ids.get("deleted@example.com")!)
      return scoredAt
    }

    it("groups, grid and churn buckets count the live contacts' scores, and add up to the buyers", async () => {
      const scoredAt = await seed()
      const { data } = await api.get(SUMMARY, admin)
      const summary = data.summary

      expect([summary.contacts, summary.buyers, summary.grouped_buyers]).toEqual([6, 5, 5])
      expect(summary.currency_code).toEqual("eur")
      expect(summary.groups.map((g: any) => g.key)).toEqual([
        "champions", "loyal", "potential_loyalist", "new", "promising", "needs_attention",
        "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost",
      ])
      const group = (key: string) => summary.groups.find((g: any) => g.key === key)
      expect(group("champions")).toEqual({
        key: "champions",
        label: "Champions",
        description: expect.stringContaining("recently"),
        contacts: 2,
        revenue: 1600,
        average_revenue: 800,
        share_of_buyers: 0.4,
      })
      expect([group("loyal").contacts, group("loyal").revenue]).toEqual([1, 300])
      expect([group("lost").contacts, group("lost").revenue]).toEqual([1, 50])
      expect([group("at_risk").contacts, group("at_risk").revenue]).toEqual([1, 200])
      expect(group("hibernating")).toEqual(expect.objectContaining({ contacts: 0, revenue: 0, average_revenue: 0, share_of_buyers: 0 }))
      expect(sum(summary.groups.map((g: any) => g.contacts))).toEqual(5)
      expect(sum(summary.groups.map((g: any) => g.share_of_buyers))).toBeCloseTo(1)

      expect(summary.grid).toHaveLength(25)
      const filled = summary.grid.filter((cell: any) => cell.contacts > 0)
      expect(filled).toEqual([
        { recency: 1, frequency: 1, contacts: 1 },
        { recency: 2, frequency: 3, contacts: 1 },
        { recency: 4, frequency: 4, contacts: 1 },
        { recency: 5, frequency: 4, contacts: 1 },
        { recency: 5, frequency: 5, contacts: 1 },
      ])

      // 0.1 opens the second bucket, 0.7 the eighth; 1.0 closes the last.
      expect(summary.churn_risk.map((b: any) => [b.from, b.to])).toEqual(
        Array.from({ length: 10 }, (_, i) => [i / 10, (i + 1) / 10])
      )
      expect(summary.churn_risk.map((b: any) => b.contacts)).toEqual([1, 1, 0, 0, 0, 0, 0, 1, 0, 2])

      expect(summary.predicted_value_365).toBeCloseTo(920.5)
      expect(summary.last_scored_at).toEqual(scoredAt.toISOString())
      expect(summary.refresh).toEqual({ status: "idle", started_at: null, finished_at: null, error: null })
    })

    it("a refresh asked for from the admin rescores everyone in the background, and one at a time", async () => {
      await seed()
      expect((await api.post("/admin/marketing/scores/refresh", { now: "tomorrow" }, admin).catch((e: any) => e.response)).status).toEqual(400)

      const started = await api.post("/admin/marketing/scores/refresh", {}, admin)
      expect(started.status).toEqual(202)
      expect(started.data.refresh.status).toEqual("running")
      let summary: any
      for (let i = 0; i < 200; i++) {
        summary = (await api.get(SUMMARY, admin)).data.summary
        if (summary.refresh.status !== "running") {
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(summary.refresh.status).toEqual("completed")
      expect(Date.parse(summary.refresh.finished_at)).toBeGreaterThanOrEqual(Date.parse(started.data.refresh.started_at))

      // Every live buyer is in exactly one group, one cell and one bucket.
      expect([summary.contacts, summary.buyers]).toEqual([6, 5])
      expect(summary.grouped_buyers).toEqual(5)
      expect(sum(summary.groups.map((g: any) => g.contacts))).toEqual(5)
      expect(sum(summary.grid.map((c: any) => c.contacts))).toEqual(5)
      expect(sum(summary.churn_risk.map((b: any) => b.contacts))).toEqual(5)
      expect(sum(summary.groups.map((g: any) => g.revenue))).toBeCloseTo(1000 + 600 + 300 + 50 + 200)
      // The most recent, most frequent, biggest spender leads.
      const best = (await marketing.findContactByEmail("a@example.com"))!
      expect(best.rfm_segment).toEqual("champions")
      expect(summary.groups.find((g: any) => g.key === "champions").contacts).toBeGreaterThanOrEqual(1)

      // While a refresh runs, another is refused.
      await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "running", started_at: new Date() })
      const second = await api.post("/admin/marketing/scores/refresh", {}, admin).catch((e: any) => e.response)
      expect(second.status).toEqual(409)
      expect((await api.get(SUMMARY, admin)).data.summary.refresh.status).toEqual("running")
    })
  },
})
