import { MedusaContainer } from "@medusajs/framework/types"
import { abDecisionDueAt, AbTest, campaignStartsAt, EARLIEST_ZONE_LEAD_MS } from "../../lib/campaigns"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { decideAbTestWorkflow, finishCampaignsWorkflow, startCampaignWorkflow } from "./workflows"

export type CampaignTick = {
  started: { id: string; audience: number; queued: number }[]
  decided: { id: string; winner: string; queued: number }[]
  finished: string[]
  /** Campaigns a step failed for; the next tick tries them again. */
  failed: { id: string; error: string }[]
}

/**
 * One pass of the campaign sender: starts scheduled campaigns whose time
 * came (a local-time one when the first zone reaches it), decides A/B tests
 * whose wait is over and sends their winner, and marks campaigns with
 * nothing left to send as sent. Every change is conditional on the state it
 * expects, so two instances running it at once do each thing once, and one
 * campaign failing does not hold up the others.
 */
export async function sendDueCampaigns(
  container: MedusaContainer,
  { now = new Date() }: { now?: Date } = {}
): Promise<CampaignTick> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const at = now.getTime()
  const tick: CampaignTick = { started: [], decided: [], finished: [], failed: [] }
  const attempt = async (id: string, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      tick.failed.push({ id, error: (error as Error).message })
    }
  }

  const scheduled = await marketing.listCampaigns(
    { status: "scheduled", scheduled_at: { $lte: new Date(at + EARLIEST_ZONE_LEAD_MS) } },
    { select: ["id", "scheduled_at", "local_time"], order: { scheduled_at: "ASC" } }
  )
  for (const campaign of scheduled) {
    const startsAt = campaignStartsAt(campaign)
    if (startsAt === null || startsAt > at) {
      continue
    }
    await attempt(campaign.id, async () => {
      const { result } = await startCampaignWorkflow(container).run({ input: { id: campaign.id, now: at } })
      if (result) {
        tick.started.push(result)
      }
    })
  }

  const sending = await marketing.listCampaigns(
    { status: "sending", decided_at: null },
    { select: ["id", "ab_test", "started_at", "scheduled_at", "local_time"] }
  )
  for (const campaign of sending) {
    const abTest = campaign.ab_test as unknown as AbTest | null
    const dueAt = abTest ? abDecisionDueAt(campaign, abTest.decide_after_hours) : null
    if (dueAt === null || dueAt > at) {
      continue
    }
    await attempt(campaign.id, async () => {
      const { result } = await decideAbTestWorkflow(container).run({ input: { id: campaign.id, now: at } })
      if (result) {
        tick.decided.push({ id: campaign.id, ...result })
      }
    })
  }

  const { result } = await finishCampaignsWorkflow(container).run({ input: { now: at } })
  tick.finished = result.finished
  return tick
}
