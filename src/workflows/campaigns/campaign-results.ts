import { campaignStats, CampaignStats, groupsOf } from "../../lib/campaigns"
import type { AbTest } from "../../lib/campaigns"
import MarketingModuleService from "../../modules/marketing/service"

export type CampaignVariantResults = CampaignStats & {
  key: string
  subject: string | null
  template_id: string | null
  winner: boolean
}

export type CampaignResults = {
  /** Every message of the campaign. */
  total: CampaignStats
  /** An A/B test's variants, each over its sample; empty without a test. */
  variants: CampaignVariantResults[]
  /** The winner sent to the rest of the audience, once the test is decided. */
  winner_send: (CampaignStats & { key: string }) | null
  /** A person's first opens and clicks per hour (UTC), for a chart. */
  series: { hour: string; opened: number; clicked: number }[]
}

/** A campaign's results: totals, each A/B variant over its sample, the winner's send, and opens and clicks by hour. */
export async function readCampaignResults(
  marketing: MarketingModuleService,
  campaign: { id: string; ab_test: AbTest | null; winner_variant: string | null }
): Promise<CampaignResults> {
  const { counts, conversions, series } = await marketing.campaignResultRows(campaign.id)
  const stats = (match: { variant?: string | null; phase?: string | null }) =>
    campaignStats(groupsOf(counts, match), groupsOf(conversions, match))
  const variants = (campaign.ab_test?.variants ?? []).map((variant) => ({
    key: variant.key,
    subject: variant.subject ?? null,
    template_id: variant.template_id ?? null,
    winner: campaign.winner_variant === variant.key,
    ...stats({ variant: variant.key, phase: "sample" }),
  }))
  return {
    total: stats({}),
    variants,
    winner_send: campaign.winner_variant
      ? { key: campaign.winner_variant, ...stats({ variant: campaign.winner_variant, phase: "winner" }) }
      : null,
    series,
  }
}

/** Each campaign's totals over every message it sent, for a list page: one set of aggregates for the page. */
export async function readCampaignTotals(
  marketing: MarketingModuleService,
  ids: string[]
): Promise<Map<string, CampaignStats>> {
  const { counts, conversions } = await marketing.campaignGroupRows(ids)
  return new Map(
    ids.map((id) => [
      id,
      campaignStats(
        counts.filter((row) => row.campaign_id === id),
        conversions.filter((row) => row.campaign_id === id)
      ),
    ])
  )
}
