import { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"

export const marketingOptionsSchema = z
  .object({
    storefrontUrl: z.string().url().optional(),
    /**
     * Where email clients reach this Medusa server: tracking, unsubscribe
     * and preference links point here.
     */
    publicUrl: z.string().url().optional(),
    /** Signs tracking and unsubscribe links; Medusa's JWT secret when absent. */
    secret: z.string().min(16).optional(),
    /** Redis shared by the store's instances: the send rate then holds across all of them. */
    redisUrl: z.string().url().optional(),
    /** Credentials the email-event webhooks check, by provider. */
    webhooks: z
      .object({
        generic: z.string().min(8).optional(),
        sendgrid: z.string().min(8).optional(),
        postmark: z.string().min(3).optional(),
        resend: z.string().min(8).optional(),
        /** The store's SNS topics for Amazon SES events; SES events are refused until one is set. */
        ses_topic_arns: z
          .array(z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, "must be an SNS topic ARN"))
          .optional(),
      })
      .strict()
      .default({}),
    abandonedCartAfterMinutes: z.number().int().min(1).max(43200).default(60),
    abandonedCartMaxAgeHours: z.number().int().min(1).max(8760).default(168),
    backfillOnStart: z.boolean().default(false),
    backfillPageSize: z.number().int().min(10).max(5000).default(250),
    /**
     * Step types and triggers of the store's own for flows (see
     * `FlowStepExecutor` and `FlowTriggerSource` in the plugin's exports).
     * Checked when the registry is built, so a mistake names the step.
     */
    flows: z
      .object({
        steps: z.array(z.custom<unknown>((value) => typeof value === "object" && value !== null)).default([]),
        triggers: z.array(z.custom<unknown>((value) => typeof value === "object" && value !== null)).default([]),
      })
      .strict()
      .default({ steps: [], triggers: [] }),
  })
  .strict()

export type MarketingPluginOptions = z.input<typeof marketingOptionsSchema>
export type MarketingOptions = z.output<typeof marketingOptionsSchema>

/**
 * Validates plugin options, naming the offending option so a typo in
 * `medusa-config.ts` stops the boot with a message a shop owner can act on.
 */
export function parseMarketingOptions(raw: unknown): MarketingOptions {
  // Medusa adds its own keys to module options; only the user's are checked.
  const { database: _database, ...userOptions } = (raw ?? {}) as Record<string, unknown>
  const result = marketingOptionsSchema.safeParse(userOptions)
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`)
      .join("; ")
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      `Invalid medusa-marketing-automation options: ${details}`
    )
  }
  return result.data
}
