import { draftToRule, emptyGroup, toRootGroup, type GroupDraft } from "./segment-rule-tree"
import type { Segment, SegmentPayload, SegmentUpdatePayload } from "./segment-types"

/** A segment as its page edits it. */
export type SegmentDraft = {
  name: string
  description: string
  sync_customer_group: boolean
  rules: GroupDraft
}

export const newSegmentDraft = (): SegmentDraft => ({
  name: "",
  description: "",
  sync_customer_group: false,
  rules: emptyGroup(),
})

export const draftFromSegment = (segment: Segment): SegmentDraft => ({
  name: segment.name,
  description: segment.description ?? "",
  sync_customer_group: segment.sync_customer_group,
  rules: toRootGroup(segment.rules),
})

/** Rules compare as the JSON they send, so a retyped identical value is no change. */
export const rulesChanged = (a: GroupDraft, b: GroupDraft) =>
  JSON.stringify(draftToRule(a)) !== JSON.stringify(draftToRule(b))

export const draftChanged = (draft: SegmentDraft, saved: SegmentDraft) =>
  draft.name !== saved.name ||
  draft.description !== saved.description ||
  draft.sync_customer_group !== saved.sync_customer_group ||
  rulesChanged(draft.rules, saved.rules)

export const draftToCreate = (draft: SegmentDraft): SegmentPayload => ({
  name: draft.name.trim(),
  description: draft.description.trim() || null,
  sync_customer_group: draft.sync_customer_group,
  rules: draftToRule(draft.rules),
})

/**
 * Only what changed: unchanged rules are left out, so renaming a segment
 * does not refill it.
 */
export const draftToUpdate = (draft: SegmentDraft, saved: SegmentDraft): SegmentUpdatePayload => {
  const payload: SegmentUpdatePayload = {}
  if (draft.name !== saved.name) payload.name = draft.name.trim()
  if (draft.description !== saved.description) payload.description = draft.description.trim() || null
  if (draft.sync_customer_group !== saved.sync_customer_group) {
    payload.sync_customer_group = draft.sync_customer_group
  }
  if (rulesChanged(draft.rules, saved.rules)) payload.rules = draftToRule(draft.rules)
  return payload
}

/** The line under the segment's title saying whether, and what, saving would do. */
export const saveState = (state: {
  isNew: boolean
  named: boolean
  hasRules: boolean
  incomplete: boolean
  refused: boolean
  rulesChanged: boolean
  changed: boolean
}): string => {
  if (!state.hasRules) return "Add a condition to choose who belongs in the segment."
  if (state.incomplete) return "Fill in every condition before saving."
  if (state.refused) return "Fix the rule the server refused before saving."
  if (!state.named) return "Give the segment a name to save it."
  if (state.isNew) return "Ready to create."
  if (state.rulesChanged) return "Unsaved changes: saving refills the segment from the new rules."
  return state.changed ? "Unsaved changes." : "All changes saved."
}
