import type { AbTest } from "../../lib/campaigns"
import type { CampaignStatus } from "../../modules/marketing/repositories/campaign-sql"

export type { CampaignStatus }

/** A campaign as the admin edits it and `marketing_campaign` stores it. */
export type CampaignFields = {
  name: string
  template_id: string
  /** Replaces the template's subject; Liquid, like the template's. */
  subject?: string | null
  /** Contacts in any of these segments receive it… */
  segment_ids: string[]
  /** …unless they are in any of these. */
  exclude_segment_ids?: string[] | null
  /** Sent without consent checks: for notices every customer must get, never for promotions. */
  transactional?: boolean
  /**
   * ISO 8601. With `local_time`, its date and time of day as written in UTC
   * are the wall-clock time each contact receives it in their own zone:
   * "2027-06-01T09:00:00Z" is 09:00 in Berlin and 09:00 in New York.
   */
  scheduled_at?: string | null
  local_time?: boolean
  ab_test?: AbTest | null
}

export type CreateCampaignWorkflowInput = CampaignFields

export type UpdateCampaignWorkflowInput = { id: string } & Partial<CampaignFields>

export type ScheduleCampaignWorkflowInput = {
  id: string
  /** When to send; the campaign's own `scheduled_at` when absent, and now when that is empty or this is null. */
  scheduled_at?: string | null
  local_time?: boolean
  /** Epoch ms standing in for the current time. */
  now?: number
}

export type CancelCampaignWorkflowInput = { id: string; now?: number }

/** What a campaign step changes, with dates as ISO strings so they survive the workflow's serialisation. */
export type CampaignChanges = Partial<Omit<CampaignFields, "scheduled_at">> & {
  status?: CampaignStatus
  scheduled_at?: string | null
}
