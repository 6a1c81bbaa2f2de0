/**
 * When a campaign starts and when its A/B test is decided.
 *
 * A local-time campaign's `scheduled_at` is read as a wall-clock time: its
 * date and time of day in UTC are the date and time each contact gets it in
 * their own zone. The zone furthest ahead (UTC+14, Kiritimati) reaches that
 * time 14 hours before UTC does, and the one furthest behind (UTC−12) 12
 * hours after, so the campaign starts 14 hours early, queueing every
 * contact for their own moment, and has reached everyone 12 hours late.
 */

const HOUR_MS = 3_600_000

export const EARLIEST_ZONE_LEAD_MS = 14 * HOUR_MS
export const LATEST_ZONE_LAG_MS = 12 * HOUR_MS

type Moment = Date | string | number

const ms = (value: Moment) => new Date(value).getTime()

export type CampaignTiming = {
  scheduled_at: Moment | null
  local_time: boolean
}

/** The instant the sending job starts a scheduled campaign; null when it has no time. */
export function campaignStartsAt(campaign: CampaignTiming): number | null {
  if (campaign.scheduled_at === null || campaign.scheduled_at === undefined) {
    return null
  }
  return ms(campaign.scheduled_at) - (campaign.local_time ? EARLIEST_ZONE_LEAD_MS : 0)
}

/** How far in the past a time may be and still be taken as "now" (clocks and slow forms). */
export const SCHEDULE_GRACE_MS = 5 * 60_000

/**
 * Whether a time to schedule at has already passed for everyone: for a
 * local-time campaign, once the zone furthest behind has passed it too.
 */
export function scheduleHasPassed(campaign: CampaignTiming, now: Moment): boolean {
  if (campaign.scheduled_at === null || campaign.scheduled_at === undefined) {
    return false
  }
  const lastReached = ms(campaign.scheduled_at) + (campaign.local_time ? LATEST_ZONE_LAG_MS : 0)
  return lastReached + SCHEDULE_GRACE_MS < ms(now)
}

/**
 * The instant an A/B test is decided: `decideAfterHours` after its sample
 * went out, which for a local-time campaign is when the last zone got it.
 */
export function abDecisionDueAt(
  campaign: CampaignTiming & { started_at: Moment | null },
  decideAfterHours: number
): number | null {
  if (!campaign.started_at) {
    return null
  }
  const started = ms(campaign.started_at)
  const reachedEveryone =
    campaign.local_time && campaign.scheduled_at
      ? Math.max(started, ms(campaign.scheduled_at) + LATEST_ZONE_LAG_MS)
      : started
  return reachedEveryone + decideAfterHours * HOUR_MS
}
