import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import {
  BuildTemplateDataInput,
  buildTemplateDataWorkflow,
} from "../../src/workflows/messages/template-data"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { checkout, createCartWithItem } from "../helpers/checkout"
import { adminHeaders } from "../helpers/auth"

jest.setTimeout(180_000)

// A developer's hook, registered the way a store registers it in src/workflows/hooks.
const hookSaw: { contact_id: string; had_cart: boolean }[] = []
buildTemplateDataWorkflow.hooks.templateDataAssembled(({ input, data }) => {
  hookSaw.push({ contact_id: input.contact_id, had_cart: !!data.cart })
  return new StepResponse({ loyalty_points: 120, greeting: `Hi ${data.customer?.first_name ?? "there"}` })
})

type ProductSpec = {
  title: string
  categoryId: string
  price: number
  /** Units in stock; null for a variant whose inventory Medusa does not manage. */
  stock: number | null
  status?: "published" | "draft"
}

/** Products in the fixture's sales channel, stocked at its location as the spec says. */
async function createProduct(
  container: MedusaContainer,
  fixture: StoreFixture,
  spec: ProductSpec
): Promise<{ id: string; handle: string }> {
  const handle = spec.title.toLowerCase().replace(/\s+/g, "-")
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: spec.title,
          handle,
          status: spec.status ?? "published",
          category_ids: [spec.categoryId],
          sales_channels: [{ id: fixture.salesChannelId }],
          options: [{ title: "Size", values: ["One size"] }],
          variants: [
            {
              title: "One size",
              manage_inventory: spec.stock !== null,
              options: { Size: "One size" },
              prices: [{ currency_code: "eur", amount: spec.price }],
            },
          ],
        },
      ],
    },
  })
  if (spec.stock) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "product_variant_inventory_items",
      fields: ["inventory_item_id"],
      filters: { variant_id: product.variants[0].id },
    })
    const { data: locations } = await query.graph({
      entity: "stock_location",
      fields: ["id"],
    })
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: [
          {
            inventory_item_id: links[0].inventory_item_id,
            location_id: locations[0].id,
            stocked_quantity: spec.stock,
          },
        ],
      },
    })
  }
  return { id: product.id, handle }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: StoreFixture
    let marketing: MarketingModuleService
    let storefrontUrl: string

    beforeEach(async () => {
      const container = getContainer()
      fixture = await createStoreFixture(container)
      marketing = container.resolve(MARKETING_MODULE)
      storefrontUrl = (await marketing.getOptions()).storefrontUrl!
    })

    const build = (input: BuildTemplateDataInput) =>
      buildTemplateDataWorkflow(getContainer())
        .run({ input })
        .then(({ result }) => result)

    const placeOrder = async (email: string, quantity: number) => {
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const placed = TestEventUtils.waitSubscribersExecution("order.placed", eventBus, { timeout: 90_000 })
      const order = await checkout(api, fixture, await createCartWithItem(api, fixture, email, quantity))
      await placed
      return order
    }

    it("formats a cart and an order in their currency with storefront links, and merges the hook's fields", async () => {
      const order = await placeOrder("ana@example.com", 2)
      const cartId = await createCartWithItem(api, fixture, "ana@example.com", 3)
      const contact = (await marketing.findContactByEmail("ana@example.com"))!

      const data = await build({
        contact_id: contact.id,
        cart_id: cartId,
        order_id: order.id,
        discount: { code: "SAVE5", type: "fixed", value: 5 },
        recommendations: false,
      })

      expect(data.cart).toEqual({
        id: cartId,
        items: [
          {
            title: "Linen shirt",
            variant_title: "M",
            thumbnail: null,
            quantity: 3,
            unit_price: "€30.00",
            total: "€90.00",
            url: expect.stringMatching(/\/products\/[\w-]+$/),
          },
        ],
        item_count: 3,
        subtotal: "€90.00",
        total: "€90.00",
        currency_code: "eur",
        recovery_url: `${storefrontUrl}/cart/recover/${cartId}`,
      })
      expect(data.order).toEqual(
        expect.objectContaining({
          id: order.id,
          number: `#${order.display_id}`,
          status: "pending",
          subtotal: "€60.00",
          shipping_total: "€5.00",
          tax_total: "€0.00",
          total: "€65.00",
          currency_code: "eur",
          placed_at: new Date(order.created_at).toISOString(),
          url: `${storefrontUrl}/account/orders/details/${order.id}`,
          items: [expect.objectContaining({ title: "Linen shirt", quantity: 2, unit_price: "€30.00", total: "€60.00" })],
        })
      )
      // A fixed discount without a currency takes the cart's.
      expect(data.discount).toEqual({ code: "SAVE5", value: "€5.00", expires_at: null })
      expect(data.products).toBeUndefined()
      expect(data.customer).toEqual(
        expect.objectContaining({ id: expect.stringMatching(/^cus_/), has_account: false })
      )
      // Scores travel with the message, so a template can speak to each RFM group.
      expect(data.contact?.scores).toEqual(
        expect.objectContaining({ rfm_segment: null, lead: expect.any(Number), next_order_expected_at: null })
      )
      expect(data.loyalty_points).toEqual(120)
      expect(data.greeting).toEqual("Hi there")
      expect(hookSaw).toContainEqual({ contact_id: contact.id, had_cart: true })

      const missing = await buildTemplateDataWorkflow(getContainer())
        .run({ input: { contact_id: contact.id, cart_id: "cart_missing" }, throwOnError: false })
      expect(missing.errors[0]?.error?.message).toMatch(/cart with id cart_missing was not found/)
    })

    it("recommends what co-buyers bought, then category best sellers, then store best sellers; never stock-outs", async () => {
      const container = getContainer()
      const {
        result: [bags],
      } = await createProductCategoriesWorkflow(container).run({
        input: { product_categories: [{ name: "Bags", is_active: true }] },
      })
      const shirts = fixture.categoryId
      const p1 = fixture.productId
      const tote = await createProduct(container, fixture, { title: "Canvas tote", categoryId: bags.id, price: 20, stock: 5 })
      const soldOut = await createProduct(container, fixture, { title: "Silk shirt", categoryId: shirts, price: 25, stock: 0 })
      const tee = await createProduct(container, fixture, { title: "Cotton tee", categoryId: shirts, price: 15, stock: null })
      const draft = await createProduct(container, fixture, { title: "Draft shirt", categoryId: shirts, price: 10, stock: null, status: "draft" })

      const contact = async (email: string, product_ids: string[], category_ids: string[]) => {
        const [{ contact }] = await marketing.upsertContacts([{ email }])
        await marketing.updateContacts({ id: contact.id, product_ids, category_ids })
        return contact.id
      }
      const a = await contact("a@example.com", [p1], [shirts])
      await contact("b@example.com", [p1, tote.id, soldOut.id], [shirts, bags.id])
      await contact("c@example.com", [soldOut.id, draft.id], [shirts])
      await contact("d@example.com", [tee.id], [shirts])
      const h = await contact("h@example.com", [tee.id], [shirts])
      await contact("e@example.com", [tote.id, draft.id], [bags.id, shirts])
      await contact("f@example.com", [tote.id], [bags.id])

      // A bought P1; B bought P1 and the tote: the tote comes first, the
      // sold-out shirt B also bought does not, the tee fills from A's category.
      const forA = await build({ contact_id: a, region_id: fixture.regionId, recommendations: 3 })
      expect(forA.products).toEqual([
        {
          id: tote.id,
          title: "Canvas tote",
          thumbnail: null,
          price: "€20.00",
          url: `${storefrontUrl}/products/${tote.handle}`,
        },
        expect.objectContaining({ id: tee.id, price: "€15.00" }),
      ])

      // H's only co-buyer bought nothing else: the shirts' best seller in
      // stock (P1) comes before the store's best seller (the tote).
      const forH = await build({ contact_id: h, recommendations: 3 })
      expect(forH.products!.map((product) => product.id)).toEqual([p1, tote.id])
      expect(forH.products![0]).toEqual(expect.objectContaining({ price: "€30.00" }))
      const justOne = await build({ contact_id: h, recommendations: 1 })
      expect(justOne.products!.map((product) => product.id)).toEqual([p1])

      const everyone = [a, h]
      for (const id of everyone) {
        const { products } = await build({ contact_id: id, recommendations: 10 })
        expect(products!.map((product) => product.id)).not.toContain(soldOut.id)
        expect(products!.map((product) => product.id)).not.toContain(draft.id)
      }
    })

    it("previews as a contact with their latest order and cart over the sample data", async () => {
      const admin = await adminHeaders(api, getContainer())
      const order = await placeOrder("buyer@example.com", 1)
      const contact = (await marketing.findContactByEmail("buyer@example.com"))!
      const {
        data: { template },
      } = await api.post(
        "/admin/marketing/templates",
        {
          name: "Order follow-up",
          content: {
            subject: "Your order {{ order.number }}",
            mjml: `<mjml><mj-body><mj-section><mj-column>
              <mj-text>Order {{ order.number }} totals {{ order.total }} ({{ loyalty_points }} points)</mj-text>
              <mj-text>Cart: {{ cart.id }}</mj-text>
            </mj-column></mj-section></mj-body></mjml>`,
          },
        },
        admin
      )

      const preview = await api.post(
        `/admin/marketing/templates/${template.id}/preview`,
        { contact_id: contact.id },
        admin
      )
      expect(preview.data.preview.subject).toEqual(`Your order #${order.display_id}`)
      expect(preview.data.preview.html).toContain(`Order #${order.display_id} totals €35.00 (120 points)`)
      // The buyer has no open cart, so the sample's stays.
      expect(preview.data.preview.html).toContain("Cart: cart_sample")

      const sample = await api.post(`/admin/marketing/templates/${template.id}/preview`, {}, admin)
      expect(sample.data.preview.subject).toEqual("Your order #1042")
    })
  },
})
