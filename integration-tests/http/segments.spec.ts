import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { MarketingEvents } from "../../src/types"
import { subscribeContactWorkflow } from "../../src/workflows/contacts"
import { GROUPED_MEMBERSHIP_EVENTS } from "../../src/workflows/segments"
import { adminHeaders } from "../helpers/auth"
import { checkout, createCartWithItem } from "../helpers/checkout"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { until } from "../helpers/until"

jest.setTimeout(240_000)

const boughtRecently = {
  type: "group",
  match: "all",
  rules: [{ type: "orders", count: { operator: "gte", value: 1 }, within: { amount: 30, unit: "days" } }],
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let fixture: StoreFixture
    let marketing: MarketingModuleService
    let entered: { segment_id: string; contact_id: string }[] = []
    let listening = false

    beforeEach(async () => {
      const container = getContainer()
      admin = await adminHeaders(api, container)
      fixture = await createStoreFixture(container)
      marketing = container.resolve(MARKETING_MODULE)
      entered = []
      // The app lives across tests: one listener for all of them.
      if (!listening) {
        listening = true
        container.resolve(Modules.EVENT_BUS).subscribe(
          MarketingEvents.SEGMENT_ENTERED,
          async ({ data }: any) => {
            entered.push(data)
          },
          { subscriberId: "test-segment-entered" }
        )
      }
    })

    const fail = (promise: Promise<any>) => promise.catch((e: any) => e.response)

    it("refuses bad rules with a 400 naming the node, and stores nothing", async () => {
      const badOperator = await fail(
        api.post(
          "/admin/marketing/segments",
          {
            name: "Broken",
            rules: {
              type: "group",
              match: "all",
              rules: [
                { type: "field", field: "orders_count", operator: "gte", value: 2 },
                { type: "field", field: "total_spent", operator: "contains", value: "x" },
              ],
            },
          },
          admin
        )
      )
      expect(badOperator.status).toEqual(400)
      expect(badOperator.data.message).toContain("rules[1].operator")

      const unknownField = await fail(
        api.post(
          "/admin/marketing/segments",
          { name: "Broken", rules: { type: "field", field: "shoe_size", operator: "eq", value: 42 } },
          admin
        )
      )
      expect(unknownField.status).toEqual(400)
      expect(unknownField.data.message).toContain("field")

      const missingSegment = await fail(
        api.post("/admin/marketing/segments", { name: "Broken", rules: { type: "segment", segment_id: "mkt_seg_nope", in: true } }, admin)
      )
      expect(missingSegment.status).toEqual(400)
      expect(await marketing.listSegments({})).toEqual([])

      // Names tell segments apart in every picker.
      const valid = { type: "field", field: "consent_status", operator: "eq", value: "subscribed" }
      const first = (await api.post("/admin/marketing/segments", { name: "Subscribers", rules: valid }, admin)).data.segment
      const twin = await fail(api.post("/admin/marketing/segments", { name: " Subscribers ", rules: valid }, admin))
      expect([twin.status, twin.data.message]).toEqual([400, expect.stringContaining('name: a segment named "Subscribers"')])
      const other = (await api.post("/admin/marketing/segments", { name: "Others", rules: valid }, admin)).data.segment
      const renamed = await fail(api.post(`/admin/marketing/segments/${other.id}`, { name: "Subscribers" }, admin))
      expect(renamed.status).toEqual(400)
      expect((await api.post(`/admin/marketing/segments/${first.id}`, { name: "Subscribers", description: "Same name" }, admin)).status).toEqual(200)
      expect((await marketing.listSegments({})).map((segment) => segment.name).sort()).toEqual(["Others", "Subscribers"])
      // Two saves racing to one name: the database keeps one, and the other gets the same 400.
      const racing = await Promise.all(
        [1, 2, 3].map(() => api.post("/admin/marketing/segments", { name: "Racers", rules: valid }, admin).catch((e) => e.response))
      )
      expect(racing.map((response) => response.status).sort()).toEqual([201, 400, 400])
      expect(racing.find((response) => response.status === 400).data.message).toContain('name: a segment named "Racers"')
      expect(await marketing.listSegments({ name: "Racers" })).toHaveLength(1)

      expect((await fail(api.get("/admin/marketing/segments"))).status).toEqual(401)
    })

    it("an order through a real checkout moves the buyer into 'bought in the last 30 days' and emits marketing.segment_entered", async () => {
      const { data } = await api.post("/admin/marketing/segments", { name: "Bought recently", rules: boughtRecently }, admin)
      const segment = data.segment
      expect(segment.member_count).toEqual(0)

      const order = await checkout(api, fixture, await createCartWithItem(api, fixture, "buyer@example.com"))
      expect(order.id).toBeTruthy()
      const contact = (await marketing.findContactByEmail("buyer@example.com"))!

      await until(async () => entered.some((e) => e.contact_id === contact.id), Boolean, "the segment_entered event")
      expect(entered).toEqual([{ segment_id: segment.id, contact_id: contact.id }])
      const refreshed = (await api.get(`/admin/marketing/segments/${segment.id}`, admin)).data.segment
      expect(refreshed.member_count).toEqual(1)

      const members = await api.get(`/admin/marketing/segments/${segment.id}/members`, admin)
      expect(members.data.members.map((m: any) => m.email)).toEqual(["buyer@example.com"])
      const csv = await api.get(`/admin/marketing/segments/${segment.id}/members?format=csv`, admin)
      expect(csv.headers["content-type"]).toContain("text/csv")
      expect(csv.data.split("\n")[1]).toContain('"buyer@example.com"')
    })

    it("the workflow that changed a contact has re-checked its segments when it returns, and a failed re-check keeps the change", async () => {
      const container = getContainer()
      const rules = { type: "field", field: "email", operator: "starts_with", value: "inline-" }
      const { segment } = (await api.post("/admin/marketing/segments", { name: "Inline", rules }, admin)).data
      const members = async () => (await api.get(`/admin/marketing/segments/${segment.id}/members`, admin)).data.members

      // No waiting: the sign-up's own workflow re-checked the new contact.
      await subscribeContactWorkflow(container).run({ input: { email: "inline-first@example.com" } })
      expect((await members()).map((m: any) => m.email)).toEqual(["inline-first@example.com"])

      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
      const logged = jest.spyOn(logger, "error")
      let errors: string[]
      await pg.raw("ALTER FUNCTION marketing_contact_refresh RENAME TO marketing_contact_refresh_away")
      try {
        await subscribeContactWorkflow(container).run({ input: { email: "inline-second@example.com" } })
      } finally {
        await pg.raw("ALTER FUNCTION marketing_contact_refresh_away RENAME TO marketing_contact_refresh")
        errors = logged.mock.calls.map(([message]) => String(message))
        logged.mockRestore()
      }
      expect(await marketing.findContactByEmail("inline-second@example.com")).toBeTruthy()
      expect(errors).toContainEqual(expect.stringContaining("re-checking the segments of"))
      expect((await members()).map((m: any) => m.email)).toEqual(["inline-first@example.com"])

      // The next change to the contact brings its segments up to date.
      await subscribeContactWorkflow(container).run({ input: { email: "inline-second@example.com" } })
      expect((await members()).map((m: any) => m.email).sort()).toEqual(["inline-first@example.com", "inline-second@example.com"])
    })

    it("a canceled order takes the buyer out of 'ever bought the product', in the segment and in previews", async () => {
      const everBought = { type: "orders", count: { operator: "gte", value: 1 }, product_ids: [fixture.productId] }
      const fromCategory = { type: "orders", count: { operator: "gte", value: 1 }, category_ids: [fixture.categoryId] }
      const { segment } = (await api.post("/admin/marketing/segments", { name: "Bought the product", rules: everBought }, admin)).data
      const preview = async (rules: unknown) => (await api.post("/admin/marketing/segments/preview", { rules }, admin)).data
      const members = async () => (await api.get(`/admin/marketing/segments/${segment.id}`, admin)).data.segment.member_count

      const order = await checkout(api, fixture, await createCartWithItem(api, fixture, "returns@example.com"))
      const contact = (await marketing.findContactByEmail("returns@example.com"))!
      await until(async () => entered.some((e) => e.contact_id === contact.id), Boolean, "the segment_entered event")
      expect(await members()).toEqual(1)
      expect((await preview(everBought)).sample.map((c: any) => c.email)).toEqual(["returns@example.com"])
      expect((await preview(fromCategory)).count).toEqual(1)

      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const canceled = TestEventUtils.waitSubscribersExecution("order.canceled", eventBus, { timeout: 90_000 })
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      await canceled
      await until(members, (count) => count === 0, "the buyer to leave the segment")
      expect(await preview(everBought)).toEqual({ count: 0, sample: [] })
      expect((await preview(fromCategory)).count).toEqual(0)
    })

    it("a segment that takes in more contacts than one event group holds announces every one of them", async () => {
      const count = GROUPED_MEMBERSHIP_EVENTS + 500
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `INSERT INTO marketing_contact (id, email)
         SELECT 'mkt_con_bulk' || lpad(i::text, 6, '0'), 'bulk' || i || '@bulk.example' FROM generate_series(1, ?) AS i`,
        [count]
      )
      const rules = { type: "field", field: "email", operator: "starts_with", value: "bulk" }
      const { segment } = (await api.post("/admin/marketing/segments", { name: "Bulk", rules }, admin)).data
      expect(segment.member_count).toEqual(count)
      await until(async () => entered.filter((e) => e.segment_id === segment.id).length >= count, Boolean, "every segment_entered event", 900)
      const contacts = new Set(entered.filter((e) => e.segment_id === segment.id).map((e) => e.contact_id))
      expect(contacts.size).toEqual(count)
    })

    it("previews the count of unsaved rules, refuses a cycle, and follows edited rules at once", async () => {
      const [{ contact: ana }, { contact: bo }] = await marketing.upsertContacts([
        { email: "ana@example.com", first_name: "Ana" },
        { email: "bo@example.com", first_name: "Bo" },
      ])
      await marketing.updateConsent({ contact_id: ana.id, status: "subscribed", source: "test" })
      const subscribed = { type: "field", field: "consent_status", operator: "eq", value: "subscribed" }

      const preview = await api.post("/admin/marketing/segments/preview", { rules: subscribed }, admin)
      expect(preview.data.count).toEqual(1)
      expect(preview.data.sample.map((c: any) => c.email)).toEqual(["ana@example.com"])
      // Lists, time windows and ids travel as statement parameters.
      const neverOrdered = await api.post(
        "/admin/marketing/segments/preview",
        {
          rules: {
            type: "group",
            match: "all",
            rules: [
              { type: "field", field: "first_name", operator: "in", value: ["Ana", "Bo", "O'Neil"] },
              { type: "orders", count: { operator: "eq", value: 0 }, within: { amount: 30, unit: "days" }, product_ids: ["prod_1"] },
            ],
          },
        },
        admin
      )
      expect(neverOrdered.data.count).toEqual(2)
      expect(neverOrdered.data.sample.map((c: any) => c.email).sort()).toEqual(["ana@example.com", "bo@example.com"])

      const a = (await api.post("/admin/marketing/segments", { name: "Subscribers", rules: subscribed }, admin)).data.segment
      expect(a.member_count).toEqual(1)
      const b = (
        await api.post(
          "/admin/marketing/segments",
          { name: "Subscribers named Ana", rules: { type: "group", match: "all", rules: [{ type: "segment", segment_id: a.id, in: true }, { type: "field", field: "first_name", operator: "eq", value: "ana" }] } },
          admin
        )
      ).data.segment
      expect(b.member_count).toEqual(1)

      const cycle = await fail(
        api.post(`/admin/marketing/segments/${a.id}`, { rules: { type: "segment", segment_id: b.id, in: true } }, admin)
      )
      expect(cycle.status).toEqual(400)
      expect(cycle.data.message).toContain("depend on themselves")
      // The builder's live preview of the edit says so before saving.
      const cyclePreview = await fail(
        api.post("/admin/marketing/segments/preview", { segment_id: a.id, rules: { type: "segment", segment_id: b.id, in: true } }, admin)
      )
      expect(cyclePreview.status).toEqual(400)
      expect(cyclePreview.data.message).toContain("depend on themselves")

      // A segment another one uses cannot be deleted from under it.
      const inUse = await fail(api.delete(`/admin/marketing/segments/${a.id}`, admin))
      expect(inUse.status).toEqual(400)
      expect(inUse.data.message).toContain('segment "Subscribers named Ana"')
      expect((await api.get(`/admin/marketing/segments/${a.id}`, admin)).data.segment.id).toEqual(a.id)

      // Rules are stored exactly as saved: a group turned into one condition keeps no `match` or `rules`.
      const single = { type: "field", field: "consent_status", operator: "eq", value: "subscribed" }
      const grouped = await api.post(`/admin/marketing/segments/${a.id}`, { rules: { type: "group", match: "any", rules: [single] } }, admin)
      expect(grouped.data.segment.rules).toEqual({ type: "group", match: "any", rules: [single] })
      const flattened = await api.post(`/admin/marketing/segments/${a.id}`, { rules: single }, admin)
      expect(flattened.data.segment.rules).toEqual(single)
      expect((await marketing.retrieveSegment(a.id)).rules).toEqual(single)

      // Widening the rule lets Bo in at once.
      const widened = await api.post(
        `/admin/marketing/segments/${a.id}`,
        { rules: { type: "field", field: "consent_status", operator: "in", value: ["subscribed", "never"] } },
        admin
      )
      expect(widened.data.segment.member_count).toEqual(2)
      // Renaming keeps the rules.
      const renamed = await api.post(`/admin/marketing/segments/${a.id}`, { name: "Newsletter audience" }, admin)
      expect(renamed.data.segment.rules.operator).toEqual("in")
      expect(renamed.data.segment.member_count).toEqual(2)
      const memberships = await marketing.listSegmentMemberships({ segment_id: a.id, exited_at: null })
      expect(memberships.map((m) => m.contact_id).sort()).toEqual([ana.id, bo.id].sort())
    })
  },
})
