/**
 * Demo data for the development store (`npm run dev` runs it once):
 * `npx medusa exec ./src/scripts/seed-demo.ts`
 *
 * Everything goes through Medusa's core workflows, as the admin and the
 * storefront would, so the store's events fire and the plugin's subscribers
 * build contacts, timelines and tracked carts from them. History is backdated
 * (a year of orders, carts left two hours ago) *inside* the workflow that
 * creates it, before its events are released, so subscribers read the
 * backdated timestamps rather than "now".
 *
 * Idempotent: does nothing when the "Europe" region already exists.
 */
import type {
  CreateCartWorkflowInput,
  CreateOrderWorkflowInput,
} from "@medusajs/medusa/core-flows"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  OrderWorkflowEvents,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  addToCartWorkflow,
  createApiKeysWorkflow,
  createCartWorkflow,
  createCustomersWorkflow,
  createInventoryLevelsWorkflow,
  createLinksWorkflow,
  createLocationFulfillmentSetWorkflow,
  createOrderWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  emitEventStep,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

const REGION_NAME = "Europe"
const COUNTRIES = ["de", "fr", "nl", "be", "at", "it", "es"]
const HOUR = 3600_000
const DAY = 24 * HOUR

// ---------------------------------------------------------------------------
// Backdating. Timestamps are not part of any workflow input, so a step writes
// them directly. Demo data only: a real store never rewrites its history.

type BackdateInput = {
  table: "order" | "customer" | "cart" | "cart_line_item"
  // Rows are matched on `id`, or on `cart_id` for cart_line_item.
  rows: { id: string; at: string }[]
}

const backdateStep = createStep(
  "backdate",
  async (input: BackdateInput, { container }) => {
    const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const key = input.table === "cart_line_item" ? "cart_id" : "id"
    for (const { id, at } of input.rows) {
      await knex.raw(
        `UPDATE "${input.table}" SET created_at = ?, updated_at = ? WHERE ${key} = ?`,
        [at, at, id]
      )
    }
    return new StepResponse(input.rows.length)
  }
)

// The nested workflows run as steps of these, so their events are held until
// the outer workflow ends, i.e. after the backdate step.

const seedCustomersWorkflow = createWorkflow(
  "seed-customers",
  (input: { customers: (DemoCustomer & { signed_up_at: string })[] }) => {
    const customersData = transform({ input }, ({ input }) =>
      input.customers.map(({ signed_up_at, country_code, ...customer }) => ({
        ...customer,
        has_account: true,
      }))
    )
    const customers = createCustomersWorkflow.runAsStep({ input: { customersData } })
    const rows = transform({ input, customers }, ({ input, customers }) =>
      customers.map((customer) => ({
        id: customer.id,
        at: input.customers.find((c) => c.email === customer.email)!.signed_up_at,
      }))
    )
    backdateStep({ table: "customer", rows })
    return new WorkflowResponse(customers)
  }
)

/**
 * `createOrderWorkflow` (the admin's way to create an order) emits no
 * `order.placed`; only checkout (`completeCartWorkflow`) does. Emit it the way
 * checkout does, so the plugin records these orders like real ones.
 */
const seedOrderWorkflow = createWorkflow(
  "seed-order",
  (input: { order: CreateOrderWorkflowInput; placed_at: string }) => {
    const order = createOrderWorkflow.runAsStep({ input: input.order })
    const rows = transform({ input, order }, ({ input, order }) => [
      { id: order.id, at: input.placed_at },
    ])
    backdateStep({ table: "order", rows })
    emitEventStep({ eventName: OrderWorkflowEvents.PLACED, data: { id: order.id } })
    return new WorkflowResponse(order)
  }
)

const seedAbandonedCartWorkflow = createWorkflow(
  "seed-abandoned-cart",
  (input: {
    cart: CreateCartWorkflowInput
    more_items: { variant_id: string; quantity: number }[]
    left_at: string
  }) => {
    const cart = createCartWorkflow.runAsStep({ input: input.cart })
    const addInput = transform({ input, cart }, ({ input, cart }) => ({
      cart_id: cart.id,
      items: input.more_items,
    }))
    addToCartWorkflow.runAsStep({ input: addInput })
    const rows = transform({ input, cart }, ({ input, cart }) => [
      { id: cart.id, at: input.left_at },
    ])
    backdateStep({ table: "cart", rows })
    backdateStep({ table: "cart_line_item", rows }).config({ name: "backdate-cart-items" })
    return new WorkflowResponse(cart)
  }
)

// ---------------------------------------------------------------------------
// Demo catalogue and people.

type DemoCustomer = {
  first_name: string
  last_name: string
  email: string
  country_code: string
}

const CUSTOMERS: DemoCustomer[] = [
  { first_name: "Anna", last_name: "Schmidt", email: "anna.schmidt@example.com", country_code: "de" },
  { first_name: "Lukas", last_name: "Müller", email: "lukas.mueller@example.com", country_code: "de" },
  { first_name: "Sophie", last_name: "Dubois", email: "sophie.dubois@example.com", country_code: "fr" },
  { first_name: "Louis", last_name: "Martin", email: "louis.martin@example.com", country_code: "fr" },
  { first_name: "Emma", last_name: "de Vries", email: "emma.devries@example.com", country_code: "nl" },
  { first_name: "Daan", last_name: "Jansen", email: "daan.jansen@example.com", country_code: "nl" },
  { first_name: "Lea", last_name: "Weber", email: "lea.weber@example.com", country_code: "at" },
  { first_name: "Hugo", last_name: "Bernard", email: "hugo.bernard@example.com", country_code: "be" },
  { first_name: "Julia", last_name: "Bakker", email: "julia.bakker@example.com", country_code: "nl" },
  { first_name: "Felix", last_name: "Wagner", email: "felix.wagner@example.com", country_code: "de" },
  { first_name: "Clara", last_name: "Rossi", email: "clara.rossi@example.com", country_code: "it" },
  { first_name: "Mateo", last_name: "García", email: "mateo.garcia@example.com", country_code: "es" },
]

// Orders per customer (same order as CUSTOMERS): loyal regulars, occasional
// buyers, one-timers and a sign-up who never bought, so segments have
// something to find. Sums to 25.
const ORDER_COUNTS = [5, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 0]

const CITIES: Record<string, { city: string; postal_code: string }> = {
  de: { city: "Berlin", postal_code: "10115" },
  fr: { city: "Lyon", postal_code: "69001" },
  nl: { city: "Utrecht", postal_code: "3511" },
  be: { city: "Gent", postal_code: "9000" },
  at: { city: "Wien", postal_code: "1010" },
  it: { city: "Milano", postal_code: "20121" },
  es: { city: "Valencia", postal_code: "46001" },
}

type DemoProduct = {
  title: string
  handle: string
  category: "Coffee" | "Brewing gear"
  description: string
  option: string
  // option value -> [EUR, USD]
  variants: Record<string, [number, number]>
}

const PRODUCTS: DemoProduct[] = [
  {
    title: "Ethiopia Yirgacheffe",
    handle: "ethiopia-yirgacheffe",
    category: "Coffee",
    description: "Washed single origin with notes of jasmine and lemon.",
    option: "Weight",
    variants: { "250 g": [12.5, 14], "1 kg": [39, 44] },
  },
  {
    title: "Colombia Huila",
    handle: "colombia-huila",
    category: "Coffee",
    description: "Round and sweet: caramel, red apple, milk chocolate.",
    option: "Weight",
    variants: { "250 g": [11, 12.5], "1 kg": [35, 39] },
  },
  {
    title: "House Espresso Blend",
    handle: "house-espresso",
    category: "Coffee",
    description: "Our everyday espresso, forgiving in any machine.",
    option: "Weight",
    variants: { "250 g": [10, 11.5], "1 kg": [32, 36] },
  },
  {
    title: "Pour-Over Dripper",
    handle: "pour-over-dripper",
    category: "Brewing gear",
    description: "Porcelain cone dripper for one to two cups.",
    option: "Color",
    variants: { White: [24, 27], Black: [24, 27] },
  },
  {
    title: "Hand Burr Grinder",
    handle: "hand-burr-grinder",
    category: "Brewing gear",
    description: "Steel conical burrs, 40 grind settings.",
    option: "Edition",
    variants: { Standard: [89, 99] },
  },
  {
    title: "Travel Mug",
    handle: "travel-mug",
    category: "Brewing gear",
    description: "Double-walled, leak-proof, keeps coffee hot for hours.",
    option: "Size",
    variants: { "350 ml": [19, 21], "500 ml": [22, 25] },
  },
]

/** Small seeded PRNG: the same demo data on every machine. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function addressFor(customer: DemoCustomer, i: number) {
  const { city, postal_code } = CITIES[customer.country_code]
  return {
    first_name: customer.first_name,
    last_name: customer.last_name,
    address_1: `Demostraat ${10 + i}`,
    city,
    postal_code,
    country_code: customer.country_code,
  }
}

// ---------------------------------------------------------------------------

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const regionModule = container.resolve(Modules.REGION)

  if ((await regionModule.listRegions({ name: REGION_NAME })).length) {
    logger.info("seed-demo: demo data already present, nothing to do")
    return
  }

  logger.info("seed-demo: store, region, taxes")
  const salesChannelId = await ensureSalesChannel(container)
  const region = await setUpStoreAndRegion(container, salesChannelId)
  const publishableKey = await ensurePublishableKey(container, salesChannelId)

  logger.info("seed-demo: warehouse and shipping")
  const { locationId, shippingProfileId, shippingOptionId } = await setUpShipping(
    container,
    salesChannelId,
    region.id
  )

  logger.info("seed-demo: catalogue and stock")
  const variants = await createCatalogue(container, salesChannelId, shippingProfileId, locationId)

  logger.info("seed-demo: customers, orders and carts")
  const rand = random(2026)
  const now = Date.now()
  const customers = await createDemoCustomers(container, rand, now)
  await createDemoOrders(container, {
    rand,
    now,
    customers,
    variants,
    regionId: region.id,
    salesChannelId,
    shippingOptionId,
  })
  await createDemoCarts(container, { now, customers, variants, regionId: region.id, salesChannelId })

  logger.info(`seed-demo: done; store API publishable key: ${publishableKey}`)
  // The local event bus runs subscribers in the background, and `medusa exec`
  // exits the process as soon as this function returns: give the plugin's
  // subscribers time to record the events they just received.
  await new Promise((resolve) => setTimeout(resolve, 3000))
}

async function ensureSalesChannel(container: MedusaContainer) {
  // Medusa creates "Default Sales Channel" at boot; reuse it so the default
  // publishable key already points at the demo products.
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const [existing] = await salesChannelModule.listSalesChannels({
    name: "Default Sales Channel",
  })
  if (existing) return existing.id
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
  })
  return result[0].id
}

async function setUpStoreAndRegion(container: MedusaContainer, salesChannelId: string) {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores()

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: REGION_NAME,
          currency_code: "eur",
          countries: COUNTRIES,
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  const region = regions[0]

  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Demo Coffee Roasters",
        // European prices include VAT.
        supported_currencies: [
          { currency_code: "eur", is_default: true, is_tax_inclusive: true },
          { currency_code: "usd" },
        ],
        default_sales_channel_id: salesChannelId,
        default_region_id: region.id,
      },
    },
  })

  await createTaxRegionsWorkflow(container).run({
    input: COUNTRIES.map((country_code) => ({
      country_code,
      provider_id: "tp_system",
      default_tax_rate: { rate: 20, code: "VAT", name: "VAT" },
    })),
  })
  return region
}

/** Returns the key's token (what a storefront sends). */
async function ensurePublishableKey(container: MedusaContainer, salesChannelId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // Oldest first: the one Medusa created at boot, which `npm run dev` prints.
  const { data } = await query.graph({
    entity: "api_key",
    fields: ["id", "token"],
    filters: { type: "publishable", revoked_at: null },
    pagination: { order: { created_at: "ASC" }, take: 1 },
  })
  let key: { id: string; token: string } | undefined = data[0]
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "Demo storefront", type: "publishable", created_by: "" }] },
    })
    key = result[0]
  }
  // Linking twice is harmless; an unlinked key would see no products.
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [salesChannelId] },
  })
  return key.token
}

async function setUpShipping(container: MedusaContainer, salesChannelId: string, regionId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Rotterdam Roastery",
          address: { address_1: "Koffiekade 1", city: "Rotterdam", country_code: "NL" },
        },
      ],
    },
  })
  const locationId = locations[0].id
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: { selector: { id: store.id }, update: { default_location_id: locationId } },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: locationId, add: [salesChannelId] },
  })
  // What the admin's "Connect providers" button does.
  await createLinksWorkflow(container).run({
    input: [
      {
        [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
        [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
      },
    ],
  })

  await createLocationFulfillmentSetWorkflow(container).run({
    input: {
      location_id: locationId,
      fulfillment_set_data: { name: "Rotterdam Roastery shipping", type: "shipping" },
    },
  })
  // The workflow returns nothing: look the new set up through its location.
  const { data: located } = await query.graph({
    entity: "stock_location",
    fields: ["fulfillment_sets.id"],
    filters: { id: locationId },
  })
  const fulfillmentSetId = located[0].fulfillment_sets![0]!.id

  const { result: zones } = await createServiceZonesWorkflow(container).run({
    input: {
      data: [
        {
          name: REGION_NAME,
          fulfillment_set_id: fulfillmentSetId,
          geo_zones: COUNTRIES.map((country_code) => ({ type: "country" as const, country_code })),
        },
      ],
    },
  })

  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  let [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
  }

  const storeRules = [
    { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
    { attribute: "is_return", value: "false", operator: "eq" as const },
  ]
  const option = (name: string, code: string, description: string, eur: number) => ({
    name,
    price_type: "flat" as const,
    provider_id: "manual_manual",
    service_zone_id: zones[0].id,
    shipping_profile_id: profile.id,
    type: { label: name, code, description },
    prices: [
      { currency_code: "eur", amount: eur },
      { currency_code: "usd", amount: eur + 1 },
      { region_id: regionId, amount: eur },
    ],
    rules: storeRules,
  })
  const { result: options } = await createShippingOptionsWorkflow(container).run({
    input: [
      option("Standard Shipping", "standard", "Delivered in 2-4 days.", 4.95),
      option("Express Shipping", "express", "Delivered next working day.", 9.95),
    ],
  })

  return { locationId, shippingProfileId: profile.id, shippingOptionId: options[0].id }
}

type OrderItemInput = NonNullable<CreateOrderWorkflowInput["items"]>[number]

type DemoVariant = { id: string; title: string; product_title: string }

async function createCatalogue(
  container: MedusaContainer,
  salesChannelId: string,
  shippingProfileId: string,
  locationId: string
): Promise<DemoVariant[]> {
  const { result: categories } = await createProductCategoriesWorkflow(container).run({
    input: {
      product_categories: [
        { name: "Coffee", handle: "coffee", is_active: true },
        { name: "Brewing gear", handle: "brewing-gear", is_active: true },
      ],
    },
  })
  const categoryId = (name: string) => categories.find((c) => c.name === name)!.id

  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: PRODUCTS.map((p) => ({
        title: p.title,
        handle: p.handle,
        description: p.description,
        status: ProductStatus.PUBLISHED,
        category_ids: [categoryId(p.category)],
        shipping_profile_id: shippingProfileId,
        sales_channels: [{ id: salesChannelId }],
        options: [{ title: p.option, values: Object.keys(p.variants) }],
        variants: Object.entries(p.variants).map(([value, [eur, usd]]) => ({
          title: value,
          sku: `${p.handle}-${value}`.toUpperCase().replace(/[^A-Z0-9]+/g, "-"),
          options: { [p.option]: value },
          prices: [
            { currency_code: "eur", amount: eur },
            { currency_code: "usd", amount: usd },
          ],
        })),
      })),
    },
  })

  const variants = products.flatMap((product) =>
    (product.variants ?? []).map((variant) => ({
      id: variant.id,
      title: variant.title!,
      product_title: product.title,
    }))
  )

  // Stock at the warehouse, or orders fail the inventory check.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stocked } = await query.graph({
    entity: "product_variant",
    fields: ["inventory_items.inventory_item_id"],
    filters: { id: variants.map((v) => v.id) },
  })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: stocked.flatMap((variant) =>
        (variant.inventory_items ?? []).map((link) => ({
          inventory_item_id: link!.inventory_item_id,
          location_id: locationId,
          stocked_quantity: 1000,
        }))
      ),
    },
  })
  return variants
}

type SeededCustomer = DemoCustomer & { id: string; signed_up_at: number }

async function createDemoCustomers(
  container: MedusaContainer,
  rand: () => number,
  now: number
): Promise<SeededCustomer[]> {
  // Everyone signed up 11-12 months ago, so a year of orders can follow.
  const withDates = CUSTOMERS.map((customer) => ({
    ...customer,
    signed_up_at: now - Math.round((335 + rand() * 30) * DAY),
  }))
  const { result } = await seedCustomersWorkflow(container).run({
    input: {
      customers: withDates.map((c) => ({ ...c, signed_up_at: new Date(c.signed_up_at).toISOString() })),
    },
  })
  return withDates.map((c) => ({ ...c, id: result.find((r) => r.email === c.email)!.id }))
}

async function createDemoOrders(
  container: MedusaContainer,
  args: {
    rand: () => number
    now: number
    customers: SeededCustomer[]
    variants: DemoVariant[]
    regionId: string
    salesChannelId: string
    shippingOptionId: string
  }
) {
  const { rand, now, customers, variants } = args
  const planned: { customer: SeededCustomer; at: number }[] = []
  customers.forEach((customer, i) => {
    for (let n = 0; n < ORDER_COUNTS[i]; n++) {
      // Between sign-up and a few days ago.
      const span = now - 3 * DAY - customer.signed_up_at
      planned.push({ customer, at: customer.signed_up_at + Math.round(rand() * span) })
    }
  })
  // Oldest first, so display ids grow with time as in a real store.
  planned.sort((a, b) => a.at - b.at)

  for (const [i, { customer, at }] of planned.entries()) {
    const picks = new Set<DemoVariant>()
    const lines = 1 + Math.floor(rand() * 3)
    while (picks.size < lines) picks.add(variants[Math.floor(rand() * variants.length)])

    await seedOrderWorkflow(container).run({
      input: {
        placed_at: new Date(at).toISOString(),
        order: {
          region_id: args.regionId,
          sales_channel_id: args.salesChannelId,
          currency_code: "eur",
          customer_id: customer.id,
          email: customer.email,
          status: "pending",
          shipping_address: addressFor(customer, i),
          billing_address: addressFor(customer, i),
          // No unit_price: the workflow prices variant items from the price
          // list, as at checkout (its type asks for one regardless).
          items: [...picks].map(
            (variant) =>
              ({
                variant_id: variant.id,
                title: variant.product_title,
                quantity: 1 + Math.floor(rand() * 2),
              }) as OrderItemInput
          ),
          shipping_methods: [
            {
              name: "Standard Shipping",
              amount: 4.95,
              is_tax_inclusive: true, // like the store's EUR prices
              shipping_option_id: args.shippingOptionId,
            },
          ],
        },
      },
    })
  }
}

async function createDemoCarts(
  container: MedusaContainer,
  args: {
    now: number
    customers: SeededCustomer[]
    variants: DemoVariant[]
    regionId: string
    salesChannelId: string
  }
) {
  const { customers, variants } = args
  const byEmail = (email: string) => customers.find((c) => c.email === email)!
  // A regular, the sign-up who never bought, and a guest known only by email.
  const shoppers: { email: string; customer?: SeededCustomer; minutesAgo: number }[] = [
    { email: "sophie.dubois@example.com", customer: byEmail("sophie.dubois@example.com"), minutesAgo: 125 },
    { email: "mateo.garcia@example.com", customer: byEmail("mateo.garcia@example.com"), minutesAgo: 130 },
    { email: "guest.shopper@example.com", minutesAgo: 115 },
  ]

  for (const [i, shopper] of shoppers.entries()) {
    const first = variants[(i * 3) % variants.length]
    const second = variants[(i * 3 + 4) % variants.length]
    await seedAbandonedCartWorkflow(container).run({
      input: {
        cart: {
          region_id: args.regionId,
          sales_channel_id: args.salesChannelId,
          currency_code: "eur",
          email: shopper.email,
          customer_id: shopper.customer?.id,
          shipping_address: shopper.customer ? addressFor(shopper.customer, i) : undefined,
          items: [{ variant_id: first.id, quantity: 1 }],
        },
        more_items: [{ variant_id: second.id, quantity: 2 }],
        left_at: new Date(args.now - shopper.minutesAgo * 60_000).toISOString(),
      },
    })
  }
}
