import { MedusaError } from "@medusajs/framework/utils"
import { abTestIssues, AbTest, CampaignIssue, scheduleHasPassed } from "../../lib/campaigns"
import { createLiquid, validateLiquid } from "../../lib/templates/liquid"
import MarketingModuleService from "../../modules/marketing/service"

/** What a campaign must get right before it is stored or scheduled. */
export type CampaignDraft = {
  template_id: string
  subject?: string | null
  segment_ids: string[]
  exclude_segment_ids?: string[] | null
  ab_test?: AbTest | null
  /** With both given, a scheduled campaign must keep a time to start at. */
  status?: string
  scheduled_at?: string | Date | null
  local_time?: boolean
  /** When it is being scheduled: the time now, which `scheduled_at` must not have passed already. */
  scheduling_at?: Date | string
}

// Subjects are plain text, rendered as the composer renders a version's subject.
const subjectEngine = createLiquid(undefined, { escape: false })

function subjectIssues(path: string, subject: string | null | undefined): CampaignIssue[] {
  if (!subject) {
    return []
  }
  return validateLiquid(subjectEngine, subject).map((problem) => ({ path, message: problem.message }))
}

/** Segment ids that do not name a live segment, each with the field it came from. */
export async function unknownSegmentIssues(
  marketing: MarketingModuleService,
  fields: { path: string; ids: string[] }[]
): Promise<CampaignIssue[]> {
  const all = [...new Set(fields.flatMap((field) => field.ids))]
  if (!all.length) {
    return []
  }
  const known = new Set((await marketing.listSegments({ id: all }, { select: ["id"] })).map((segment) => segment.id))
  return fields.flatMap((field) =>
    field.ids.flatMap((id, index) =>
      known.has(id) ? [] : [{ path: `${field.path}[${index}]`, message: `no segment with id ${id}` }]
    )
  )
}

/**
 * Everything wrong with a campaign that its shape alone does not show:
 * templates and segments it names that do not exist, exclusions that are
 * also targets, A/B variants that do not differ, subjects that would not
 * render. Each issue names its field.
 */
export async function campaignIssues(marketing: MarketingModuleService, draft: CampaignDraft): Promise<CampaignIssue[]> {
  const exclusions = draft.exclude_segment_ids ?? []
  const issues = await unknownSegmentIssues(marketing, [
    { path: "segment_ids", ids: draft.segment_ids },
    { path: "exclude_segment_ids", ids: exclusions },
  ])
  const targets = new Set(draft.segment_ids)
  exclusions.forEach((id, index) => {
    if (targets.has(id)) {
      issues.push({ path: `exclude_segment_ids[${index}]`, message: `segment ${id} is also in segment_ids` })
    }
  })

  const variants = draft.ab_test?.variants ?? []
  const templates = [
    { path: "template_id", id: draft.template_id },
    ...variants.flatMap((variant, index) =>
      variant.template_id ? [{ path: `ab_test.variants[${index}].template_id`, id: variant.template_id }] : []
    ),
  ]
  const found = await marketing.listTemplates(
    { id: [...new Set(templates.map((template) => template.id))] },
    { select: ["id", "latest_version"] }
  )
  const sendable = new Set(found.filter((template) => template.latest_version > 0).map((template) => template.id))
  for (const template of templates) {
    if (!sendable.has(template.id)) {
      issues.push({ path: template.path, message: `no template with id ${template.id}` })
    }
  }

  issues.push(...subjectIssues("subject", draft.subject))
  variants.forEach((variant, index) => issues.push(...subjectIssues(`ab_test.variants[${index}].subject`, variant.subject)))
  if (draft.ab_test) {
    issues.push(...abTestIssues(draft.ab_test, draft))
  }
  if (
    draft.scheduling_at &&
    scheduleHasPassed({ scheduled_at: draft.scheduled_at ?? null, local_time: !!draft.local_time }, draft.scheduling_at)
  ) {
    issues.push({ path: "scheduled_at", message: "this time has passed; choose a later one, or send null to send now" })
  }
  if (draft.status === "scheduled" && draft.scheduled_at === null) {
    issues.push({ path: "scheduled_at", message: "a scheduled campaign needs a time to start; cancel it to stop it" })
  }
  return issues
}

export function throwCampaignIssues(issues: CampaignIssue[]): void {
  if (issues.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")
    )
  }
}
