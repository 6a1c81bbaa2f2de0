import { findSegmentReferences } from "../../lib/segments/references"
import type { Rule } from "../../lib/segments/schema"
import type { Segment } from "./segment-types"

const refersTo = (rules: unknown, id: string): boolean => {
  if (typeof rules !== "object" || rules === null) {
    return false
  }
  try {
    return findSegmentReferences(rules as Rule).includes(id)
  } catch {
    // Stored rules are valid; anything unreadable simply refers to nothing.
    return false
  }
}

/** The other segments whose rules test membership of segment `id`. */
export const segmentsUsing = (id: string, segments: Pick<Segment, "id" | "name" | "rules">[]) =>
  segments.filter((segment) => segment.id !== id && refersTo(segment.rules, id))
