import { z } from "@medusajs/framework/zod"

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value })
    return true
  } catch {
    return false
  }
}

export const AdminGetOverviewParams = z
  .object({
    /** Where "this month" and each day start; the admin sends the browser's. */
    time_zone: z
      .string()
      .trim()
      .refine(isTimeZone, "time_zone: expected an IANA time zone such as Europe/Berlin")
      .default("UTC"),
  })
  .strict()
export type AdminGetOverviewParamsType = z.infer<typeof AdminGetOverviewParams>
