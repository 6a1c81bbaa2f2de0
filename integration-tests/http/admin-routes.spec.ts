import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createCustomersWorkflow, createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { adminHeaders } from "../helpers/auth"
import { storeHeaders } from "../helpers/checkout"
import { until } from "../helpers/until"

jest.setTimeout(180_000)

const ADMIN_ROUTES: [string, string][] = [
  ["get", "/admin/marketing/contacts"],
  ["get", "/admin/marketing/contacts/mkt_con_unknown"],
  ["get", "/admin/marketing/backfill"],
  ["post", "/admin/marketing/backfill"],
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: StoreFixture
    let admin: { headers: Record<string, string> }
    let marketing: MarketingModuleService

    beforeEach(async () => {
      const container = getContainer()
      fixture = await createStoreFixture(container)
      admin = await adminHeaders(api, container)
      marketing = container.resolve(MARKETING_MODULE)
    })

    it("every admin route answers 401 without an admin session or token", async () => {
      for (const [method, url] of ADMIN_ROUTES) {
        const response = await (api as any)[method](url, ...(method === "post" ? [{}] : []))
          .catch((e: any) => e.response)
        expect([method, url, response.status]).toEqual([method, url, 401])
      }
      // A customer's token is not an admin's.
      const {
        data: { token },
      } = await api.post("/auth/customer/emailpass/register", {
        email: "shopper@example.com",
        password: "secret-password",
      })
      const asCustomer = await api
        .get("/admin/marketing/contacts", { headers: { authorization: `Bearer ${token}` } })
        .catch((e: any) => e.response)
      expect(asCustomer.status).toEqual(401)
    })

    it("lists contacts with search, consent filter and pagination, and shows one with its timeline", async () => {
      const emails = ["ana@example.com", "bruno@example.com", "carla@example.com"]
      for (const email of emails) {
        await api.post(
          "/store/marketing/subscribe",
          { email, first_name: email.split("@")[0] },
          storeHeaders(fixture)
        )
      }
      await marketing.upsertContacts([{ email: "dora@example.com", first_name: "Dora" }])

      const all = await api.get("/admin/marketing/contacts", admin)
      expect(all.status).toEqual(200)
      expect(all.data).toEqual(
        expect.objectContaining({ count: 4, limit: 20, offset: 0 })
      )
      expect(all.data.contacts).toHaveLength(4)

      const page = await api.get("/admin/marketing/contacts?limit=2&offset=2&order=email", admin)
      expect(page.data.contacts.map((c: any) => c.email)).toEqual([
        "carla@example.com",
        "dora@example.com",
      ])
      expect(page.data).toEqual(expect.objectContaining({ count: 4, limit: 2, offset: 2 }))

      const search = await api.get("/admin/marketing/contacts?q=brun", admin)
      expect(search.data.contacts.map((c: any) => c.email)).toEqual(["bruno@example.com"])

      const never = await api.get("/admin/marketing/contacts?consent_status=never", admin)
      expect(never.data.contacts.map((c: any) => c.email)).toEqual(["dora@example.com"])
      const both = await api.get(
        "/admin/marketing/contacts?consent_status[]=never&consent_status[]=subscribed",
        admin
      )
      expect(both.data.count).toEqual(4)

      const ana = all.data.contacts.find((c: any) => c.email === "ana@example.com")
      const detail = await api.get(`/admin/marketing/contacts/${ana.id}`, admin)
      expect(detail.data.contact).toEqual(
        expect.objectContaining({
          id: ana.id,
          email: "ana@example.com",
          consent_status: "subscribed",
          consent_source: "store_api",
          orders_count: 0,
          events: [expect.objectContaining({ type: "subscribed" })],
        })
      )

      const missing = await api
        .get("/admin/marketing/contacts/mkt_con_missing", admin)
        .catch((e: any) => e.response)
      expect(missing.status).toEqual(404)
    })

    it("pages through contacts created in one batch without skipping or repeating any", async () => {
      // One statement: every row gets the same created_at.
      await marketing.upsertContacts(
        Array.from({ length: 300 }, (_, i) => ({ email: `batch${i}@example.com` }))
      )
      const seen: string[] = []
      for (let offset = 0; offset < 300; offset += 50) {
        const { data } = await api.get(`/admin/marketing/contacts?limit=50&offset=${offset}`, admin)
        seen.push(...data.contacts.map((c: any) => c.email))
      }
      expect(seen).toHaveLength(300)
      expect(new Set(seen).size).toEqual(300)
    })

    it("bad input answers 400 naming the field and stores nothing", async () => {
      const badQueries = [
        ["consent_status=maybe", "consent_status"],
        ["limit=lots", "limit"],
        ["colour=red", "colour"],
      ]
      for (const [qs, field] of badQueries) {
        const response = await api
          .get(`/admin/marketing/contacts?${qs}`, admin)
          .catch((e: any) => e.response)
        expect([qs, response.status]).toEqual([qs, 400])
        expect(response.data.message).toContain(field)
      }
      // Every list refuses paging the database cannot serve, by name, instead of failing with a 500.
      const lists = ["contacts", "segments", "flows", "lead-score-rules", "templates", "messages", "campaigns", "suppressions"]
      const badPaging = [
        ["offset=-1", "offset"],
        ["limit=-1", "limit"],
        ["limit=1000001", "limit"],
        ["order=-colour", "order"],
      ]
      for (const list of lists) {
        for (const [qs, field] of badPaging) {
          const response = await api.get(`/admin/marketing/${list}?${qs}`, admin).catch((e: any) => e.response)
          expect([list, qs, response.status]).toEqual([list, qs, 400])
          expect(response.data.message).toContain(field)
        }
        expect((await api.get(`/admin/marketing/${list}?limit=1000&offset=0`, admin)).status).toEqual(200)
      }
      const badDates = [
        ["/admin/marketing/messages?created_after=-271821-04-20", "created_after"],
        ["/admin/marketing/results?reason_type=flow&reason_id=x&from=-271821-04-20", "from"],
      ]
      for (const [url, field] of badDates) {
        const response = await api.get(url, admin).catch((e: any) => e.response)
        expect([url, response.status]).toEqual([url, 400])
        expect(response.data.message).toContain(field)
      }

      const badDetail = await api
        .get("/admin/marketing/contacts/mkt_con_x?events_limit=-1", admin)
        .catch((e: any) => e.response)
      expect(badDetail.status).toEqual(400)
      expect(badDetail.data.message).toContain("events_limit")

      const badBodies: [unknown, string][] = [
        [{ email: "not-an-email" }, "email"],
        [{}, "email"],
        [{ email: "ok@example.com", first_name: 42 }, "first_name"],
        [{ email: "ok@example.com", admin: true }, "admin"],
        [{ email: "ok@example.com", source: "" }, "source"],
      ]
      for (const [body, field] of badBodies) {
        const response = await api
          .post("/store/marketing/subscribe", body, storeHeaders(fixture))
          .catch((e: any) => e.response)
        expect([body, response.status]).toEqual([body, 400])
        expect(response.data.message).toContain(field)
      }
      expect(await marketing.listContacts({})).toEqual([])

      const badBackfill = await api
        .post("/admin/marketing/backfill", { restart: "yes" }, admin)
        .catch((e: any) => e.response)
      expect(badBackfill.status).toEqual(400)
      expect(badBackfill.data.message).toContain("restart")
    })

    it("the backfill imports customers and orders that no subscriber saw, and is idempotent", async () => {
      const container = getContainer()
      // Created straight through the modules: no events, so only the backfill sees them.
      const customerModule = container.resolve(Modules.CUSTOMER)
      const [old] = await customerModule.createCustomers([
        { email: "old@example.com", first_name: "Olga", has_account: true },
        { email: "older@example.com", first_name: "Otto", has_account: true },
      ])
      await container.resolve(Modules.ORDER).createOrders({
        email: "old@example.com",
        customer_id: old.id,
        currency_code: "eur",
        region_id: fixture.regionId,
        items: [{ title: "Linen shirt", quantity: 2, unit_price: 30, product_id: fixture.productId }],
      })
      expect(await marketing.listContacts({})).toEqual([])

      const started = await api.post("/admin/marketing/backfill", {}, admin)
      expect(started.status).toEqual(202)
      expect(started.data.backfill.status).toEqual("running")

      const done = await until(
        () => api.get("/admin/marketing/backfill", admin).then((r) => r.data.backfill),
        (backfill: any) => backfill.status !== "running",
        "the backfill to finish",
        200
      )
      expect(done).toEqual(
        expect.objectContaining({
          status: "completed",
          progress: { customers: 2, orders: 1 },
          error: null,
        })
      )
      expect(done.finished_at).toBeTruthy()

      const [olga] = await marketing.listContacts({ email: "old@example.com" })
      expect(olga).toEqual(
        expect.objectContaining({ customer_id: old.id, first_name: "Olga", orders_count: 1 })
      )
      expect(Number(olga.total_spent)).toEqual(60)

      // The read-only links let Query walk both ways without a link table.
      const query = container.resolve("query")
      const {
        data: [customer],
      } = await query.graph({
        entity: "customer",
        fields: ["id", "contact.id", "contact.orders_count"],
        filters: { id: old.id },
      })
      expect(customer.contact).toEqual(expect.objectContaining({ id: olga.id, orders_count: 1 }))
      const {
        data: [contact],
      } = await query.graph({
        entity: "contact",
        fields: ["id", "customer.first_name"],
        filters: { id: olga.id },
      })
      expect(contact.customer).toEqual(expect.objectContaining({ first_name: "Olga" }))
      const eventsBefore = await marketing.listContactEvents({})

      await api.post("/admin/marketing/backfill", {}, admin)
      await until(
        () => api.get("/admin/marketing/backfill", admin).then((r) => r.data.backfill),
        (backfill: any) => backfill.status !== "running",
        "the backfill to finish",
        200
      )
      const [again] = await marketing.listContacts({ email: "old@example.com" })
      expect(again.orders_count).toEqual(1)
      expect(Number(again.total_spent)).toEqual(60)
      expect(await marketing.listContactEvents({})).toHaveLength(eventsBefore.length)
      expect(await marketing.listContacts({})).toHaveLength(2)
    })
  },
})
