import {
  draftChanged,
  draftFromSegment,
  draftToCreate,
  draftToUpdate,
  newSegmentDraft,
  saveState,
} from "../segment-draft"
import type { Segment } from "../segment-types"

const stored: Segment = {
  id: "mkt_seg_1",
  name: "Buyers",
  description: null,
  rules: { type: "orders", count: { operator: "gte", value: 1 } },
  member_count: 4,
  last_refreshed_at: null,
  sync_customer_group: false,
  customer_group_id: null,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
}

describe("segment drafts", () => {
  it("opens a stored segment with its rule inside a top group, unchanged", () => {
    const draft = draftFromSegment(stored)
    expect(draft).toEqual({
      name: "Buyers",
      description: "",
      sync_customer_group: false,
      rules: { type: "group", match: "all", rules: [stored.rules] },
    })
    expect(draftChanged(draft, draftFromSegment(stored))).toBe(false)
  })

  it("sends only a changed name, so renaming does not refill the segment", () => {
    const saved = draftFromSegment(stored)
    expect(draftToUpdate({ ...saved, name: "  Repeat buyers " }, saved)).toEqual({ name: "Repeat buyers" })
    expect(draftToUpdate({ ...saved, description: " " }, saved)).toEqual({ description: null })
    expect(draftToUpdate(saved, saved)).toEqual({})
  })

  it("sends rules once they differ, without empty optional lists", () => {
    const saved = draftFromSegment(stored)
    const edited: typeof saved = {
      ...saved,
      rules: { ...saved.rules, rules: [{ type: "orders", count: { operator: "gte", value: 2 }, product_ids: [] }] },
    }
    expect(draftChanged(edited, saved)).toBe(true)
    expect(draftToUpdate(edited, saved)).toEqual({
      rules: { type: "group", match: "all", rules: [{ type: "orders", count: { operator: "gte", value: 2 } }] },
    })
    // An empty list typed and cleared again is no change.
    const cleared: typeof saved = {
      ...saved,
      rules: { ...saved.rules, rules: [{ type: "orders", count: { operator: "gte", value: 1 }, product_ids: [] }] },
    }
    expect(draftChanged(cleared, saved)).toBe(false)
  })

  it("creates with a trimmed name and no description when none was written", () => {
    expect(draftToCreate({ ...newSegmentDraft(), name: " VIP ", sync_customer_group: true })).toEqual({
      name: "VIP",
      description: null,
      sync_customer_group: true,
      rules: { type: "group", match: "all", rules: [] },
    })
  })
})

describe("saveState", () => {
  const clean = { isNew: false, named: true, hasRules: true, incomplete: false, refused: false, rulesChanged: false, changed: false }

  it("says what saving would do, the blocking problem first", () => {
    expect(saveState(clean)).toEqual("All changes saved.")
    expect(saveState({ ...clean, changed: true })).toEqual("Unsaved changes.")
    expect(saveState({ ...clean, changed: true, rulesChanged: true })).toMatch(/refills the segment/)
    expect(saveState({ ...clean, isNew: true, changed: true })).toEqual("Ready to create.")
    expect(saveState({ ...clean, isNew: true, named: false, changed: true })).toMatch(/a name/)
    expect(saveState({ ...clean, changed: true, refused: true })).toMatch(/server refused/)
    expect(saveState({ ...clean, incomplete: true, refused: true })).toEqual("Fill in every condition before saving.")
    expect(saveState({ ...clean, hasRules: false, incomplete: true })).toMatch(/^Add a condition/)
  })
})
