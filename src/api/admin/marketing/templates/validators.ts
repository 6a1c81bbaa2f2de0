import { z } from "@medusajs/framework/zod"
import { createListParams } from "../query-params"

// Each message names its field, so the editor can show it under that field.
const TemplateContent = z
  .object({
    subject: z.string().trim().min(1, "subject: must not be empty").max(500, "subject: at most 500 characters"),
    preheader: z.string().max(500, "preheader: at most 500 characters").nullish(),
    mjml: z.string().min(1, "mjml: must not be empty").max(500_000, "mjml: at most 500,000 characters"),
    text: z.string().max(200_000, "text: at most 200,000 characters").nullish(),
    from_name: z.string().trim().max(200, "from_name: at most 200 characters").nullish(),
    from_email: z.string().trim().email("from_email: must be an email address").nullish(),
    reply_to: z.string().trim().email("reply_to: must be an email address").nullish(),
  })
  .strict()

export const AdminCreateTemplate = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullish(),
    transactional: z.boolean().optional(),
    topic: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/).nullish(),
    content: TemplateContent,
  })
  .strict()
export type AdminCreateTemplateType = z.infer<typeof AdminCreateTemplate>

export const AdminUpdateTemplate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).nullish(),
    transactional: z.boolean().optional(),
    topic: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/).nullish(),
    content: TemplateContent.optional(),
  })
  .strict()
export type AdminUpdateTemplateType = z.infer<typeof AdminUpdateTemplate>

export const AdminPreviewTemplate = z
  .object({
    /** Render with this contact's data instead of the sample data. */
    contact_id: z.string().min(1).optional(),
    /** A version number; the latest when absent. */
    version: z.number().int().min(1).optional(),
    /** Unsaved content to preview while editing. */
    content: TemplateContent.optional(),
  })
  .strict()
export type AdminPreviewTemplateType = z.infer<typeof AdminPreviewTemplate>

export const AdminGetTemplatesParams = createListParams({
  limit: 20,
  order: "-updated_at",
  orderable: ["name", "created_at", "updated_at"],
})
  .extend({ q: z.string().trim().max(200).optional() })
  .strict()
export type AdminGetTemplatesParamsType = z.infer<typeof AdminGetTemplatesParams>

export const AdminTestSendTemplate = z
  .object({
    email: z.string().trim().email(),
    /** A version number; the latest when absent. */
    version: z.number().int().min(1).optional(),
  })
  .strict()
export type AdminTestSendTemplateType = z.infer<typeof AdminTestSendTemplate>
