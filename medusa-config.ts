import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { defineFlowStep } from "./src/lib/flows"
import type { FlowStepExecutor } from "./src/workflows/flows/registry"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * A flow step of the store's own, as a developer adds one: the builder
 * offers "Tag contact", saving a flow checks its config, and a run that
 * reaches it calls `execute` once per visit.
 */
const tagContact = defineFlowStep({
  type: "store.tag_contact",
  label: "Tag contact",
  description: "Adds a tag to the contact's metadata.",
  kind: "action",
  configSchema: z.object({ tag: z.string().trim().min(1).max(50) }).strict(),
})

const tagContactExecutor: FlowStepExecutor<{ tag: string }> = {
  step: tagContact,
  execute: async (effect, { container, contact }) => {
    const marketing = container.resolve("marketing") as {
      updateContacts: (data: Record<string, unknown>) => Promise<unknown>
    }
    const metadata = (contact.metadata ?? {}) as { tags?: string[] }
    const tags = [...new Set([...(metadata.tags ?? []), effect.config.tag])]
    await marketing.updateContacts({ id: contact.id, metadata: { ...metadata, tags } })
    return { tags }
  },
}

/**
 * A development store that loads the plugin from source. The plugin's module
 * is listed here; `src/api`, `src/subscribers`, `src/jobs`, `src/links` and
 * `src/workflows` load because this repository is the app's root.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
    cookieOptions: { secure: false },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    // With SMTP_HOST set, email goes out through the plugin's SMTP provider
    // (point it at a local capture server such as Mailpit to see the mail);
    // otherwise Medusa's local provider accepts it and logs one line each.
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          process.env.SMTP_HOST
            ? {
                resolve: "./src/providers/smtp",
                id: "smtp",
                options: {
                  channels: ["email"],
                  host: process.env.SMTP_HOST,
                  port: Number(process.env.SMTP_PORT || 587),
                  ignoreTLS: process.env.SMTP_IGNORE_TLS === "true",
                  pool: false,
                  from: process.env.SMTP_FROM || '"Demo store" <hello@example.com>',
                },
              }
            : {
                resolve: "@medusajs/medusa/notification-local",
                id: "local",
                options: { channels: ["email"] },
              },
        ],
      },
    },
    {
      resolve: "./src/modules/marketing",
      options: {
        storefrontUrl: process.env.STOREFRONT_URL || "http://localhost:8000",
        abandonedCartAfterMinutes: Number(
          process.env.MARKETING_ABANDONED_CART_MINUTES || 60
        ),
        backfillOnStart: process.env.MARKETING_BACKFILL_ON_START === "true",
        publicUrl: process.env.MARKETING_PUBLIC_URL || undefined,
        // Several instances: dispatch on BullMQ workers with one shared send rate.
        redisUrl: process.env.MARKETING_REDIS_URL || undefined,
        // Email-event webhooks accept only providers given a credential here.
        webhooks: {
          generic: process.env.MARKETING_WEBHOOK_SECRET || undefined,
          sendgrid: process.env.SENDGRID_WEBHOOK_PUBLIC_KEY || undefined,
          postmark: process.env.POSTMARK_WEBHOOK_CREDENTIALS || undefined,
          resend: process.env.RESEND_WEBHOOK_SECRET || undefined,
          ses_topic_arns: process.env.SES_SNS_TOPIC_ARNS?.split(",").filter(Boolean),
        },
        flows: { steps: [tagContactExecutor] },
      },
    },
  ],
})
