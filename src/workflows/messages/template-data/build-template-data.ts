import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  createHook,
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import {
  DiscountInput,
  toTemplateCart,
  toTemplateDiscount,
  toTemplateOrder,
  toTemplateScores,
} from "../../../lib/templates/data"
import type { TemplateCustomer, TemplateData } from "../../../types/template-data"
import { recommendProducts } from "./recommend-products"

export type BuildTemplateDataInput = {
  contact_id: string
  /** The cart the message is about, e.g. an abandoned one. */
  cart_id?: string | null
  /** The order the message is about, e.g. a thank-you. */
  order_id?: string | null
  /** A code made for this message; a fixed amount without a currency takes the cart's or order's. */
  discount?: DiscountInput | null
  /** How many products to recommend, 3 when absent; `false` or 0 for none. */
  recommendations?: number | false
  /** Prices recommendations for this region instead of the cart's or order's. */
  region_id?: string | null
}

/** What the message carries in its `data`; `contact`, `store` and `links` are added at send time. */
export type AssembledTemplateData = Partial<TemplateData>

export type TemplateDataAssembledHookInput = {
  input: BuildTemplateDataInput
  data: AssembledTemplateData
}

const LINE_ITEM_FIELDS = [
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.thumbnail",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.product_handle",
]

const CART_FIELDS = [
  "id",
  "currency_code",
  "region_id",
  "sales_channel_id",
  "item_subtotal",
  "subtotal",
  "total",
  ...LINE_ITEM_FIELDS,
]

const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "currency_code",
  "region_id",
  "sales_channel_id",
  "created_at",
  "item_subtotal",
  "subtotal",
  "shipping_total",
  "tax_total",
  "total",
  ...LINE_ITEM_FIELDS,
]

const DEFAULT_RECOMMENDATIONS = 3

async function readOne(
  container: MedusaContainer,
  entity: "cart" | "order" | "customer",
  id: string,
  fields: string[],
  { required = true } = {}
): Promise<any> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [record],
  } = await query.graph({ entity, fields, filters: { id } })
  if (!record && required) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `${entity} with id ${id} was not found`)
  }
  return record ?? null
}

export const buildTemplateDataStepId = "build-template-data"

/**
 * Reads what a message about a contact shows — their customer record, the
 * cart or order it is about, recommendations, a discount — and formats it
 * as template data. Reads only, so there is nothing to compensate.
 */
export const buildTemplateDataStep = createStep(
  buildTemplateDataStepId,
  async (input: BuildTemplateDataInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const contact = await marketing.retrieveContact(input.contact_id)
    const { storefrontUrl } = await marketing.getOptions()

    const [customer, cart, order] = await Promise.all([
      contact.customer_id
        ? // A customer deleted since leaves the contact, which still gets its email.
          readOne(
            container,
            "customer",
            contact.customer_id,
            ["id", "first_name", "last_name", "has_account"],
            { required: false }
          )
        : null,
      input.cart_id ? readOne(container, "cart", input.cart_id, CART_FIELDS) : null,
      input.order_id ? readOne(container, "order", input.order_id, ORDER_FIELDS) : null,
    ])

    const data: AssembledTemplateData = {
      // Email and names are filled at send time; the scores are as of now.
      contact: { scores: toTemplateScores(contact) } as TemplateData["contact"],
      customer: customer
        ? ({
            id: customer.id,
            first_name: customer.first_name ?? null,
            last_name: customer.last_name ?? null,
            has_account: !!customer.has_account,
          } satisfies TemplateCustomer)
        : null,
    }
    if (cart) {
      data.cart = toTemplateCart(cart, { storefrontUrl })
    }
    if (order) {
      data.order = toTemplateOrder(order, { storefrontUrl })
    }

    // The message's cart or order says where the contact shops, so the
    // recommendations are priced as the rest of the email.
    const about = cart ?? order
    const limit = input.recommendations === false ? 0 : input.recommendations ?? DEFAULT_RECOMMENDATIONS
    if (limit > 0) {
      const regionGiven = !!input.region_id
      data.products = await recommendProducts(container, {
        contact_id: contact.id,
        contact,
        limit,
        region_id: input.region_id ?? about?.region_id ?? null,
        currency_code: regionGiven ? null : about?.currency_code ?? null,
        sales_channel_id: about?.sales_channel_id ?? null,
      })
    }

    if (input.discount) {
      const currency = input.discount.currency_code ?? about?.currency_code ?? null
      if (input.discount.type === "fixed" && !currency) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Discount ${input.discount.code} is a fixed amount: give its currency_code`
        )
      }
      data.discount = toTemplateDiscount({ ...input.discount, currency_code: currency })
    }

    return new StepResponse(data)
  }
)

export const buildTemplateDataWorkflowId = "build-template-data"

/**
 * Assembles the template data a message about a contact carries: `customer`,
 * and as asked `cart`, `order`, `products` and `discount`, prices formatted
 * in their currency. The `templateDataAssembled` hook sees the input and the
 * data; an object its handler returns is merged over the data.
 *
 * @example
 * const { result: data } = await buildTemplateDataWorkflow(container).run({
 *   input: { contact_id, cart_id, recommendations: 4 },
 * })
 * await marketing.enqueueMessages([{ contact_id, data, … }])
 *
 * @example
 * // src/workflows/hooks/template-data.ts in your store
 * buildTemplateDataWorkflow.hooks.templateDataAssembled(async ({ data }) =>
 *   new StepResponse({ vip: data.customer?.has_account ?? false })
 * )
 */
export const buildTemplateDataWorkflow = createWorkflow(
  buildTemplateDataWorkflowId,
  (input: BuildTemplateDataInput) => {
    const assembled = buildTemplateDataStep(input)
    const templateDataAssembled = createHook<
      "templateDataAssembled",
      TemplateDataAssembledHookInput,
      Record<string, unknown> | undefined
    >("templateDataAssembled", { input, data: assembled })
    const additions = templateDataAssembled.getResult()
    const data = transform({ assembled, additions }, ({ assembled, additions }) =>
      additions && typeof additions === "object" && !Array.isArray(additions)
        ? ({ ...assembled, ...additions } as AssembledTemplateData)
        : assembled
    )
    return new WorkflowResponse(data, { hooks: [templateDataAssembled] })
  }
)
