import { AbTest, AbTestVariant, effectiveVariant } from "./ab-test"

/** The campaign fields that decide what its messages send. */
export type CampaignContent = {
  name: string
  template_id: string
  subject?: string | null
  ab_test?: AbTest | null
}

/**
 * One kind of message a campaign queues: which template, with which subject
 * override (null keeps the template's), and the A/B variant it belongs to.
 * `ord` places it in the round-robin that splits a sample evenly.
 */
export type SendPlanEntry = {
  ord: number
  variant: string | null
  template_id: string
  subject: string | null
  /** A version pinned already (the one a winner was tested with); the template's current one when null. */
  template_version_id: string | null
}

/** A/B-tested campaigns send their variants first; others send one message to everyone. */
export function startPlan(campaign: CampaignContent): SendPlanEntry[] {
  if (!campaign.ab_test) {
    return [
      { ord: 0, variant: null, template_id: campaign.template_id, subject: campaign.subject ?? null, template_version_id: null },
    ]
  }
  return campaign.ab_test.variants.map((variant, ord) => ({
    ord,
    variant: variant.key,
    ...effectiveVariant(variant, campaign),
    template_version_id: null,
  }))
}

/** The rest of the audience gets the winning variant exactly as it was tested: its subject and template version. */
export function winnerPlan(
  campaign: CampaignContent,
  winner: AbTestVariant,
  testedVersionId: string | null
): SendPlanEntry[] {
  return [{ ord: 0, variant: winner.key, ...effectiveVariant(winner, campaign), template_version_id: testedVersionId }]
}

/**
 * Template data every campaign message carries: the subject override the
 * composer puts in place of the version's, and the campaign's name for the
 * links' utm_campaign.
 */
export function campaignMessageData(campaign: { name: string }, entry: { subject: string | null }): Record<string, string> {
  return entry.subject ? { subject: entry.subject, utm_campaign: campaign.name } : { utm_campaign: campaign.name }
}
