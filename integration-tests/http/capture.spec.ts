import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { adminHeaders, registerCustomer } from "../helpers/auth"
import { checkout, createCartWithItem, storeHeaders } from "../helpers/checkout"
import { recordOrderActivityWorkflow } from "../../src/workflows/orders"

jest.setTimeout(180_000)

// A developer's hook, registered the way a store registers it in src/workflows/hooks.
const hookSaw: { type: string; idempotency_key: string }[] = []
recordOrderActivityWorkflow.hooks.orderActivityRecorded(({ recorded, events }) => {
  const fresh = new Set(recorded.map((event) => event.idempotency_key))
  hookSaw.push(...events.filter((event) => fresh.has(event.idempotency_key)))
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: StoreFixture
    let marketing: MarketingModuleService
    let eventBus: any

    const settle = (event: string, triggerCount = 1) =>
      TestEventUtils.waitSubscribersExecution(event, eventBus, { triggerCount, timeout: 90_000 })

    const contactsFor = (email: string) =>
      marketing.listContacts({ email: email.toLowerCase() })

    beforeEach(async () => {
      const container = getContainer()
      fixture = await createStoreFixture(container)
      marketing = container.resolve(MARKETING_MODULE)
      eventBus = container.resolve(Modules.EVENT_BUS)
    })

    describe("sign-up and subscribe", () => {
      it("registering a customer creates one contact with a signed_up event", async () => {
        const signedUp = settle("customer.created")
        const customer = await registerCustomer(api, fixture.publishableKey, {
          email: "Ana@Example.com",
          first_name: "Ana",
          last_name: "Lima",
        })
        await signedUp

        const contacts = await contactsFor("ana@example.com")
        expect(contacts).toHaveLength(1)
        expect(contacts[0]).toEqual(
          expect.objectContaining({
            email: "ana@example.com",
            customer_id: customer.id,
            first_name: "Ana",
            last_name: "Lima",
            consent_status: "never",
          })
        )
        const events = await marketing.listContactEvents({ contact_id: contacts[0].id })
        expect(events.map((e) => e.type)).toEqual(["signed_up"])
        expect(contacts[0].last_seen_at).toEqual(events[0].occurred_at)
      })

      it("a guest who subscribes and then registers stays one contact, keeping consent", async () => {
        const response = await api.post(
          "/store/marketing/subscribe",
          { email: "guest@example.com", first_name: "Gil", source: "footer" },
          storeHeaders(fixture)
        )
        expect(response.status).toEqual(202)
        expect(response.data).toEqual({ success: true })

        const [subscribed] = await contactsFor("guest@example.com")
        expect(subscribed).toEqual(
          expect.objectContaining({
            consent_status: "subscribed",
            consent_source: "footer",
            customer_id: null,
          })
        )
        expect(subscribed.consent_at).toBeTruthy()
        expect(subscribed.consent_ip).toBeTruthy()

        const signedUp = settle("customer.created")
        const customer = await registerCustomer(api, fixture.publishableKey, {
          email: "GUEST@example.com",
          first_name: "Gil",
        })
        await signedUp

        const contacts = await contactsFor("guest@example.com")
        expect(contacts).toHaveLength(1)
        expect(contacts[0].id).toEqual(subscribed.id)
        expect(contacts[0].customer_id).toEqual(customer.id)
        expect(contacts[0].consent_status).toEqual("subscribed")
        const types = (await marketing.listContactEvents({ contact_id: subscribed.id })).map(
          (e) => e.type
        )
        expect(types.sort()).toEqual(["signed_up", "subscribed"])
      })

      it("subscribe answers the same for known, unknown and repeated addresses", async () => {
        const first = await api.post(
          "/store/marketing/subscribe",
          { email: "repeat@example.com" },
          storeHeaders(fixture)
        )
        const again = await api.post(
          "/store/marketing/subscribe",
          { email: "repeat@example.com", source: "popup" },
          storeHeaders(fixture)
        )
        expect([first.status, again.status]).toEqual([202, 202])
        expect(again.data).toEqual(first.data)
        const [contact] = await contactsFor("repeat@example.com")
        // The first consent's evidence is kept.
        expect(contact.consent_source).toEqual("store_api")
        const subscribedEvents = await marketing.listContactEvents({
          contact_id: contact.id,
          type: "subscribed",
        })
        expect(subscribedEvents).toHaveLength(1)
      })
    })

    describe("orders", () => {
      it("a real checkout updates orders count, total spent and last order; redelivery changes nothing", async () => {
        const cartId = await createCartWithItem(api, fixture, "buyer@example.com", 2)
        const placed = settle("order.placed")
        const order = await checkout(api, fixture, cartId)
        await placed

        const [contact] = await contactsFor("buyer@example.com")
        const expectedTotal = fixture.price * 2 + fixture.shippingPrice
        expect(contact.orders_count).toEqual(1)
        expect(Number(contact.total_spent)).toEqual(expectedTotal)
        expect(Number(contact.average_order_value)).toEqual(expectedTotal)
        expect(contact.currency_code).toEqual("eur")
        expect(new Date(contact.last_order_at!).getTime()).toEqual(
          new Date(order.created_at).getTime()
        )
        expect(contact.first_order_at).toEqual(contact.last_order_at)
        expect(contact.product_ids).toEqual([fixture.productId])
        expect(contact.category_ids).toEqual([fixture.categoryId])

        const redelivered = settle("order.placed")
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })
        await redelivered

        const [after] = await contactsFor("buyer@example.com")
        expect(after.orders_count).toEqual(1)
        expect(Number(after.total_spent)).toEqual(expectedTotal)
        expect(after.updated_at).toEqual(contact.updated_at)
        expect(hookSaw).toEqual([
          expect.objectContaining({ type: "order_placed", idempotency_key: `order_placed:${order.id}` }),
        ])
        const orderEvents = await marketing.listContactEvents({
          contact_id: contact.id,
          type: "order_placed",
        })
        expect(orderEvents).toHaveLength(1)
        expect(orderEvents[0].data).toEqual(
          expect.objectContaining({ order_id: order.id, total: expectedTotal })
        )
      })

      it("a canceled order no longer counts toward the facts", async () => {
        const admin = await adminHeaders(api, getContainer())
        const cartId = await createCartWithItem(api, fixture, "cancel@example.com")
        const placed = settle("order.placed")
        const order = await checkout(api, fixture, cartId)
        await placed
        const [placedContact] = await contactsFor("cancel@example.com")
        expect(placedContact.orders_count).toEqual(1)

        const canceled = settle("order.canceled")
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled

        const [contact] = await contactsFor("cancel@example.com")
        expect(contact.orders_count).toEqual(0)
        expect(Number(contact.total_spent)).toEqual(0)
        expect(contact.last_order_at).toBeNull()
        const types = (await marketing.listContactEvents({ contact_id: contact.id })).map(
          (e) => e.type
        )
        expect(types).toEqual(expect.arrayContaining(["order_placed", "order_canceled"]))
      })
    })

    describe("fulfilment and refunds", () => {
      it("a fulfilment is recorded once and a refund reduces total spent", async () => {
        const admin = await adminHeaders(api, getContainer())
        const cartId = await createCartWithItem(api, fixture, "refund@example.com", 2)
        const placed = settle("order.placed")
        const order = await checkout(api, fixture, cartId)
        await placed

        const fulfilled = settle("order.fulfillment_created")
        await api.post(
          `/admin/orders/${order.id}/fulfillments`,
          { items: order.items.map((item: any) => ({ id: item.id, quantity: item.quantity })) },
          admin
        )
        await fulfilled

        const {
          data: { order: withPayments },
        } = await api.get(
          `/admin/orders/${order.id}?fields=id,*payment_collections.payments`,
          admin
        )
        const paymentId = withPayments.payment_collections[0].payments[0].id
        await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
        const refunded = settle("payment.refunded")
        await api.post(`/admin/payments/${paymentId}/refund`, { amount: 10 }, admin)
        await refunded

        const [contact] = await contactsFor("refund@example.com")
        const total = fixture.price * 2 + fixture.shippingPrice
        expect(contact.orders_count).toEqual(1)
        expect(Number(contact.total_spent)).toEqual(total - 10)
        const events = await marketing.listContactEvents({ contact_id: contact.id })
        const byType = (type: string) => events.filter((e) => e.type === type)
        expect(byType("order_fulfilled")).toHaveLength(1)
        expect(byType("refund")).toEqual([
          expect.objectContaining({
            data: expect.objectContaining({ order_id: order.id, amount: 10, currency_code: "eur" }),
          }),
        ])

        // Redelivering the refund event counts the refund once.
        const again = settle("payment.refunded")
        await eventBus.emit({ name: "payment.refunded", data: { id: paymentId } })
        await again
        const [after] = await contactsFor("refund@example.com")
        expect(Number(after.total_spent)).toEqual(total - 10)
      })
    })

    describe("erasure", () => {
      it("deleting a customer erases the contact's personal data", async () => {
        const admin = await adminHeaders(api, getContainer())
        const signedUp = settle("customer.created")
        const customer = await registerCustomer(api, fixture.publishableKey, {
          email: "forget.me@example.com",
          first_name: "Fiona",
          last_name: "Gone",
        })
        await signedUp
        await api.post(
          "/store/marketing/subscribe",
          { email: "forget.me@example.com", consent_text: "Yes, email me" },
          storeHeaders(fixture)
        )
        const [before] = await contactsFor("forget.me@example.com")

        const deleted = settle("customer.deleted")
        await api.delete(`/admin/customers/${customer.id}`, admin)
        await deleted

        expect(await contactsFor("forget.me@example.com")).toHaveLength(0)
        const erased = await marketing.retrieveContact(before.id)
        const serialized = JSON.stringify(erased)
        expect(serialized).not.toContain("forget.me")
        expect(serialized).not.toContain("Fiona")
        expect(serialized).not.toContain("Gone")
        expect(serialized).not.toContain("Yes, email me")
        expect(erased).toEqual(
          expect.objectContaining({
            customer_id: null,
            first_name: null,
            last_name: null,
            consent_ip: null,
            consent_status: "unsubscribed",
            suppression_reason: "erased",
          })
        )
        expect(erased.erased_at).toBeTruthy()
        const events = await marketing.listContactEvents({ contact_id: before.id })
        expect(JSON.stringify(events)).not.toContain("forget.me")
        expect(events.map((e) => e.type)).toContain("erased")
      })
    })
  },
})
