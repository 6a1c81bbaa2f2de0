import {
  appendRule,
  draftToRule,
  emptyGroup,
  getNode,
  removeNode,
  replaceNode,
  toRootGroup,
  updateNode,
  type GroupDraft,
} from "../segment-rule-tree"

const subscribed = { type: "field", field: "consent_status", operator: "eq", value: "subscribed" } as const
const bought = { type: "orders", count: { operator: "gte", value: 1 } } as const
const opened = {
  type: "email_engagement",
  action: "opened",
  within: { amount: 30, unit: "days" },
} as const

const tree = (): GroupDraft => ({
  type: "group",
  match: "all",
  rules: [subscribed, { type: "group", match: "any", rules: [bought, opened] }],
})

describe("rule tree editing", () => {
  it("reads nodes by their path from the top group", () => {
    const root = tree()
    expect(getNode(root, [])).toBe(root)
    expect(getNode(root, [0])).toEqual(subscribed)
    expect(getNode(root, [1, 1])).toEqual(opened)
    expect(getNode(root, [1, 5])).toBeUndefined()
    expect(getNode(root, [0, 0])).toBeUndefined()
  })

  it("replaces a nested condition and leaves the original tree and untouched branches as they were", () => {
    const root = tree()
    const before = JSON.stringify(root)
    const lapsed = { ...opened, negate: true }
    const next = replaceNode(root, [1, 1], lapsed)

    expect(getNode(next, [1, 1])).toEqual(lapsed)
    expect(JSON.stringify(root)).toEqual(before)
    // Branches off the edited path are shared, so React skips re-rendering them.
    expect(next.rules[0]).toBe(root.rules[0])
    expect((next.rules[1] as GroupDraft).rules[0]).toBe((root.rules[1] as GroupDraft).rules[0])
  })

  it("changes a group's match mode through updateNode", () => {
    const next = updateNode(tree(), [1], (node) => ({ ...(node as GroupDraft), match: "none" }))
    expect((next.rules[1] as GroupDraft).match).toEqual("none")
    expect((next.rules[1] as GroupDraft).rules).toHaveLength(2)
  })

  it("appends a condition or a group at the end of the chosen group", () => {
    const withCondition = appendRule(tree(), [1], subscribed)
    expect((withCondition.rules[1] as GroupDraft).rules.map((r) => r.type)).toEqual([
      "orders",
      "email_engagement",
      "field",
    ])
    const withGroup = appendRule(tree(), [], emptyGroup("none"))
    expect(withGroup.rules[2]).toEqual({ type: "group", match: "none", rules: [] })
  })

  it("removes a condition or a whole nested group, but never the top group", () => {
    expect(removeNode(tree(), [1, 0]).rules[1]).toEqual({ type: "group", match: "any", rules: [opened] })
    expect(removeNode(tree(), [1]).rules).toEqual([subscribed])
    expect(() => removeNode(tree(), [])).toThrow("cannot be removed")
    expect(() => removeNode(tree(), [4])).toThrow("No rule at [4]")
  })

  it("refuses to add into a condition", () => {
    expect(() => appendRule(tree(), [0], subscribed)).toThrow("not a group")
  })

  it("shows a stored single condition inside an 'all' group, and nothing stored as an empty group", () => {
    expect(toRootGroup(subscribed)).toEqual({ type: "group", match: "all", rules: [subscribed] })
    const root = tree()
    expect(toRootGroup(root)).toBe(root)
    expect(toRootGroup(null)).toEqual(emptyGroup())
  })

  it("sends an empty product or category list as no list, which means any product", () => {
    const root: GroupDraft = {
      type: "group",
      match: "all",
      rules: [
        { ...bought, product_ids: [], category_ids: ["pcat_1"] },
        { type: "group", match: "any", rules: [{ ...bought, product_ids: [] }] },
      ],
    }
    expect(draftToRule(root)).toEqual({
      type: "group",
      match: "all",
      rules: [
        { ...bought, category_ids: ["pcat_1"] },
        { type: "group", match: "any", rules: [bought] },
      ],
    })
  })
})
