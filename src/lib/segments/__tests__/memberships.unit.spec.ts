import { decideMemberships, type ContactContext } from "../memberships"
import type { Rule } from "../schema"

const now = new Date("2026-06-15T12:00:00.000Z")
const spentOver = (amount: number): Rule => ({ type: "field", field: "total_spent", operator: "gt", value: amount } as Rule)
const inSegment = (segmentId: string, member: boolean): Rule => ({ type: "segment", segment_id: segmentId, in: member })

const context = (spent: number | null, memberOf: string[] = []): ContactContext => ({
  facts: spent === null ? null : { total_spent: spent },
  events: [],
  messages: [],
  messageEvents: [],
  memberships: memberOf.map((segment_id) => ({ segment_id, exited_at: null })),
})

describe("decideMemberships", () => {
  it("enters contacts who now match and removes those who no longer do, leaving the rest", () => {
    const contexts = new Map([
      ["con_new", context(500)],
      ["con_stays", context(400, ["seg_vip"])],
      ["con_gone", context(50, ["seg_vip"])],
      ["con_never", context(10)],
    ])
    expect(decideMemberships([{ id: "seg_vip", rules: spentOver(200) }], contexts, now)).toEqual([
      { segment_id: "seg_vip", entered: ["con_new"], exited: ["con_gone"] },
    ])
  })

  it("returns nothing for segments whose members stay the same", () => {
    const contexts = new Map([["con_1", context(500, ["seg_vip"])]])
    expect(decideMemberships([{ id: "seg_vip", rules: spentOver(200) }], contexts, now)).toEqual([])
  })

  it("lets a later segment see the decisions of the segments it refers to", () => {
    const contexts = new Map([
      ["con_up", context(500)],
      ["con_down", context(50, ["seg_regular"])],
    ])
    const segments = [
      { id: "seg_vip", rules: spentOver(200) },
      { id: "seg_regular", rules: inSegment("seg_vip", false) },
    ]
    expect(decideMemberships(segments, contexts, now)).toEqual([
      { segment_id: "seg_vip", entered: ["con_up"], exited: [] },
    ])
    const afterwards = decideMemberships(segments, new Map([["con_up", context(50, ["seg_vip"])]]), now)
    expect(afterwards).toEqual([
      { segment_id: "seg_vip", entered: [], exited: ["con_up"] },
      { segment_id: "seg_regular", entered: ["con_up"], exited: [] },
    ])
  })

  it("takes a deleted or erased contact out of every segment", () => {
    const contexts = new Map([["con_erased", context(null, ["seg_vip", "seg_all"])]])
    const segments = [
      { id: "seg_vip", rules: spentOver(200) },
      { id: "seg_all", rules: spentOver(0) },
    ]
    expect(decideMemberships(segments, contexts, now)).toEqual([
      { segment_id: "seg_vip", entered: [], exited: ["con_erased"] },
      { segment_id: "seg_all", entered: [], exited: ["con_erased"] },
    ])
  })

  it("leaves the contexts it was given as they were", () => {
    const contexts = new Map([["con_1", context(500)]])
    decideMemberships([{ id: "seg_vip", rules: spentOver(200) }], contexts, now)
    expect(contexts.get("con_1")!.memberships).toEqual([])
  })
})
