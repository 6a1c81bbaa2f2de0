import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type ActivityRef = {
  id: string
  region_id: string | null
  sales_channel_id: string | null
}

export type LatestActivity = {
  /** The most recently updated open cart that has items. */
  cart: ActivityRef | null
  /** The most recent order (drafts aside). */
  order: ActivityRef | null
}

const REF_FIELDS = ["id", "region_id", "sales_channel_id"]
// Open carts without items are common (a storefront makes one per visit);
// looking at a few recent ones finds the last cart that had something in it.
const CARTS_TO_SCAN = 10

/**
 * Finds a contact's latest open cart with items and latest order. Medusa
 * links guests to a customer record too, so the indexed `customer_id` finds
 * nearly everything; the email catches carts made before that link.
 */
export async function findLatestActivity(
  container: MedusaContainer,
  contact: { email: string; customer_id?: string | null }
): Promise<LatestActivity> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const owner = contact.customer_id
    ? { $or: [{ customer_id: contact.customer_id }, { email: contact.email }] }
    : { email: contact.email }

  const [{ data: carts }, { data: orders }] = await Promise.all([
    query.graph({
      entity: "cart",
      fields: [...REF_FIELDS, "items.id"],
      filters: { ...owner, completed_at: null } as any,
      pagination: { take: CARTS_TO_SCAN, order: { updated_at: "DESC" } },
    }),
    query.graph({
      entity: "order",
      fields: REF_FIELDS,
      filters: { ...owner, is_draft_order: false } as any,
      pagination: { take: 1, order: { created_at: "DESC" } },
    }),
  ])
  const cart = carts.find((candidate: any) => candidate?.items?.length)
  return { cart: cart ? toRef(cart) : null, order: orders[0] ? toRef(orders[0]) : null }
}

function toRef(record: any): ActivityRef {
  return {
    id: record.id,
    region_id: record.region_id ?? null,
    sales_channel_id: record.sales_channel_id ?? null,
  }
}
