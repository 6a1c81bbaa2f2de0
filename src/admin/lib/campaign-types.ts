/**
 * Shapes of the campaigns admin API as the browser receives them: dates are
 * ISO strings, revenue is in the currency's main unit.
 */

import type { AbTest, AbTestMetric, AbTestVariant } from "../../lib/campaigns/ab-test"

export type { AbTest, AbTestMetric, AbTestVariant }

export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "sent", "cancelled"] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

export interface Campaign {
  id: string
  name: string
  status: CampaignStatus
  template_id: string
  /** Replaces the template's subject; null keeps it. */
  subject: string | null
  segment_ids: string[]
  exclude_segment_ids: string[] | null
  transactional: boolean
  /**
   * When it sends. With `local_time`, its date and time of day as written
   * in UTC are the wall-clock time each contact gets it in their own zone.
   */
  scheduled_at: string | null
  local_time: boolean
  ab_test: AbTest | null
  winner_variant: string | null
  decided_at: string | null
  /** How many contacts it reached when it started; null before. */
  audience_count: number | null
  started_at: string | null
  finished_at: string | null
  cancelled_at: string | null
  created_at: string
  updated_at: string
}

export interface CampaignListParams {
  q?: string
  status?: CampaignStatus[]
  limit?: number
  offset?: number
  order?: string
}

export interface CampaignListResponse {
  /** Each with its totals over every message it sent. */
  campaigns: (Campaign & { results: CampaignStats })[]
  count: number
  limit: number
  offset: number
}

export interface CampaignResponse {
  campaign: Campaign
}

export interface CancelCampaignResponse extends CampaignResponse {
  /** Queued emails that will now not go. */
  skipped: number
}

export interface CampaignPayload {
  name: string
  template_id: string
  subject: string | null
  segment_ids: string[]
  exclude_segment_ids: string[]
  transactional: boolean
  scheduled_at?: string | null
  local_time: boolean
  ab_test: AbTest | null
}

export interface SchedulePayload {
  /** null sends now. */
  scheduled_at: string | null
  local_time: boolean
}

export interface AudiencePayload {
  segment_ids: string[]
  exclude_segment_ids: string[]
  transactional: boolean
}

export interface AudienceResponse {
  /** Contacts in the segments less the exclusions. */
  count: number
  /** Those the send would email: not suppressed and, for marketing, subscribed. */
  reachable: number
}

/** A group of a campaign's emails: counts, conversions and rates. */
export interface CampaignStats {
  recipients: number
  sent: number
  delivered: number
  opened: number
  clicked: number
  bounced: number
  unsubscribed: number
  queued: number
  skipped: number
  failed: number
  conversions: number
  /** Net of refunds, all currencies added up. */
  revenue: number
  revenue_by_currency: Record<string, number>
  revenue_per_recipient: number
  /** Per email sent. */
  open_rate: number
  click_rate: number
}

export interface CampaignVariantResults extends CampaignStats {
  key: string
  subject: string | null
  template_id: string | null
  winner: boolean
}

export interface CampaignSeriesPoint {
  /** The hour's start, UTC. */
  hour: string
  opened: number
  clicked: number
}

export interface CampaignResults {
  total: CampaignStats
  /** Each A/B variant over its sample; empty without a test. */
  variants: CampaignVariantResults[]
  /** The winner sent to the rest of the audience, once decided. */
  winner_send: (CampaignStats & { key: string }) | null
  /** First opens and clicks by people, per hour; hours without any are left out. */
  series: CampaignSeriesPoint[]
}

export interface CampaignResultsResponse {
  campaign: Campaign
  results: CampaignResults
}
