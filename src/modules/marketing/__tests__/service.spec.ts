import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { join } from "path"
import { MARKETING_MODULE } from ".."
import MarketingModuleService from "../service"

jest.setTimeout(60_000)

const order = (contact_id: string, id: string, total: number, extra: Record<string, unknown> = {}) => ({
  contact_id,
  type: "order_placed",
  idempotency_key: `order_placed:${id}`,
  occurred_at: (extra.at as string) ?? "2026-01-10T10:00:00Z",
  resource_type: "order",
  resource_id: id,
  data: {
    order_id: id,
    currency_code: (extra.currency as string) ?? "eur",
    total,
    product_ids: (extra.products as string[]) ?? ["prod_1"],
    category_ids: (extra.categories as string[]) ?? ["pcat_1"],
  },
})

moduleIntegrationTestRunner<MarketingModuleService>({
  moduleName: MARKETING_MODULE,
  resolve: join(__dirname, ".."),
  pathToMigrations: join(__dirname, "..", "migrations"),
  moduleOptions: { storefrontUrl: "https://shop.example.com" },
  testSuite: ({ service }) => {
    describe("upsertContacts", () => {
      it("keys contacts by lower-cased email and fills only the fields given", async () => {
        const [first] = await service.upsertContacts([
          { email: " Ana@Example.com", first_name: "Ana" },
        ])
        expect(first.created).toBe(true)
        expect(first.contact.email).toEqual("ana@example.com")

        const [second] = await service.upsertContacts([
          { email: "ANA@example.com", last_name: "Lima", first_name: undefined },
        ])
        expect(second.created).toBe(false)
        expect(second.contact.id).toEqual(first.contact.id)
        expect(second.previous).toEqual({ last_name: null })
        const stored = await service.retrieveContact(first.contact.id)
        expect([stored.first_name, stored.last_name]).toEqual(["Ana", "Lima"])
      })

      it("creates one contact when the same new email arrives concurrently", async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, () => service.upsertContacts([{ email: "race@example.com" }]))
        )
        const ids = new Set(results.map(([r]) => r.contact.id))
        expect(ids.size).toEqual(1)
        expect(await service.listContacts({ email: "race@example.com" })).toHaveLength(1)
      })

      it("follows a customer's email change, and joins an existing guest contact of the new email", async () => {
        await service.upsertContacts([{ email: "old@example.com", customer_id: "cus_1" }])
        const [moved] = await service.upsertContacts([{ email: "new@example.com", customer_id: "cus_1" }])
        expect(moved.contact.email).toEqual("new@example.com")

        const [guest] = await service.upsertContacts([{ email: "guest@example.com" }])
        const [joined] = await service.upsertContacts([
          { email: "guest@example.com", customer_id: "cus_1" },
        ])
        expect(joined.contact.id).toEqual(guest.contact.id)
        expect(joined.contact.customer_id).toEqual("cus_1")
        const [former] = await service.listContacts({ email: "new@example.com" })
        expect(former.customer_id).toBeNull()
      })

      it("with fill_missing, fills empty identity fields but keeps stored ones", async () => {
        await service.upsertContacts([{ email: "fill@example.com", first_name: "Ana" }])
        const [result] = await service.upsertContacts([
          { email: "fill@example.com", first_name: "Gift", last_name: "Lima", fill_missing: true },
        ])
        expect([result.contact.first_name, result.contact.last_name]).toEqual(["Ana", "Lima"])
      })

      it("rejects an empty email", async () => {
        await expect(service.upsertContacts([{ email: "  " }])).rejects.toThrow("email is required")
      })
    })

    describe("recordContactEvents", () => {
      it("records each idempotency key once and returns only new events", async () => {
        const [{ contact }] = await service.upsertContacts([{ email: "e@example.com" }])
        const event = { contact_id: contact.id, type: "signed_up", idempotency_key: "signed_up:cus_9" }
        expect(await service.recordContactEvents([event])).toHaveLength(1)
        expect(await service.recordContactEvents([event, { ...event, idempotency_key: "x:1" }])).toEqual([
          expect.objectContaining({ idempotency_key: "x:1", contact_id: contact.id }),
        ])
        expect(await service.listContactEvents({ contact_id: contact.id })).toHaveLength(2)
      })
    })

    describe("refreshContactFacts", () => {
      // `order_times` is a column of the table, not of the data model: read as an event's re-check reads it.
      const orderTimes = async (contactId: string) => {
        const { contacts } = await service.readContactRefresh([contactId], { modelKey: "none", activitySince: new Date() })
        return (contacts[0].facts as { order_times?: string[] }).order_times
      }

      it("derives facts from orders, cancellations and refunds, keeping other currencies apart", async () => {
        const [{ contact }] = await service.upsertContacts([{ email: "f@example.com" }])
        await service.recordContactEvents([
          order(contact.id, "order_1", 100, { at: "2026-01-01T10:00:00Z", products: ["prod_a"] }),
          order(contact.id, "order_2", 50, { at: "2026-02-01T10:00:00Z", products: ["prod_b"], categories: ["pcat_2"] }),
          order(contact.id, "order_3", 80, { at: "2026-03-01T10:00:00Z", currency: "usd", products: ["prod_c"] }),
          order(contact.id, "order_4", 999, { at: "2026-04-01T10:00:00Z" }),
          {
            contact_id: contact.id,
            type: "order_canceled",
            idempotency_key: "order_canceled:order_4",
            resource_id: "order_4",
            data: { order_id: "order_4" },
          },
          {
            contact_id: contact.id,
            type: "refund",
            idempotency_key: "refund:ref_1",
            resource_id: "ref_1",
            data: { order_id: "order_2", amount: 20, currency_code: "eur" },
          },
        ])
        await service.refreshContactFacts([contact.id], "eur")
        const facts = await service.retrieveContact(contact.id)
        expect(facts.orders_count).toEqual(3)
        expect(Number(facts.total_spent)).toEqual(130)
        expect(Number(facts.average_order_value)).toEqual(65)
        expect(facts.spent_by_currency).toEqual({ eur: 130, usd: 80 })
        expect(facts.currency_code).toEqual("eur")
        expect(facts.first_order_at).toEqual(new Date("2026-01-01T10:00:00Z"))
        expect(facts.last_order_at).toEqual(new Date("2026-03-01T10:00:00Z"))
        expect(facts.product_ids).toEqual(["prod_a", "prod_b", "prod_c"])
        expect(facts.category_ids).toEqual(["pcat_1", "pcat_2"])
        // Oldest first, the canceled order left out.
        expect(await orderTimes(contact.id)).toEqual(["2026-01-01T10:00:00+00:00", "2026-02-01T10:00:00+00:00", "2026-03-01T10:00:00+00:00"])
      })

      it("is idempotent and resets facts when no order remains", async () => {
        const [{ contact }] = await service.upsertContacts([{ email: "g@example.com" }])
        const [placed] = await service.recordContactEvents([order(contact.id, "order_9", 40)])
        await service.refreshContactFacts([contact.id], "eur")
        await service.refreshContactFacts([contact.id], "eur")
        expect((await service.retrieveContact(contact.id)).orders_count).toEqual(1)

        await service.removeContactEvents([placed.id])
        await service.refreshContactFacts([contact.id], "eur")
        const facts = await service.retrieveContact(contact.id)
        expect([facts.orders_count, Number(facts.total_spent), facts.last_order_at]).toEqual([0, 0, null])
        expect(facts.product_ids).toEqual([])
        expect(await orderTimes(contact.id)).toEqual([])
      })

      it("never lets refunds push spend below zero", async () => {
        const [{ contact }] = await service.upsertContacts([{ email: "h@example.com" }])
        await service.recordContactEvents([
          order(contact.id, "order_5", 10),
          {
            contact_id: contact.id,
            type: "refund",
            idempotency_key: "refund:ref_big",
            data: { order_id: "order_5", amount: 25, currency_code: "eur" },
          },
        ])
        await service.refreshContactFacts([contact.id], "eur")
        expect(Number((await service.retrieveContact(contact.id)).total_spent)).toEqual(0)
      })
    })

    describe("tracked carts", () => {
      const at = (iso: string) => new Date(iso)

      it("moves activity forward only and re-opens an abandoned cart on new activity", async () => {
        await service.trackCarts([{ cart_id: "cart_1", item_count: 1, activity_at: at("2026-05-01T10:00:00Z"), email: "C@Example.com" }])
        await service.trackCarts([{ cart_id: "cart_1", item_count: 9, activity_at: at("2026-05-01T09:00:00Z") }])
        let [row] = await service.listTrackedCarts({ cart_id: "cart_1" })
        expect([row.item_count, row.last_activity_at, row.email]).toEqual([1, at("2026-05-01T10:00:00Z"), "c@example.com"])

        const settled = await service.settleTrackedCarts([
          { id: row.id, status: "abandoned", activity_at: row.last_activity_at, expected_activity_at: row.last_activity_at },
        ])
        expect(settled).toHaveLength(1)
        ;[row] = await service.listTrackedCarts({ cart_id: "cart_1" })
        expect(row.status).toEqual("abandoned")

        await service.trackCarts([{ cart_id: "cart_1", item_count: 2, activity_at: at("2026-05-02T10:00:00Z") }])
        ;[row] = await service.listTrackedCarts({ cart_id: "cart_1" })
        expect([row.status, row.item_count]).toEqual(["active", 2])
      })

      it("settles a cart once when two sweeps race, and lists only idle active carts", async () => {
        await service.trackCarts([
          { cart_id: "cart_a", item_count: 1, activity_at: at("2026-05-01T08:00:00Z") },
          { cart_id: "cart_b", item_count: 1, activity_at: at("2026-05-01T11:30:00Z") },
        ])
        const candidates = await service.listAbandonmentCandidates(at("2026-05-01T11:00:00Z"), 10)
        expect(candidates.map((c) => c.cart_id)).toEqual(["cart_a"])
        const [a] = candidates
        const settle = () =>
          service.settleTrackedCarts([
            { id: a.id, status: "abandoned", activity_at: a.last_activity_at, expected_activity_at: a.last_activity_at },
          ])
        const results = await Promise.all([settle(), settle(), settle()])
        expect(results.flat()).toHaveLength(1)
        expect(await service.listAbandonmentCandidates(at("2026-05-01T11:00:00Z"), 10)).toEqual([])
      })

      it("keeps completed carts completed", async () => {
        await service.trackCarts([{ cart_id: "cart_c", item_count: 1, activity_at: at("2026-05-01T08:00:00Z"), completed: true }])
        await service.trackCarts([{ cart_id: "cart_c", item_count: 1, activity_at: at("2026-05-03T08:00:00Z") }])
        const [row] = await service.listTrackedCarts({ cart_id: "cart_c" })
        expect(row.status).toEqual("completed")
      })
    })

    describe("consent and erasure", () => {
      it("records consent evidence and erases identifying data but keeps aggregates", async () => {
        const [{ contact }] = await service.upsertContacts([
          { email: "z@example.com", first_name: "Zed", phone: "+49 30 1234" },
        ])
        await service.updateConsent({
          contact_id: contact.id,
          status: "subscribed",
          source: "checkout",
          ip: "203.0.113.9",
          consent_text: "Send me news",
        })
        await service.recordContactEvents([
          order(contact.id, "order_z", 70),
          { contact_id: contact.id, type: "cart_updated", idempotency_key: "cart_updated:z", data: { email: "z@example.com" } },
        ])
        await service.refreshContactFacts([contact.id], "eur")
        await service.eraseContacts([contact.id])

        const erased = await service.retrieveContact(contact.id)
        const text = JSON.stringify(erased)
        for (const secret of ["z@example.com", "Zed", "1234", "203.0.113.9", "Send me news"]) {
          expect(text).not.toContain(secret)
        }
        expect(erased.orders_count).toEqual(1)
        expect(Number(erased.total_spent)).toEqual(70)
        const events = await service.listContactEvents({ contact_id: contact.id })
        expect(JSON.stringify(events)).not.toContain("z@example.com")
      })
    })

    describe("touchContacts", () => {
      it("moves activity times forward only and returns the times it replaced", async () => {
        const [{ contact }] = await service.upsertContacts([{ email: "t@example.com" }])
        const at = (iso: string) => new Date(iso)
        expect(
          await service.touchContacts([
            { contact_id: contact.id, last_seen_at: at("2026-05-01T10:00:00Z") },
            { contact_id: contact.id, last_seen_at: at("2026-05-02T10:00:00Z"), last_cart_at: at("2026-05-02T09:00:00Z") },
          ])
        ).toEqual([{ id: contact.id, last_seen_at: null, last_cart_at: null }])

        const older = await service.touchContacts([
          { contact_id: contact.id, last_seen_at: at("2026-04-01T10:00:00Z"), last_cart_at: at("2026-04-01T10:00:00Z") },
        ])
        expect(older).toEqual([])
        const stored = await service.retrieveContact(contact.id)
        expect([stored.last_seen_at, stored.last_cart_at]).toEqual([
          at("2026-05-02T10:00:00Z"),
          at("2026-05-02T09:00:00Z"),
        ])
      })
    })

    describe("job state", () => {
      it("saves one row per key when several writers race, last write winning", async () => {
        await Promise.all(
          [1, 2, 3, 4].map((n) => service.saveJobState({ key: "sweep", cursor: { n } }))
        )
        const states = await service.listJobStates({ key: "sweep" })
        expect(states).toHaveLength(1)
        const { state, previous } = await service.saveJobState({ key: "sweep", status: "running" })
        expect(previous).toEqual(expect.objectContaining({ id: states[0].id, cursor: states[0].cursor }))
        expect(state).toEqual(expect.objectContaining({ status: "running", cursor: states[0].cursor }))
      })
    })

    describe("updates of JSON columns", () => {
      const group = {
        match: "all",
        rules: [{ field: "orders_count", operator: "gte", value: 2 }],
      }
      const condition = { field: "email", operator: "exists" }

      it("store a segment's rules exactly as given, not merged into the stored ones", async () => {
        const segment = await service.createSegments({ name: "Repeat buyers", rules: group })
        const updated = await service.updateSegments({ id: segment.id, rules: condition, description: "Anyone" })
        expect(updated.rules).toEqual(condition)
        expect(updated.description).toEqual("Anyone")
        expect((await service.retrieveSegment(segment.id)).rules).toEqual(condition)

        const [listed] = await service.updateSegments([{ id: segment.id, rules: group }])
        expect(listed.rules).toEqual(group)
      })

      it("write the rules and the other fields together or not at all", async () => {
        const segment = await service.createSegments({ name: "Repeat buyers", rules: group })
        await expect(service.updateSegments({ id: segment.id, rules: condition, name: null })).rejects.toThrow()
        const stored = await service.retrieveSegment(segment.id)
        expect([stored.name, stored.rules]).toEqual(["Repeat buyers", group])
      })
    })

    describe("options", () => {
      it("applies defaults to the validated options", async () => {
        expect(await service.getOptions()).toEqual({
          storefrontUrl: "https://shop.example.com",
          abandonedCartAfterMinutes: 60,
          abandonedCartMaxAgeHours: 168,
          backfillOnStart: false,
          backfillPageSize: 250,
          webhooks: {},
          flows: { steps: [], triggers: [] },
        })
      })
    })
  },
})
