import { z } from "@medusajs/framework/zod"
import { createListParams } from "../query-params"
import { AB_TEST_LIMITS, AB_TEST_METRICS } from "../../../../lib/campaigns"
import { CAMPAIGN_STATUSES } from "../../../../modules/marketing/models/campaign"

const MAX_SEGMENTS = 50

const name = z
  .string("name: must be text")
  .trim()
  .min(1, "name: must not be empty")
  .max(200, "name: must be at most 200 characters")

const subject = (field: string) =>
  z
    .string(`${field}: must be text`)
    .trim()
    .min(1, `${field}: must not be empty; leave it out to keep the template's subject`)
    .max(300, `${field}: must be at most 300 characters`)

const id = (field: string) => z.string(`${field}: must be an id`).trim().min(1, `${field}: must not be empty`)

const segmentIds = (field: string) =>
  z
    .array(id(field), `${field}: must be a list of segment ids`)
    .max(MAX_SEGMENTS, `${field}: at most ${MAX_SEGMENTS} segments`)
    .refine((ids) => new Set(ids).size === ids.length, `${field}: lists a segment twice`)

const scheduledAt = z.iso.datetime({
  offset: true,
  error: "scheduled_at: must be an ISO 8601 date and time, e.g. 2027-06-01T09:00:00Z",
})

const { variants, samplePercent, decideAfterHours } = AB_TEST_LIMITS

const abTest = z
  .object(
    {
      variants: z
        .array(
          z
            .object({
              key: z
                .string("ab_test.variants.key: must be text")
                .regex(/^[A-Za-z0-9_-]{1,20}$/, "ab_test.variants.key: 1 to 20 letters, digits, - or _"),
              subject: subject("ab_test.variants.subject").nullish(),
              template_id: id("ab_test.variants.template_id").nullish(),
            })
            .strict(),
          "ab_test.variants: must be a list of variants"
        )
        .min(variants.min, `ab_test.variants: at least ${variants.min} variants`)
        .max(variants.max, `ab_test.variants: at most ${variants.max} variants`),
      sample_percent: z
        .number("ab_test.sample_percent: must be a number")
        .min(samplePercent.min, `ab_test.sample_percent: at least ${samplePercent.min}`)
        .max(samplePercent.max, `ab_test.sample_percent: at most ${samplePercent.max}`),
      metric: z.enum(AB_TEST_METRICS, `ab_test.metric: one of ${AB_TEST_METRICS.join(", ")}`),
      decide_after_hours: z
        .number("ab_test.decide_after_hours: must be a number of hours")
        .int("ab_test.decide_after_hours: must be a whole number of hours")
        .min(decideAfterHours.min, `ab_test.decide_after_hours: at least ${decideAfterHours.min}`)
        .max(decideAfterHours.max, `ab_test.decide_after_hours: at most ${decideAfterHours.max}`),
    },
    "ab_test: must be an object"
  )
  .strict()

// Which templates and segments exist, and whether variants differ, is checked by the workflows.
export const AdminCreateCampaign = z
  .object({
    name,
    template_id: id("template_id"),
    subject: subject("subject").nullish(),
    segment_ids: segmentIds("segment_ids").min(1, "segment_ids: at least one segment"),
    exclude_segment_ids: segmentIds("exclude_segment_ids").nullish(),
    transactional: z.boolean("transactional: must be true or false").optional(),
    scheduled_at: scheduledAt.nullish(),
    local_time: z.boolean("local_time: must be true or false").optional(),
    ab_test: abTest.nullish(),
  })
  .strict()
export type AdminCreateCampaignType = z.infer<typeof AdminCreateCampaign>

// Written out rather than `.partial()`, which in zod 4 would apply defaults.
export const AdminUpdateCampaign = z
  .object({
    name: name.optional(),
    template_id: id("template_id").optional(),
    subject: subject("subject").nullish(),
    segment_ids: segmentIds("segment_ids").min(1, "segment_ids: at least one segment").optional(),
    exclude_segment_ids: segmentIds("exclude_segment_ids").nullish(),
    transactional: z.boolean("transactional: must be true or false").optional(),
    scheduled_at: scheduledAt.nullish(),
    local_time: z.boolean("local_time: must be true or false").optional(),
    ab_test: abTest.nullish(),
  })
  .strict()
export type AdminUpdateCampaignType = z.infer<typeof AdminUpdateCampaign>

/** `scheduled_at` null sends now; left out, the campaign's own time is used (now when it has none). */
export const AdminScheduleCampaign = z
  .object({
    scheduled_at: scheduledAt.nullish(),
    local_time: z.boolean("local_time: must be true or false").optional(),
  })
  .strict()
export type AdminScheduleCampaignType = z.infer<typeof AdminScheduleCampaign>

export const AdminCampaignAudience = z
  .object({
    segment_ids: segmentIds("segment_ids").min(1, "segment_ids: at least one segment"),
    exclude_segment_ids: segmentIds("exclude_segment_ids").nullish(),
    /** Whether the campaign skips consent (never suppression), which changes who it reaches. */
    transactional: z.boolean().optional(),
  })
  .strict()
export type AdminCampaignAudienceType = z.infer<typeof AdminCampaignAudience>

export const AdminGetCampaignsParams = createListParams({
  limit: 20,
  order: "-created_at",
  orderable: ["name", "status", "scheduled_at", "started_at", "finished_at", "created_at", "updated_at"],
})
  .extend({
    q: z.string().trim().max(200).optional(),
    status: z.union([z.enum(CAMPAIGN_STATUSES), z.array(z.enum(CAMPAIGN_STATUSES))]).optional(),
  })
  .strict()
export type AdminGetCampaignsParamsType = z.infer<typeof AdminGetCampaignsParams>
