/**
 * The campaign wizard's form state, what it sends to the API, and the
 * mistakes it can point out before asking the server.
 */
import { AB_TEST_LIMITS, effectiveVariant } from "../../lib/campaigns/ab-test"
import { VARIANT_KEYS, variantLabel } from "./campaign-ab"
import type { CampaignIssue, WizardStep } from "./campaign-issues"
import { checkScheduledAt, fromDateTimeInput, toDateTimeInput } from "./campaign-schedule"
import type {
  AbTest,
  AbTestMetric,
  Campaign,
  CampaignPayload,
  CampaignStatus,
  SchedulePayload,
} from "./campaign-types"

/** What the variants of a test differ in. */
export type AbTestBy = "subject" | "template"

export type VariantDraft = {
  key: string
  /** Empty keeps the campaign's subject. */
  subject: string
  /** Empty keeps the campaign's template. */
  template_id: string
}

export type AbTestDraft = {
  enabled: boolean
  by: AbTestBy
  variants: VariantDraft[]
  /** Kept as typed, so a field can be cleared and retyped. */
  sample_percent: string
  metric: AbTestMetric
  decide_after_hours: string
}

export type SendMode = "now" | "later"

export type CampaignDraft = {
  name: string
  segment_ids: string[]
  exclude_segment_ids: string[]
  template_id: string
  /** Empty keeps the template's subject. */
  subject: string
  transactional: boolean
  ab_test: AbTestDraft
  send: SendMode
  /** The date-time input's value ("2027-06-01T09:00"). */
  scheduled_at: string
  local_time: boolean
}

const variant = (key: string): VariantDraft => ({ key, subject: "", template_id: "" })

export const newAbTestDraft = (): AbTestDraft => ({
  enabled: false,
  by: "subject",
  variants: [variant(VARIANT_KEYS[0]), variant(VARIANT_KEYS[1])],
  sample_percent: "20",
  metric: "open_rate",
  decide_after_hours: "4",
})

export const newCampaignDraft = (): CampaignDraft => ({
  name: "",
  segment_ids: [],
  exclude_segment_ids: [],
  template_id: "",
  subject: "",
  transactional: false,
  ab_test: newAbTestDraft(),
  send: "now",
  scheduled_at: "",
  local_time: false,
})

export const draftFromCampaign = (campaign: Campaign): CampaignDraft => {
  const test = campaign.ab_test
  return {
    name: campaign.name,
    segment_ids: [...campaign.segment_ids],
    exclude_segment_ids: [...(campaign.exclude_segment_ids ?? [])],
    template_id: campaign.template_id,
    subject: campaign.subject ?? "",
    transactional: campaign.transactional,
    ab_test: test
      ? {
          enabled: true,
          by: test.variants.some((v) => v.template_id) ? "template" : "subject",
          variants: test.variants.map((v) => ({
            key: v.key,
            subject: v.subject ?? "",
            template_id: v.template_id ?? "",
          })),
          sample_percent: String(test.sample_percent),
          metric: test.metric,
          decide_after_hours: String(test.decide_after_hours),
        }
      : newAbTestDraft(),
    send: campaign.scheduled_at ? "later" : "now",
    scheduled_at: toDateTimeInput(campaign.scheduled_at, campaign.local_time),
    local_time: campaign.local_time,
  }
}

/** A fresh variant with the first key the test does not use yet; null at the API's limit. */
export const addVariant = (test: AbTestDraft): AbTestDraft | null => {
  const used = new Set(test.variants.map((v) => v.key))
  const key = VARIANT_KEYS.find((candidate) => !used.has(candidate))
  if (!key || test.variants.length >= AB_TEST_LIMITS.variants.max) {
    return null
  }
  return { ...test, variants: [...test.variants, variant(key)] }
}

/** Switching what the test varies clears the other kind of value: a variant differs in one thing. */
export const testBy = (test: AbTestDraft, by: AbTestBy): AbTestDraft => ({
  ...test,
  by,
  variants: test.variants.map((v) => (by === "subject" ? { ...v, template_id: "" } : { ...v, subject: "" })),
})

const toNumber = (value: string): number => (value.trim() === "" ? Number.NaN : Number(value))

const orNull = (value: string): string | null => value.trim() || null

export const abTestFromDraft = (test: AbTestDraft): AbTest | null => {
  if (!test.enabled) {
    return null
  }
  return {
    variants: test.variants.map((v) =>
      test.by === "subject" ? { key: v.key, subject: orNull(v.subject) } : { key: v.key, template_id: orNull(v.template_id) }
    ),
    sample_percent: toNumber(test.sample_percent),
    metric: test.metric,
    decide_after_hours: toNumber(test.decide_after_hours),
  }
}

/** The time the schedule step names, as the API stores it; null for "now" or an incomplete input. */
export const scheduledAtFromDraft = (draft: CampaignDraft): string | null =>
  draft.send === "later" ? fromDateTimeInput(draft.scheduled_at, draft.local_time) : null

/**
 * The whole campaign for a create or an update. A scheduled campaign must
 * keep a time, so saving one set to "send now" leaves its time alone: only
 * confirming the wizard sends it now.
 */
export const draftToPayload = (draft: CampaignDraft, status?: CampaignStatus): CampaignPayload => {
  const scheduledAt = scheduledAtFromDraft(draft)
  return {
    name: draft.name.trim(),
    template_id: draft.template_id,
    subject: orNull(draft.subject),
    segment_ids: draft.segment_ids,
    exclude_segment_ids: draft.exclude_segment_ids,
    transactional: draft.transactional,
    ...(scheduledAt || status !== "scheduled" ? { scheduled_at: scheduledAt } : {}),
    local_time: draft.send === "later" && draft.local_time,
    ab_test: abTestFromDraft(draft.ab_test),
  }
}

export const schedulePayload = (draft: CampaignDraft): SchedulePayload => ({
  scheduled_at: scheduledAtFromDraft(draft),
  local_time: draft.send === "later" && draft.local_time,
})

const issue = (step: WizardStep, field: string, message: string): CampaignIssue => ({ step, field, message })

const abTestIssues = (draft: CampaignDraft): CampaignIssue[] => {
  const test = draft.ab_test
  if (!test.enabled) {
    return []
  }
  const issues: CampaignIssue[] = []
  const { samplePercent, decideAfterHours } = AB_TEST_LIMITS
  const percent = toNumber(test.sample_percent)
  if (!Number.isFinite(percent) || percent < samplePercent.min || percent > samplePercent.max) {
    issues.push(
      issue("ab_test", "ab_test.sample_percent", `The sample must be ${samplePercent.min} to ${samplePercent.max}% of the audience.`)
    )
  }
  const hours = toNumber(test.decide_after_hours)
  if (!Number.isInteger(hours) || hours < decideAfterHours.min || hours > decideAfterHours.max) {
    issues.push(
      issue(
        "ab_test",
        "ab_test.decide_after_hours",
        `Decide after a whole number of hours from ${decideAfterHours.min} to ${decideAfterHours.max}.`
      )
    )
  }
  // What each variant really sends, with the campaign's subject and template filling its blanks.
  const seen = new Map<string, string>()
  test.variants.forEach((v, index) => {
    const sends = effectiveVariant(
      { key: v.key, subject: test.by === "subject" ? orNull(v.subject) : null, template_id: test.by === "template" ? orNull(v.template_id) : null },
      { subject: orNull(draft.subject), template_id: draft.template_id }
    )
    const signature = JSON.stringify([sends.subject, sends.template_id])
    const twin = seen.get(signature)
    if (twin !== undefined) {
      issues.push(
        issue(
          "ab_test",
          `ab_test.variants[${index}]`,
          test.by === "subject"
            ? `Variant ${variantLabel(v.key)} has the same subject as variant ${variantLabel(twin)}: give each variant its own.`
            : `Variant ${variantLabel(v.key)} sends the same template as variant ${variantLabel(twin)}: choose another one.`
        )
      )
      return
    }
    seen.set(signature, v.key)
  })
  return issues
}

/**
 * What the wizard can tell is missing or wrong without the server. The
 * server checks everything again (templates and segments still existing,
 * subjects rendering); its answers are shown the same way.
 */
export const draftIssues = (draft: CampaignDraft, now: number): CampaignIssue[] => {
  const issues: CampaignIssue[] = []
  if (!draft.name.trim()) {
    issues.push(issue("audience", "name", "Give the campaign a name."))
  }
  if (!draft.segment_ids.length) {
    issues.push(issue("audience", "segment_ids", "Choose at least one segment to send to."))
  }
  if (!draft.template_id) {
    issues.push(issue("content", "template_id", "Choose the template to send."))
  }
  issues.push(...abTestIssues(draft))
  if (draft.send === "later") {
    const check = checkScheduledAt(scheduledAtFromDraft(draft), draft.local_time, now)
    if (check?.level === "error") {
      issues.push(issue("schedule", "scheduled_at", check.message))
    }
  }
  return issues
}

/** A draft can be stored once all but its send time is right: a draft's time sends nothing. */
export const canSaveDraft = (issues: CampaignIssue[]): boolean => issues.every((i) => i.step === "schedule")
