/** The words and colours of campaign statuses, and what a merchant may do in each. */
import type { Campaign, CampaignStatus } from "./campaign-types"
import type { StatusColor } from "./message-status"

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  sent: "Sent",
  cancelled: "Cancelled",
}

export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, StatusColor> = {
  draft: "grey",
  scheduled: "blue",
  sending: "orange",
  sent: "green",
  cancelled: "red",
}

export const CAMPAIGN_STATUS_HELP: Record<CampaignStatus, string> = {
  draft: "Not scheduled: nothing goes out until you schedule or send it.",
  scheduled: "Goes out at its time; you can still edit or cancel it.",
  sending: "Emails are going out; cancelling skips the ones still queued.",
  sent: "Every email has gone out; results keep coming in.",
  cancelled: "Stopped: nothing more goes out.",
}

export type CampaignAbility = "edit" | "schedule" | "cancel" | "delete"

const ABILITIES: Record<CampaignStatus, CampaignAbility[]> = {
  draft: ["edit", "schedule", "delete"],
  scheduled: ["edit", "schedule", "cancel"],
  sending: ["cancel"],
  sent: [],
  cancelled: [],
}

/** What the API accepts for a campaign in this status: only drafts are deleted, and only unsent campaigns change. */
export const campaignCan = (status: CampaignStatus, ability: CampaignAbility): boolean =>
  ABILITIES[status]?.includes(ability) ?? false

/** Whether the campaign has emails to count: it has started at some point. */
export const hasResults = (campaign: Pick<Campaign, "started_at">): boolean => !!campaign.started_at

export type CampaignMoment = {
  label: string
  at: string | null
  /** The time is a wall-clock time in each contact's zone, not an instant. */
  localTime: boolean
}

/**
 * The moment that matters for the campaign's status: when a scheduled one
 * goes out, when a sending one started, when a sent or cancelled one ended.
 */
export const campaignMoment = (
  campaign: Pick<Campaign, "status" | "scheduled_at" | "local_time" | "started_at" | "finished_at" | "cancelled_at">
): CampaignMoment => {
  switch (campaign.status) {
    case "scheduled":
      return { label: "Sends", at: campaign.scheduled_at, localTime: campaign.local_time }
    case "sending":
      return { label: "Started", at: campaign.started_at, localTime: false }
    case "sent":
      return { label: "Sent", at: campaign.finished_at ?? campaign.started_at, localTime: false }
    case "cancelled":
      return { label: "Cancelled", at: campaign.cancelled_at, localTime: false }
    default:
      return { label: "Planned", at: campaign.scheduled_at, localTime: campaign.local_time }
  }
}
