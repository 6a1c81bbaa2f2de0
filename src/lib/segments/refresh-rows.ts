import { CART_ABANDONED, ENGAGEMENT_EVENT_TYPES, ORDER_CANCELED, ORDER_PLACED } from "./behaviour"
import type { ContactEventRow, ContactFacts, MembershipRow, MessageEventRow, MessageRow } from "./evaluate"
import type { ContactContext } from "./memberships"

/**
 * One contact as the single read of an event's refresh returns it (JSON, so
 * timestamps arrive as ISO strings): its profile, orders, cancellations and
 * abandoned carts of all time with every timeline event since the activity
 * cut-off, its sent messages, its opens and clicks (machine ones included),
 * and its current memberships.
 */
export type ContactRefreshRow = {
  facts: ContactFacts & { id: string }
  events: (ContactEventRow & { occurred_at: string; data: Record<string, unknown> | null })[]
  messages: MessageRow[]
  message_events: (MessageEventRow & { occurred_at: string })[]
  memberships: MembershipRow[]
}

/** A timeline or email event as scoring counts it. */
export type RefreshActivity = { type: string; at: string; data: Record<string, unknown> | null }

const BEHAVIOUR_EVENT_TYPES = new Set<string>([ORDER_PLACED, ORDER_CANCELED, CART_ABANDONED])
/** Scoring counts a person's opens and clicks: the types an "opened" condition reads. */
const SCORED_MESSAGE_EVENT_TYPES = new Set<string>(ENGAGEMENT_EVENT_TYPES.opened)

/**
 * The read's rows split the way the two engines take them: per contact,
 * what segments evaluate (a requested contact the read did not return is
 * gone, keeps no facts and so leaves every segment), and the activity
 * scores count (every timeline event, and human opens and clicks, since
 * `activitySince`).
 *
 * @example
 * const { contexts, activity } = splitRefreshRows(ids, read.contacts, since)
 */
export function splitRefreshRows(contactIds: readonly string[], rows: readonly ContactRefreshRow[], activitySince: Date) {
  const contexts = new Map<string, ContactContext<ContactFacts & { id: string }>>(
    contactIds.map((id) => [id, { facts: null, events: [], messages: [], messageEvents: [], memberships: [] }])
  )
  const activity = new Map<string, RefreshActivity[]>()
  const since = activitySince.getTime()
  for (const row of rows) {
    const scored: RefreshActivity[] = []
    for (const event of row.events) {
      if (new Date(event.occurred_at).getTime() >= since) {
        scored.push({ type: event.type, at: event.occurred_at, data: event.data })
      }
    }
    for (const event of row.message_events) {
      if (!event.machine && SCORED_MESSAGE_EVENT_TYPES.has(event.type) && new Date(event.occurred_at).getTime() >= since) {
        scored.push({ type: event.type, at: event.occurred_at, data: null })
      }
    }
    activity.set(row.facts.id, scored)
    contexts.set(row.facts.id, {
      facts: row.facts,
      events: row.events.filter((event) => BEHAVIOUR_EVENT_TYPES.has(event.type)),
      messages: row.messages,
      messageEvents: row.message_events,
      memberships: row.memberships,
    })
  }
  return { contexts, activity }
}
