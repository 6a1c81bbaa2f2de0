import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import {
  LeadScoreRule,
  SCORING_LOOKBACK_DAYS,
  ScoringModel,
  scoreContact,
} from "../../lib/scoring"
import { ContactScores } from "../../types"
import type { LeadScoreRuleRow } from "../../modules/marketing/repositories/segment-context-sql"

/** Where a full refresh keeps its fitted model, for scoring one contact later. */
export const SCORES_JOB_KEY = "scores"

const service = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService

/** A stored lead-score rule in the shape the scoring engine reads. */
export function toLeadScoreRule(row: LeadScoreRuleRow): LeadScoreRule {
  return {
    id: row.id,
    name: row.name,
    points: row.points,
    when: {
      event_type: row.event_type,
      ...(row.property ? { property: row.property as unknown as LeadScoreRule["when"]["property"] } : {}),
    },
    ...(row.expires_after_days != null ? { expires_after_days: row.expires_after_days } : {}),
    ...(row.max_times != null ? { max_times: row.max_times } : {}),
  }
}

/** The merchant's enabled lead-score rules, in the shape the scoring engine reads. */
export async function loadLeadScoreRules(marketing: MarketingModuleService): Promise<LeadScoreRule[]> {
  const rows = await marketing.listLeadScoreRules({ enabled: true })
  return rows.map((row) => toLeadScoreRule(row as unknown as LeadScoreRuleRow))
}

/** The model the last full refresh stored, or null before the first. */
export async function loadScoringModel(marketing: MarketingModuleService): Promise<ScoringModel | null> {
  const [state] = await marketing.listJobStates({ key: SCORES_JOB_KEY }, { take: 1 })
  return ((state?.cursor as { model?: ScoringModel } | null)?.model ?? null) as ScoringModel | null
}

export type ScoreContactsInput = {
  contact_ids: string[]
  /** The fitted model; the stored one when absent. */
  model?: ScoringModel | null
  now?: string
}

/**
 * Scores contacts from their facts and activity with the fitted model and
 * writes the scores with their explanations. Compensation restores the
 * scores they had.
 */
export const scoreContactsStep = createStep(
  "score-contacts",
  async (input: ScoreContactsInput, { container }) => {
    const marketing = service(container)
    const model = input.model ?? (await loadScoringModel(marketing))
    if (!model || !input.contact_ids.length) {
      return new StepResponse([] as string[], [] as ContactScores[])
    }
    const now = input.now ? new Date(input.now) : new Date()
    const contacts = await marketing.listContacts(
      { id: input.contact_ids },
      { select: ["id", "orders_count", "total_spent", "first_order_at", "last_order_at", "last_seen_at", "currency_code"] }
    )
    const activity = await marketing.readScoreActivity(
      contacts.map((c) => c.id),
      new Date(now.getTime() - SCORING_LOOKBACK_DAYS * 86_400_000)
    )
    const byContact = new Map<string, typeof activity>()
    for (const row of activity) {
      byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), row])
    }
    const rules = await loadLeadScoreRules(marketing)
    const scores = contacts.map((contact) =>
      scoreContact(
        { ...contact, total_spent: Number(contact.total_spent) },
        byContact.get(contact.id) ?? [],
        model,
        rules,
        now
      )
    )
    const previous = await marketing.writeContactScores(scores)
    return new StepResponse(scores.map((s) => s.id), previous)
  },
  async (previous, { container }) => {
    if (previous?.length) {
      await service(container).writeContactScores(previous)
    }
  }
)

export const scoreContactsWorkflow = createWorkflow("score-contacts", (input: ScoreContactsInput) => {
  return new WorkflowResponse(scoreContactsStep(input))
})
