import type { Rule } from "./schema"
import {
  evaluateRule,
  type ContactEventRow,
  type ContactFacts,
  type MembershipRow,
  type MessageEventRow,
  type MessageRow,
} from "./evaluate"

/** One contact as the in-memory evaluator sees it; `facts` is null for a deleted or erased contact. */
export type ContactContext<Facts extends ContactFacts = ContactFacts> = {
  facts: Facts | null
  events: ContactEventRow[]
  messages: MessageRow[]
  messageEvents: MessageEventRow[]
  memberships: MembershipRow[]
}

export type MembershipDecision = { segment_id: string; entered: string[]; exited: string[] }

/**
 * Which of the given contacts enter and leave which segments now. Segments
 * come in dependency order, and each decision is applied to the contacts'
 * memberships before the segments that refer to it are evaluated, as the
 * SQL refresh does segment after segment. Only segments with a change are
 * returned; a contact without facts matches nothing.
 *
 * @example
 * const changes = decideMemberships(dependencyOrder(segments), contexts, new Date())
 */
export function decideMemberships(
  segments: readonly { id: string; rules: Rule }[],
  contexts: ReadonlyMap<string, ContactContext>,
  now: Date
): MembershipDecision[] {
  const memberships = new Map([...contexts].map(([id, context]) => [id, [...context.memberships]]))
  const decisions: MembershipDecision[] = []
  for (const segment of segments) {
    const entered: string[] = []
    const exited: string[] = []
    for (const [contactId, context] of contexts) {
      const current = memberships.get(contactId)!
      const member = current.some((m) => m.segment_id === segment.id && !m.exited_at && !m.deleted_at)
      const matches =
        context.facts !== null && evaluateRule(segment.rules, context.facts, { ...context, now, memberships: current })
      if (matches && !member) {
        entered.push(contactId)
        current.push({ segment_id: segment.id, exited_at: null })
      } else if (!matches && member) {
        exited.push(contactId)
        memberships.set(
          contactId,
          current.filter((m) => m.segment_id !== segment.id)
        )
      }
    }
    if (entered.length || exited.length) {
      decisions.push({ segment_id: segment.id, entered, exited })
    }
  }
  return decisions
}
