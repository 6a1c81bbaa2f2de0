import { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  getTotalVariantAvailability,
  getVariantAvailability,
  QueryContext,
} from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { toNumber } from "../../../lib/money/to-number"
import { toTemplateProduct } from "../../../lib/templates/data"
import type { TemplateProduct } from "../../../types/template-data"
import { findLatestActivity } from "./latest-activity"

/** What recommendations read of a contact; a caller that holds the contact passes it to save a read. */
export type RecommendationContact = {
  id: string
  email: string
  customer_id?: string | null
  product_ids?: string[] | null
  category_ids?: string[] | null
  last_order_at?: Date | string | null
  last_cart_at?: Date | string | null
}

export type RecommendProductsInput = {
  contact_id: string
  /** The contact, when the caller has just read it. */
  contact?: RecommendationContact
  /** How many products at most; 3 when absent. */
  limit?: number
  /** Prices for this region; else the contact's latest order's or cart's, else the store's default. */
  region_id?: string | null
  /** Defaults to the region's currency. */
  currency_code?: string | null
  /** Stock is counted in this channel's locations; else the contact's latest, else the store's default. */
  sales_channel_id?: string | null
}

type Market = {
  region_id: string | null
  currency_code: string
  sales_channel_id: string | null
}

type Query = ReturnType<typeof resolveQuery>
const resolveQuery = (container: MedusaContainer) =>
  container.resolve(ContainerRegistrationKeys.QUERY)

/**
 * Products to show a contact, in stock and priced for their region:
 * first what buyers of the contact's products also bought, then the best
 * sellers of the categories the contact bought from, then the store's best
 * sellers. Products the contact already bought are never suggested.
 *
 * @example
 * const products = await recommendProducts(container, { contact_id, limit: 4 })
 */
export async function recommendProducts(
  container: MedusaContainer,
  input: RecommendProductsInput
): Promise<TemplateProduct[]> {
  const limit = input.limit ?? 3
  if (limit <= 0) {
    return []
  }
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const query = resolveQuery(container)
  const contact: RecommendationContact =
    input.contact?.id === input.contact_id
      ? input.contact
      : await marketing.retrieveContact(input.contact_id)
  const market = await resolveMarket(container, contact, input)
  if (!market) {
    return []
  }
  const { storefrontUrl } = await marketing.getOptions()

  const owned: string[] = contact.product_ids ?? []
  const categories: string[] = contact.category_ids ?? []
  // Ranked lists are fetched longer than `limit` because some of their
  // products are out of stock, unpublished or unpriced in this region.
  const pool = Math.max(limit * 4, 12)
  const tiers: (() => Promise<string[]>)[] = [
    async () =>
      owned.length ? ids(await marketing.coPurchasedProducts(contact.id, pool)) : [],
    async () =>
      categories.length
        ? ids(await marketing.popularProducts(await productsInCategories(query, categories), pool))
        : [],
    async () => ids(await marketing.popularProducts(null, pool + owned.length)),
  ]

  const seen = new Set(owned)
  const picked: TemplateProduct[] = []
  for (const tier of tiers) {
    if (picked.length >= limit) {
      break
    }
    const candidates = (await tier()).filter((id) => !seen.has(id))
    candidates.forEach((id) => seen.add(id))
    const sellable = await priceInStock(query, candidates, market)
    for (const { product, price } of sellable.slice(0, limit - picked.length)) {
      picked.push(toTemplateProduct(product, price, market.currency_code, storefrontUrl))
    }
  }
  return picked
}

const ids = (rows: { product_id: string }[]) => rows.map((row) => row.product_id)

async function productsInCategories(query: Query, categoryIds: string[]): Promise<string[]> {
  const { data } = await query.graph({
    entity: "product",
    fields: ["id"],
    filters: { categories: { id: categoryIds }, status: "published" } as any,
  })
  return data.map((product: any) => product.id)
}

/**
 * Where the contact shops: the region prices come from, its currency, and
 * the sales channel whose stock locations count. Null when the store has
 * nothing to price in.
 */
async function resolveMarket(
  container: MedusaContainer,
  contact: RecommendationContact,
  input: RecommendProductsInput
): Promise<Market | null> {
  const query = resolveQuery(container)
  let regionId = input.region_id ?? null
  let salesChannelId = input.sales_channel_id ?? null
  // A contact who never ordered nor touched a cart has nothing to look up:
  // most emails of a welcome series go to such contacts.
  const shopped = !!(contact.last_order_at || contact.last_cart_at)
  if ((!regionId || !salesChannelId) && shopped) {
    const latest = await findLatestActivity(container, contact)
    const recent = [latest.order, latest.cart]
    regionId ??= recent.find((ref) => ref?.region_id)?.region_id ?? null
    salesChannelId ??= recent.find((ref) => ref?.sales_channel_id)?.sales_channel_id ?? null
  }

  const {
    data: [store],
  } = await query.graph({
    entity: "store",
    fields: [
      "default_region_id",
      "default_sales_channel_id",
      "supported_currencies.currency_code",
      "supported_currencies.is_default",
    ],
  })
  regionId ??= store?.default_region_id ?? null
  salesChannelId ??= store?.default_sales_channel_id ?? null

  let regionCurrency: string | null = null
  if (regionId) {
    const {
      data: [region],
    } = await query.graph({
      entity: "region",
      fields: ["id", "currency_code"],
      filters: { id: regionId },
    })
    regionCurrency = region?.currency_code ?? null
    // A region deleted since the contact's last order prices nothing.
    regionId = region ? regionId : null
  }
  const storeCurrency =
    (store?.supported_currencies ?? []).find((currency: any) => currency?.is_default)
      ?.currency_code ?? null
  const currency = input.currency_code ?? regionCurrency ?? storeCurrency
  if (!currency) {
    return null
  }
  return {
    region_id: regionId,
    currency_code: currency.toLowerCase(),
    sales_channel_id: salesChannelId,
  }
}

type Priced = {
  product: { id: string; title: string; handle: string | null; thumbnail: string | null }
  price: number
}

/**
 * The candidates that are published, sold in the market's channel and have
 * an in-stock variant priced in the market, each at the lowest such price,
 * in the candidates' order.
 */
async function priceInStock(query: Query, productIds: string[], market: Market): Promise<Priced[]> {
  if (!productIds.length) {
    return []
  }
  const pricing = QueryContext({
    currency_code: market.currency_code,
    ...(market.region_id ? { region_id: market.region_id } : {}),
  })
  const { data: products } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "title",
      "handle",
      "thumbnail",
      "sales_channels.id",
      "variants.id",
      "variants.manage_inventory",
      "variants.calculated_price.calculated_amount",
    ],
    filters: { id: productIds, status: "published" } as any,
    context: { variants: { calculated_price: pricing } },
  })

  const inStock = await stockedVariants(query, products, market.sales_channel_id)
  const byId = new Map<string, Priced>()
  for (const product of products as any[]) {
    const channels: string[] = (product.sales_channels ?? []).map((channel: any) => channel?.id)
    if (market.sales_channel_id && !channels.includes(market.sales_channel_id)) {
      continue
    }
    const prices = (product.variants ?? [])
      .filter((variant: any) => variant && inStock.has(variant.id))
      .map((variant: any) => variant.calculated_price?.calculated_amount)
      .filter((amount: unknown) => amount !== null && amount !== undefined)
      .map(toNumber)
    if (!prices.length) {
      continue
    }
    byId.set(product.id, {
      product: {
        id: product.id,
        title: product.title,
        handle: product.handle ?? null,
        thumbnail: product.thumbnail ?? null,
      },
      price: Math.min(...prices),
    })
  }
  return productIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
}

/**
 * Variants that can be sold now. A variant whose inventory Medusa does not
 * manage is always available; the others need stock in a location of the
 * sales channel, or anywhere when no channel is known.
 */
async function stockedVariants(
  query: Query,
  products: any[],
  salesChannelId: string | null
): Promise<Set<string>> {
  const variants = products.flatMap((product) => product.variants ?? []).filter(Boolean)
  const available = new Set<string>(
    variants.filter((variant: any) => variant.manage_inventory === false).map((v: any) => v.id)
  )
  const managed: string[] = variants
    .filter((variant: any) => variant.manage_inventory !== false)
    .map((variant: any) => variant.id)
  if (!managed.length) {
    return available
  }
  const availability = salesChannelId
    ? await getVariantAvailability(query, { variant_ids: managed, sales_channel_id: salesChannelId })
    : await getTotalVariantAvailability(query, { variant_ids: managed })
  for (const id of managed) {
    if ((availability[id]?.availability ?? 0) > 0) {
      available.add(id)
    }
  }
  return available
}
