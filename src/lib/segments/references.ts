import type { Rule } from "./schema"

function walk(rule: Rule, visit: (rule: Rule) => void): void {
  visit(rule)
  if (rule.type === "group") {
    for (const child of rule.rules) {
      walk(child, visit)
    }
  }
}

/** Ids of the segments a rule tests membership of, each once, in order of appearance. */
export function findSegmentReferences(rule: Rule): string[] {
  const ids = new Set<string>()
  walk(rule, (node) => {
    if (node.type === "segment") {
      ids.add(node.segment_id)
    }
  })
  return [...ids]
}

/**
 * The first reference cycle reachable from `segmentId`, as the path that
 * closes it (`["a", "b", "a"]`), or null. Saving a segment passes the graph
 * with its new rule in place and refuses the save on a cycle: membership of
 * a segment in a cycle would depend on itself and never settle. Segments
 * missing from the graph reference nothing.
 */
export function detectCycle(segmentId: string, ruleGraph: ReadonlyMap<string, Rule>): string[] | null {
  const done = new Set<string>()
  const path: string[] = []
  const onPath = new Set<string>()

  const visit = (id: string): string[] | null => {
    if (onPath.has(id)) {
      return [...path.slice(path.indexOf(id)), id]
    }
    if (done.has(id)) {
      return null
    }
    path.push(id)
    onPath.add(id)
    const rule = ruleGraph.get(id)
    for (const next of rule ? findSegmentReferences(rule) : []) {
      const cycle = visit(next)
      if (cycle) {
        return cycle
      }
    }
    path.pop()
    onPath.delete(id)
    done.add(id)
    return null
  }

  return visit(segmentId)
}

/**
 * The segments whose membership can change when the given profile fields
 * do: those whose rules compare one of them, and those that test membership
 * of such a segment, however deep.
 *
 * @example
 * const ids = segmentsReadingFields(segments, SCORE_FIELDS)
 */
export function segmentsReadingFields(
  segments: readonly { id: string; rules: Rule }[],
  fields: ReadonlySet<string>
): string[] {
  const reading = new Set<string>()
  for (const segment of segments) {
    walk(segment.rules, (node) => {
      if (node.type === "field" && fields.has(node.field)) {
        reading.add(segment.id)
      }
    })
  }
  const references = segments.map((segment) => ({ id: segment.id, refs: findSegmentReferences(segment.rules) }))
  for (let grew = true; grew; ) {
    grew = false
    for (const { id, refs } of references) {
      if (!reading.has(id) && refs.some((ref) => reading.has(ref))) {
        reading.add(id)
        grew = true
      }
    }
  }
  return segments.map((segment) => segment.id).filter((id) => reading.has(id))
}

export type RuleNeeds = {
  events: boolean
  messages: boolean
  messageEvents: boolean
  memberships: boolean
}

/**
 * Which of the contact's rows the in-memory evaluator needs for a rule, so a
 * subscriber loads only those; `evaluateRule` refuses to guess when a needed
 * list is missing.
 */
export function requiredContext(rule: Rule): RuleNeeds {
  const needs: RuleNeeds = { events: false, messages: false, messageEvents: false, memberships: false }
  walk(rule, (node) => {
    if (node.type === "orders" || node.type === "cart_abandoned") needs.events = true
    if (node.type === "received_message") needs.messages = true
    if (node.type === "email_engagement") needs.messageEvents = true
    if (node.type === "segment") needs.memberships = true
  })
  return needs
}

/** Segments ordered so each comes after the segments its rule refers to. */
export function dependencyOrder<T extends { id: string; rules: Rule }>(segments: T[]): T[] {
  const byId = new Map(segments.map((s) => [s.id, s]))
  const ordered: T[] = []
  const seen = new Set<string>()
  const visit = (segment: T) => {
    if (seen.has(segment.id)) {
      return
    }
    seen.add(segment.id)
    for (const ref of findSegmentReferences(segment.rules)) {
      const dependency = byId.get(ref)
      if (dependency) {
        visit(dependency)
      }
    }
    ordered.push(segment)
  }
  segments.forEach(visit)
  return ordered
}

/**
 * Segments in dependency levels: the first holds those whose rule refers to
 * none of the given segments, each next one those referring only to
 * segments of earlier levels, so a level can be rebuilt at once after the
 * levels before it.
 */
export function dependencyLevels<T extends { id: string; rules: Rule }>(segments: T[]): T[][] {
  const given = new Set(segments.map((s) => s.id))
  const level = new Map<string, number>()
  const levels: T[][] = []
  for (const segment of dependencyOrder(segments)) {
    const depth = Math.max(
      0,
      ...findSegmentReferences(segment.rules)
        .filter((ref) => given.has(ref))
        .map((ref) => level.get(ref)! + 1)
    )
    level.set(segment.id, depth)
    ;(levels[depth] ??= []).push(segment)
  }
  return levels
}
