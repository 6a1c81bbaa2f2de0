import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { join } from "path"
import { MARKETING_MODULE } from ".."
import { CONTACT_REFRESH_FUNCTIONS, contactRefreshFunctionSql } from "../repositories/segment-context-sql"
import MarketingModuleService from "../service"

jest.setTimeout(60_000)

const bodyOf = (definition: string) => definition.slice(definition.indexOf("$fn$") + 4, definition.lastIndexOf("$fn$"))

moduleIntegrationTestRunner<MarketingModuleService>({
  moduleName: MARKETING_MODULE,
  resolve: join(__dirname, ".."),
  pathToMigrations: join(__dirname, "..", "migrations"),
  moduleOptions: { storefrontUrl: "https://shop.example.com" },
  testSuite: ({ MikroOrmWrapper, service }) => {
    const sql = async (text: string, bindings: unknown[] = []) =>
      (await MikroOrmWrapper.forkManager().getKnex().raw(text, bindings as never[])).rows

    it("the migrations install the refresh functions exactly as the code defines them", async () => {
      for (const name of Object.keys(CONTACT_REFRESH_FUNCTIONS) as (keyof typeof CONTACT_REFRESH_FUNCTIONS)[]) {
        const [installed] = await sql(
          "SELECT prosrc, proconfig, pg_get_function_identity_arguments(oid) AS args FROM pg_proc WHERE proname = ?",
          [name]
        )
        // A changed statement in segment-context-sql.ts needs a migration that replaces the function.
        expect({ name, body: installed.prosrc }).toEqual({ name, body: bodyOf(contactRefreshFunctionSql(name)) })
        expect(installed.proconfig).toEqual(["plan_cache_mode=force_generic_plan"])
        expect(installed.args.replace(/\s+/g, " ")).toEqual(
          CONTACT_REFRESH_FUNCTIONS[name].parameters.replace(/timestamptz/g, "timestamp with time zone")
        )
      }
    })

    it("writes an event's scores and memberships and reads them back", async () => {
      const [{ contact }] = await service.upsertContacts([{ email: "ada@shop.test" }])
      const [other] = await service.upsertContacts([{ email: "bob@shop.test" }]).then((r) => r.map((x) => x.contact))
      const segment = await service.createSegments({ name: "Engaged", rules: { all: [] } })
      const now = new Date("2026-06-01T10:00:00Z")
      const scores = {
        id: contact.id,
        rfm_recency: 5,
        rfm_frequency: 4,
        rfm_monetary: 3,
        rfm_segment: "champions",
        engagement_score: 42,
        engagement_points: 42.5,
        engagement_counted_at: now.toISOString(),
        lead_score: 7,
        churn_risk: 0.25,
        probability_alive: 0.75,
        predicted_orders_365: 2.5,
        predicted_value_365: 180.5,
        next_order_expected_at: "2026-07-01T10:00:00.000Z",
        scores_recheck_at: "2026-08-01T10:00:00.000Z",
        scores_due_at: "2026-06-02T10:00:00.000Z",
        scores_updated_at: now.toISOString(),
      }

      const entered = await service.applyContactChanges({
        scores: [scores],
        memberships: [{ segment_id: segment.id, entered: [contact.id, other.id], exited: [] }],
        now,
      })
      expect(entered).toEqual([{ segment_id: segment.id, entered: expect.arrayContaining([contact.id, other.id]), exited: [] }])
      // Entering again changes nothing: the open membership is kept, the count not moved twice.
      expect(
        await service.applyContactChanges({ memberships: [{ segment_id: segment.id, entered: [contact.id], exited: [] }], now })
      ).toEqual([])
      expect((await service.retrieveSegment(segment.id)).member_count).toEqual(2)

      const read = await service.readContactRefresh([contact.id, "mkt_con_missing"], {
        modelKey: "no-model-yet",
        activitySince: new Date("2026-01-01T00:00:00Z"),
      })
      expect(read.model).toBeNull()
      expect(read.segments.map((s) => s.id)).toEqual([segment.id])
      expect(read.contacts).toHaveLength(1)
      const [facts] = read.contacts.map((c) => c.facts as Record<string, unknown>)
      for (const [column, value] of Object.entries(scores)) {
        const stored = facts[column]
        expect({ column, value: column.endsWith("_at") && stored ? new Date(stored as string).toISOString() : stored }).toEqual({
          column,
          value,
        })
      }
      expect(read.contacts[0].memberships).toEqual([{ segment_id: segment.id, exited_at: null }])

      const exited = await service.applyContactChanges({
        memberships: [{ segment_id: segment.id, entered: [], exited: [contact.id] }],
        now: new Date("2026-06-02T10:00:00Z"),
      })
      expect(exited).toEqual([{ segment_id: segment.id, entered: [], exited: [contact.id] }])
      expect((await service.retrieveSegment(segment.id)).member_count).toEqual(1)
      const [closed] = await sql("SELECT exited_at FROM marketing_segment_membership WHERE contact_id = ?", [contact.id])
      expect(new Date(closed.exited_at).toISOString()).toEqual("2026-06-02T10:00:00.000Z")
    })

    it("reads the order id and data only of orders, cancellations, awarded points and the types a lead rule's property reads", async () => {
      const [{ contact }] = await service.upsertContacts([{ email: "eve@shop.test" }])
      await service.createLeadScoreRules([
        { name: "Big cart", points: 3, event_type: "cart_updated", property: { path: "total", operator: "gte", value: 50 } },
        { name: "Off", points: 1, event_type: "viewed_product", property: { path: "sku", operator: "exists" }, enabled: false },
        { name: "Signed up", points: 2, event_type: "signed_up" },
        // A type read anyway: its events must still come once.
        { name: "Big order", points: 5, event_type: "order_placed", property: { path: "total", operator: "gte", value: 50 } },
      ])
      const at = (iso: string) => new Date(iso)
      const event = (type: string, occurred_at: Date, resource_id: string | null = null) => ({
        contact_id: contact.id,
        type,
        occurred_at,
        resource_id,
        idempotency_key: `${type}:${occurred_at.toISOString()}`,
        data: { total: 80, sku: "tee", points: 4 },
      })
      await service.recordContactEvents([
        event("order_placed", at("2025-01-10T00:00:00Z"), "ord_1"),
        event("order_canceled", at("2026-03-01T00:00:00Z"), "ord_1"),
        event("lead_points", at("2026-03-02T00:00:00Z")),
        event("cart_updated", at("2026-03-03T00:00:00Z"), "cart_1"),
        event("cart_updated", at("2025-06-01T00:00:00Z"), "cart_0"),
        event("cart_abandoned", at("2025-06-02T00:00:00Z"), "cart_0"),
        event("signed_up", at("2026-03-04T00:00:00Z")),
        event("viewed_product", at("2026-03-05T00:00:00Z"), "prod_1"),
      ])

      const read = await service.readContactRefresh([contact.id], {
        modelKey: "no-model-yet",
        activitySince: new Date("2026-01-01T00:00:00Z"),
      })
      const events = read.contacts[0].events
        .map(({ type, occurred_at, resource_id, data }) => ({ type, at: new Date(occurred_at).toISOString().slice(0, 10), resource_id, data }))
        .sort((a, b) => a.at.localeCompare(b.at))
      const data = { total: 80, sku: "tee", points: 4 }
      // Orders and cancellations of all time, abandoned carts of all time, everything since the cut-off.
      expect(events).toEqual([
        { type: "order_placed", at: "2025-01-10", resource_id: "ord_1", data },
        { type: "cart_abandoned", at: "2025-06-02", resource_id: null, data: null },
        { type: "order_canceled", at: "2026-03-01", resource_id: "ord_1", data },
        { type: "lead_points", at: "2026-03-02", resource_id: null, data },
        { type: "cart_updated", at: "2026-03-03", resource_id: "cart_1", data },
        { type: "signed_up", at: "2026-03-04", resource_id: null, data: null },
        { type: "viewed_product", at: "2026-03-05", resource_id: null, data: null },
      ])
    })
  },
})
