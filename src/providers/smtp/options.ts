import { z } from "@medusajs/framework/zod"

export const smtpOptionsSchema = z
  .object({
    /** Set by the Notification Module's provider config; this provider serves "email". */
    channels: z.array(z.string()).optional(),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
    secure: z.boolean().default(false),
    auth: z.object({ user: z.string(), pass: z.string() }).strict().optional(),
    /** Default sender, e.g. `"Linen & Co" <hello@linen.example>`. */
    from: z.string().min(3),
    /** Reuse connections; worth it for campaigns. */
    pool: z.boolean().default(true),
    maxConnections: z.number().int().min(1).max(50).default(5),
    /** For a local capture server without TLS only. */
    ignoreTLS: z.boolean().default(false),
  })
  .strict()

export type SmtpOptions = z.output<typeof smtpOptionsSchema>
