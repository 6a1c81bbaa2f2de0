import { z } from "@medusajs/framework/zod"

/** The most rows one page of an admin list returns. */
export const MAX_LIST_LIMIT = 1000

/**
 * The paging query of an admin list. Medusa's `createFindParams` lets a
 * negative offset or limit, or an order on a field that does not exist,
 * through to the database, which answers with a 500; here each is a 400
 * naming the parameter. `order` is one of `orderable`, with a leading `-`
 * to sort descending.
 *
 * @example
 * export const AdminGetSegmentsParams = createListParams({ limit: 50, order: "name", orderable: ["name", "created_at"] })
 *   .extend({ q: z.string().optional() })
 *   .strict()
 */
export function createListParams<const T extends string>(options: { limit: number; order: string; orderable: readonly T[] }) {
  const orderable = new Set<string>(options.orderable)
  return z.object({
    fields: z.string().max(2000).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(options.limit),
    order: z
      .string()
      .refine((value) => orderable.has(value.replace(/^-/, "")), {
        message: `order: must be one of ${[...orderable].join(", ")}, with a leading - to sort descending`,
      })
      .default(options.order),
  })
}

// Dates Postgres stores and a merchant means: a year with four digits.
const EARLIEST = Date.UTC(1900, 0, 1)
const LATEST = Date.UTC(10000, 0, 1) - 1

/**
 * A date in a query or body (anything `Date` parses), from 1900 to 9999:
 * outside that range JavaScript dates still parse but Postgres refuses
 * them, which would be a 500.
 */
export function dateParam(field: string) {
  return z.coerce
    .date({ message: `${field}: expected a date` })
    .refine((date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST, {
      message: `${field}: must be between the years 1900 and 9999`,
    })
}
