import { z } from "@medusajs/framework/zod"

// Medusa's 400 shows a format error's message alone, so the message names the field.
const clock = (field: string) =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${field}: expected a time as HH:MM (24 hours)`)

const topic = z
  .object({
    key: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, "topics.key: use 1–40 lower-case letters, digits, - or _"),
    name: z.string().trim().min(1).max(80),
    description: z.string().trim().max(300).default(""),
  })
  .strict()

/**
 * Every setting a merchant can change in the admin, with its default. The
 * stored row keeps only what was saved; reads parse it through this schema,
 * so defaults fill whatever was never set.
 */
export const marketingSettingsSchema = z
  .object({
    sender: z
      .object({
        from_name: z.string().trim().max(200).nullable().default(null),
        from_email: z.string().trim().email().nullable().default(null),
        reply_to: z.string().trim().email().nullable().default(null),
      })
      .strict()
      .default({ from_name: null, from_email: null, reply_to: null }),
    store: z
      .object({
        name: z.string().trim().max(200).nullable().default(null),
        logo_url: z.string().trim().url().nullable().default(null),
        /** The postal address the law asks every marketing email to carry. */
        address: z.string().trim().max(500).default(""),
        support_email: z.string().trim().email().nullable().default(null),
      })
      .strict()
      .default({ name: null, logo_url: null, address: "", support_email: null }),
    tracking: z
      .object({
        opens: z.boolean().default(true),
        clicks: z.boolean().default(true),
      })
      .strict()
      .default({ opens: true, clicks: true }),
    utm: z
      .object({
        enabled: z.boolean().default(true),
        source: z.string().trim().min(1).max(100).default("newsletter"),
        medium: z.string().trim().min(1).max(100).default("email"),
      })
      .strict()
      .default({ enabled: true, source: "newsletter", medium: "email" }),
    frequency_cap: z
      .object({
        /** 0 turns the cap off. */
        max_messages: z.number().int().min(0).max(100).default(1),
        window_hours: z.number().int().min(1).max(24 * 30).default(16),
      })
      .strict()
      .default({ max_messages: 1, window_hours: 16 }),
    quiet_hours: z
      .object({
        enabled: z.boolean().default(true),
        start: clock("quiet_hours.start").default("21:00"),
        end: clock("quiet_hours.end").default("08:00"),
      })
      .strict()
      .default({ enabled: true, start: "21:00", end: "08:00" }),
    /** Emails per second across every dispatcher. */
    send_rate_per_second: z.number().min(0.1).max(10_000).default(50),
    double_opt_in: z.boolean().default(false),
    /** Soft bounces in a row that suppress a contact. */
    soft_bounce_limit: z.number().int().min(1).max(50).default(3),
    /**
     * How long after a person's click (or open) an order still counts for
     * the email. 0 days of open window attributes on clicks only.
     */
    attribution: z
      .object({
        click_window_days: z.number().int().min(1).max(90).default(5),
        open_window_days: z.number().int().min(0).max(30).default(1),
      })
      .strict()
      .default({ click_window_days: 5, open_window_days: 1 }),
    topics: z
      .array(topic)
      .max(20)
      .refine((list) => new Set(list.map((t) => t.key)).size === list.length, "Topic keys must be unique")
      .default([
        { key: "newsletter", name: "News and new arrivals", description: "What is new in the store." },
        { key: "offers", name: "Offers", description: "Discounts and sales." },
        { key: "reminders", name: "Reminders", description: "Carts you left and products you looked at." },
      ]),
  })
  .strict()

export type MarketingSettings = z.output<typeof marketingSettingsSchema>

type Section = z.ZodObject<Record<string, z.ZodType>>

/**
 * A section whose fields are all optional and default to nothing, so a
 * patch never resets a setting it did not name.
 */
function patchOf(section: z.ZodType): z.ZodOptional<Section> {
  const object = (section instanceof z.ZodDefault ? section.unwrap() : section) as Section
  const fields = Object.fromEntries(
    Object.entries(object.shape).map(([key, field]) => [
      key,
      ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional(),
    ])
  )
  return z.object(fields).strict().optional() as z.ZodOptional<Section>
}

const shape = marketingSettingsSchema.shape

/** What the admin may send: any part of the settings, sections merged one level deep. */
export const marketingSettingsPatchSchema = z
  .object({
    sender: patchOf(shape.sender),
    // Emails load the logo from here; only a web address makes sense (stored rows predating this still read).
    store: patchOf(shape.store).refine(
      (store) => typeof store?.logo_url !== "string" || /^https?:\/\//i.test(store.logo_url),
      { message: "store.logo_url: must be an http or https address", path: ["logo_url"] }
    ),
    tracking: patchOf(shape.tracking),
    utm: patchOf(shape.utm),
    frequency_cap: patchOf(shape.frequency_cap),
    quiet_hours: patchOf(shape.quiet_hours),
    send_rate_per_second: shape.send_rate_per_second.unwrap().optional(),
    double_opt_in: z.boolean().optional(),
    soft_bounce_limit: shape.soft_bounce_limit.unwrap().optional(),
    attribution: patchOf(shape.attribution),
    topics: shape.topics.unwrap().optional(),
  })
  .strict()

export type MarketingSettingsPatch = {
  [K in keyof MarketingSettings]?: MarketingSettings[K] extends unknown[]
    ? MarketingSettings[K]
    : MarketingSettings[K] extends object
      ? Partial<MarketingSettings[K]>
      : MarketingSettings[K]
}

/** Merges a patch into stored values, section by section. */
export function mergeSettings(
  stored: Record<string, unknown>,
  patch: MarketingSettingsPatch
): MarketingSettings {
  const merged: Record<string, unknown> = { ...stored }
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key]
    merged[key] =
      value && typeof value === "object" && !Array.isArray(value) && current && typeof current === "object"
        ? { ...(current as object), ...value }
        : value
  }
  return marketingSettingsSchema.parse(merged)
}

export function readSettings(stored: unknown): MarketingSettings {
  const parsed = marketingSettingsSchema.safeParse(stored ?? {})
  // A row written by an older version that no longer parses falls back to
  // defaults rather than stopping every send.
  return parsed.success ? parsed.data : marketingSettingsSchema.parse({})
}
