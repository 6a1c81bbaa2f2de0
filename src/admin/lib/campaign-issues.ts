/**
 * Problems with a campaign, each tied to the wizard step whose field it
 * names, so the merchant is taken to the place they can fix it.
 */

export const WIZARD_STEPS = ["audience", "content", "ab_test", "schedule"] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

export type CampaignIssue = {
  /** The step showing the field; null when the message names none. */
  step: WizardStep | null
  /** The field's path as the API writes it (`segment_ids[1]`, `ab_test.variants[0].subject`). */
  field: string | null
  message: string
}

const STEP_OF_FIELD: Record<string, WizardStep> = {
  name: "audience",
  segment_ids: "audience",
  exclude_segment_ids: "audience",
  template_id: "content",
  subject: "content",
  transactional: "content",
  ab_test: "ab_test",
  scheduled_at: "schedule",
  local_time: "schedule",
}

/** The step a field belongs to, from the first part of its path. */
export const stepOfField = (field: string): WizardStep | null =>
  STEP_OF_FIELD[/^[a-z_]+/.exec(field)?.[0] ?? ""] ?? null

// The plugin's own messages start with the path: "segment_ids[1]: no segment with id …".
const LEADING_PATH = /^([a-z_]+(?:\.[a-z_]+|\[\d+\])*): /
// Medusa's wording of schema errors quotes it, comma-separated: "field 'ab_test, sample_percent'".
const QUOTED_PATH = /\bfield '([^']+)'/i
const REQUEST_PREFIX = /^Invalid request: /

/** "ab_test, variants, 1, subject" → "ab_test.variants[1].subject". */
const fromQuoted = (path: string): string =>
  path
    .split(/,\s*/)
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("")

const fieldOf = (part: string): string | null => {
  const leading = LEADING_PATH.exec(part)
  const quoted = QUOTED_PATH.exec(part)
  const field = leading ? leading[1] : quoted ? fromQuoted(quoted[1]) : null
  return field && stepOfField(field) ? field : null
}

/**
 * Reads the API's answer to a refused campaign. Several problems come
 * joined by "; " — but a problem's own wording may contain "; " too, so a
 * piece that names no field continues the one before it.
 */
export const parseCampaignIssues = (message: string): CampaignIssue[] => {
  const issues: CampaignIssue[] = []
  for (const part of message.replace(REQUEST_PREFIX, "").split("; ")) {
    const field = fieldOf(part)
    const previous = issues[issues.length - 1]
    if (!field && previous) {
      previous.message = `${previous.message}; ${part}`
      continue
    }
    issues.push({ step: field ? stepOfField(field) : null, field, message: part })
  }
  return issues
}

/** The issues about a field and everything inside it: `segment_ids` covers `segment_ids[2]`. */
export const issuesFor = (issues: CampaignIssue[], field: string): CampaignIssue[] =>
  issues.filter(
    (issue) =>
      issue.field !== null &&
      (issue.field === field || issue.field.startsWith(`${field}[`) || issue.field.startsWith(`${field}.`))
  )

/** The first step, in the wizard's order, that has an issue. */
export const firstStepWithIssue = (issues: CampaignIssue[]): WizardStep | null =>
  WIZARD_STEPS.find((step) => issues.some((issue) => issue.step === step)) ?? null
