import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { MarketingEvents } from "../../src/types"
import { recheckSegmentBoundaries } from "../../src/workflows/segments"
import { adminHeaders } from "../helpers/auth"

jest.setTimeout(240_000)

const DAY = 86_400_000
// Far ahead of the real clock, so the app's own minute ticks never overtake the test's.
const T0 = new Date("2027-06-01T12:00:00.000Z")
const at = (days: number) => new Date(T0.getTime() + days * DAY)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("moves contacts across time boundaries as days pass, re-checking only those whose boundary passed", async () => {
      const container = getContainer()
      const admin = await adminHeaders(api, container)
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
      const events: { name: string; segment_id: string; contact_id: string }[] = []
      for (const name of [MarketingEvents.SEGMENT_ENTERED, MarketingEvents.SEGMENT_EXITED]) {
        container.resolve(Modules.EVENT_BUS).subscribe(
          name,
          async ({ data }: any) => {
            events.push({ name, ...data })
          },
          { subscriberId: `test-${name}` }
        )
      }

      const contact = async (email: string, facts: Record<string, unknown>) => {
        const [{ contact }] = await marketing.upsertContacts([{ email }])
        await marketing.updateContacts({ id: contact.id, ...facts })
        return contact.id
      }
      const lapsing = await contact("lapsing@example.com", { orders_count: 1, last_order_at: at(-89.5) })
      const recent = await contact("recent@example.com", { orders_count: 1, last_order_at: at(-10) })
      const birthday = await contact("birthday@example.com", { birth_date: "1990-06-02" })

      const post = async (name: string, rule: unknown) =>
        (await api.post("/admin/marketing/segments", { name, rules: rule }, admin)).data.segment.id as string
      const lapsed = await post("No order in 90 days", {
        type: "field",
        field: "last_order_at",
        operator: "more_than_ago",
        value: { amount: 90, unit: "days" },
      })
      const birthdays = await post("Birthday today", {
        type: "field",
        field: "birth_date",
        operator: "anniversary_within",
        value: { days: 0 },
      })
      const members = async (segmentId: string) =>
        (await marketing.listSegmentMemberships({ segment_id: segmentId, exited_at: null })).map((m) => m.contact_id).sort()

      // The first check has no watermark to start from: it rebuilds, as of T0.
      expect(await recheckSegmentBoundaries(container, { now: T0 })).toMatchObject({ mode: "full" })
      expect(await members(lapsed)).toEqual([])
      expect(await members(birthdays)).toEqual([])

      // Written without an event, and long lapsed: only a rebuild would find it.
      const unseen = await contact("unseen@example.com", { orders_count: 1, last_order_at: at(-200) })

      const nextDay = await recheckSegmentBoundaries(container, { now: at(1) })
      expect(nextDay.mode).toEqual("candidates")
      expect(await members(lapsed)).toEqual([lapsing])
      expect(await members(birthdays)).toEqual([birthday])
      expect(await members(lapsed)).not.toContain(unseen)
      expect(nextDay.contacts).toBeLessThanOrEqual(2)
      expect(await members(lapsed)).not.toContain(recent)
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(events).toEqual(
        expect.arrayContaining([
          { name: MarketingEvents.SEGMENT_ENTERED, segment_id: lapsed, contact_id: lapsing },
          { name: MarketingEvents.SEGMENT_ENTERED, segment_id: birthdays, contact_id: birthday },
        ])
      )

      // The birthday passes; the lapsed contact stays lapsed.
      await recheckSegmentBoundaries(container, { now: at(2) })
      expect(await members(birthdays)).toEqual([])
      expect(await members(lapsed)).toEqual([lapsing])
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(events).toContainEqual({ name: MarketingEvents.SEGMENT_EXITED, segment_id: birthdays, contact_id: birthday })
    })
  },
})
