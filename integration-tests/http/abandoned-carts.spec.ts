import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { sweepAbandonedCarts } from "../../src/workflows/carts"
import { MarketingEvents } from "../../src/types"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { checkout, createCartWithItem, storeHeaders } from "../helpers/checkout"

jest.setTimeout(180_000)

const minutes = (n: number) => n * 60_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: StoreFixture
    let marketing: MarketingModuleService
    let emitted: { cart_id: string; contact_id: string | null }[]

    beforeEach(async () => {
      const container = getContainer()
      fixture = await createStoreFixture(container)
      marketing = container.resolve(MARKETING_MODULE)
      emitted = []
      const eventBus = container.resolve(Modules.EVENT_BUS)
      eventBus.subscribe(
        MarketingEvents.CART_ABANDONED,
        async ({ data }: any) => {
          emitted.push(data)
        },
        { subscriberId: `test-cart-abandoned-${Date.now()}` }
      )
    })

    const sweep = (now: Date) => sweepAbandonedCarts(getContainer(), { now })

    /**
     * A shopper's cart with an item, once the plugin has tracked it: a sweep
     * that ran first would see the cart through the Cart Module, and the
     * late subscriber would then record its activity over the sweep's verdict.
     */
    const trackedCart = async (email: string) => {
      const updated = TestEventUtils.waitSubscribersExecution("cart.updated", getContainer().resolve(Modules.EVENT_BUS), {
        timeout: 90_000,
      })
      const cartId = await createCartWithItem(api, fixture, email)
      await updated
      return cartId
    }

    const cartEvents = async (email: string) => {
      const [contact] = await marketing.listContacts({ email })
      return marketing.listContactEvents({ contact_id: contact.id, type: "cart_abandoned" })
    }

    it("a cart left with items is reported once, not again, and again after new activity plus the wait", async () => {
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const cartId = await trackedCart("Left@Example.com")
      const start = Date.now()

      expect((await sweep(new Date(start + minutes(30)))).abandoned).toEqual([])

      const first = await sweep(new Date(start + minutes(61)))
      expect(first.abandoned.map((a) => a.cart_id)).toEqual([cartId])
      expect(emitted).toEqual([
        expect.objectContaining({ id: cartId, cart_id: cartId, email: "left@example.com" }),
      ])
      const [contact] = await marketing.listContacts({ email: "left@example.com" })
      expect(emitted[0].contact_id).toEqual(contact.id)
      expect(await cartEvents("left@example.com")).toHaveLength(1)

      const second = await sweep(new Date(start + minutes(62)))
      expect(second.abandoned).toEqual([])
      expect(await sweep(new Date(start + minutes(600)))).toEqual(
        expect.objectContaining({ abandoned: [] })
      )
      expect(emitted).toHaveLength(1)

      // New activity: the shopper comes back and adds another item.
      const again = TestEventUtils.waitSubscribersExecution("cart.updated", eventBus, { timeout: 90_000 })
      await api.post(
        `/store/carts/${cartId}/line-items`,
        { variant_id: fixture.variantId, quantity: 1 },
        storeHeaders(fixture)
      )
      await again
      const resumed = Date.now()
      expect((await sweep(new Date(resumed + minutes(30)))).abandoned).toEqual([])
      const third = await sweep(new Date(resumed + minutes(61)))
      expect(third.abandoned.map((a) => a.cart_id)).toEqual([cartId])
      expect(emitted).toHaveLength(2)
      expect(await cartEvents("left@example.com")).toHaveLength(2)
      const [tracked] = await marketing.listTrackedCarts({ cart_id: cartId })
      expect(tracked.item_count).toEqual(2)
    })

    it("finds carts whose events never arrived, and skips empty, completed and very old carts", async () => {
      const cartModule = getContainer().resolve(Modules.CART)
      const silent = await cartModule.createCarts({
        currency_code: "eur",
        region_id: fixture.regionId,
        email: "silent@example.com",
        items: [{ title: "Linen shirt", quantity: 1, unit_price: 30 }],
      })
      const empty = await cartModule.createCarts({
        currency_code: "eur",
        region_id: fixture.regionId,
        email: "empty@example.com",
      })
      const anonymous = await cartModule.createCarts({
        currency_code: "eur",
        region_id: fixture.regionId,
        items: [{ title: "Linen shirt", quantity: 1, unit_price: 30 }],
      })
      const boughtCart = await createCartWithItem(api, fixture, "buyer@example.com")
      await checkout(api, fixture, boughtCart)
      const start = Date.now()

      const result = await sweep(new Date(start + minutes(90)))
      expect(result.abandoned.map((a) => a.cart_id)).toEqual([silent.id])
      const tracked = await marketing.listTrackedCarts({
        cart_id: [silent.id, empty.id, anonymous.id, boughtCart],
      })
      const statusOf = Object.fromEntries(tracked.map((t) => [t.cart_id, t.status]))
      expect(statusOf).toEqual({
        [silent.id]: "abandoned",
        [empty.id]: "empty",
        [anonymous.id]: "empty",
        [boughtCart]: "completed",
      })
    })

    it("after downtime it catches up on recent carts but not on carts idle past the maximum age", async () => {
      const cartId = await trackedCart("late@example.com")
      const start = Date.now()
      // Eight days later (past the default 168 hours): too old to remind.
      const stale = await sweep(new Date(start + minutes(8 * 24 * 60)))
      expect(stale.abandoned).toEqual([])
      const [tracked] = await marketing.listTrackedCarts({ cart_id: cartId })
      expect(tracked.status).toEqual("expired")
      expect(emitted).toEqual([])
    })

    it("a sweep hours after the cart went idle still reports it", async () => {
      const cartId = await trackedCart("downtime@example.com")
      const start = Date.now()
      const result = await sweep(new Date(start + minutes(6 * 60)))
      expect(result.abandoned.map((a) => a.cart_id)).toEqual([cartId])
    })
  },
})
