import { MedusaContainer } from "@medusajs/framework/types"
import { SCORING_LOOKBACK_DAYS } from "../../lib/scoring"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { loadScoringModel, scoreContactsWorkflow } from "../scores/score-contacts"
import { refreshSegmentsWorkflow } from "../segments/workflows"

const PAGE = 1000

/**
 * Brings lead scores in line with changed rules: rescores, a page at a time,
 * only the contacts with an event of the rules' types inside the scoring
 * lookback (nobody else's lead score can move), against the model the last
 * full refresh stored, then re-checks their segments. Without a stored model
 * nobody has scores yet and the first full refresh applies the rules itself.
 *
 * Runs from a subscriber, after the admin's request has been answered.
 * Two quick edits may rescore the same contacts twice; each pass reads the
 * rules as they are when it scores a page, and the nightly rebuild settles
 * any pass that read them just before a later edit.
 */
export async function rescoreLeadScores(
  container: MedusaContainer,
  eventTypes: string[],
  options: { now?: Date } = {}
): Promise<{ contacts: number }> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const model = await loadScoringModel(marketing)
  if (!model || !eventTypes.length) {
    return { contacts: 0 }
  }
  const now = options.now ?? new Date()
  const since = new Date(now.getTime() - SCORING_LOOKBACK_DAYS * 86_400_000)
  let contacts = 0
  for (let after = ""; ; ) {
    const ids = await marketing.listContactIdsWithActivity(eventTypes, since, after, PAGE)
    if (!ids.length) {
      break
    }
    await scoreContactsWorkflow(container).run({ input: { contact_ids: ids, model, now: now.toISOString() } })
    await refreshSegmentsWorkflow(container).run({ input: { contact_ids: ids } })
    contacts += ids.length
    after = ids[ids.length - 1]
  }
  return { contacts }
}
