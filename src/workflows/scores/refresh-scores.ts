import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { buildScoringModel, ScoringInput } from "../../lib/scoring"
import { refreshSegmentsWorkflow } from "../segments/workflows"
import { SCORES_JOB_KEY, scoreContactsWorkflow } from "./score-contacts"

const PAGE = 1000

/**
 * Recomputes every contact's scores: fits the RFM cut points and the
 * prediction model over all contacts, stores the model (so one contact's
 * next order is scored against it at once), scores the contacts a page at a
 * time, then brings every segment up to date with the new scores.
 */
export async function refreshScores(
  container: MedusaContainer,
  options: { now?: Date } = {}
): Promise<{ contacts: number; model: string }> {
  const now = options.now ?? new Date()
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "running", started_at: now, error: null })
  try {
    const inputs: ScoringInput[] = []
    for (let after = ""; ; ) {
      const page = await marketing.readScoreInputs(after, 5000)
      if (!page.length) {
        break
      }
      inputs.push(...page)
      after = page[page.length - 1].id
    }
    const model = buildScoringModel(inputs, now)
    for (let start = 0; start < inputs.length; start += PAGE) {
      await scoreContactsWorkflow(container).run({
        input: { contact_ids: inputs.slice(start, start + PAGE).map((i) => i.id), model, now: now.toISOString() },
      })
    }
    await marketing.saveJobState({
      key: SCORES_JOB_KEY,
      status: "completed",
      cursor: { model },
      progress: { contacts: inputs.length, model: model.prediction.model, reason: model.prediction.reason },
      finished_at: new Date(),
    })
    await refreshSegmentsWorkflow(container).run({ input: {} })
    return { contacts: inputs.length, model: model.prediction.model }
  } catch (error) {
    await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "failed", error: (error as Error).message })
    throw error
  }
}
