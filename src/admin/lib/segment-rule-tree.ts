/**
 * The rule being edited in the segment builder: the segment rule language's
 * JSON (src/lib/segments/schema.ts), except that a value may be missing
 * while someone is still typing it. The server stays the judge of what is
 * valid; these helpers only edit the tree without mutating it.
 */

import type {
  EmailEngagementCondition,
  MatchMode,
  OrdersCondition,
} from "../../lib/segments/schema"
import type { TimeUnit } from "../../lib/segments/time"

/** A relative window whose amount may be cleared while it is typed. */
export type WindowDraft = { amount?: number; unit: TimeUnit }

export type FieldDraft = {
  type: "field"
  field: string
  operator: string
  value?: unknown
}

export type OrdersDraft = {
  type: "orders"
  count: { operator: OrdersCondition["count"]["operator"]; value?: number }
  within?: WindowDraft
  product_ids?: string[]
  category_ids?: string[]
}

export type CartAbandonedDraft = { type: "cart_abandoned"; within: WindowDraft }

export type EmailEngagementDraft = {
  type: "email_engagement"
  action: EmailEngagementCondition["action"]
  within: WindowDraft
  negate?: boolean
}

export type ReceivedMessageDraft = {
  type: "received_message"
  reason_type: string
  reason_id: string
  within?: WindowDraft
}

export type SegmentMembershipDraft = {
  type: "segment"
  segment_id: string
  in: boolean
}

export type ConditionDraft =
  | FieldDraft
  | OrdersDraft
  | CartAbandonedDraft
  | EmailEngagementDraft
  | ReceivedMessageDraft
  | SegmentMembershipDraft

export type ConditionType = ConditionDraft["type"]

export type GroupDraft = { type: "group"; match: MatchMode; rules: RuleDraft[] }

export type RuleDraft = GroupDraft | ConditionDraft

/** Indexes into `rules` from the root group down; the root is []. */
export type NodePath = number[]

export const emptyGroup = (match: MatchMode = "all"): GroupDraft => ({
  type: "group",
  match,
  rules: [],
})

const isGroup = (node: unknown): node is GroupDraft =>
  typeof node === "object" &&
  node !== null &&
  (node as { type?: unknown }).type === "group" &&
  Array.isArray((node as { rules?: unknown }).rules)

/**
 * The builder always edits a group at the top, so a stored rule that is a
 * single condition is shown inside an "all" group, which matches the same
 * contacts.
 */
export const toRootGroup = (rule: unknown): GroupDraft => {
  if (isGroup(rule)) {
    return rule
  }
  if (typeof rule === "object" && rule !== null) {
    return { ...emptyGroup(), rules: [rule as ConditionDraft] }
  }
  return emptyGroup()
}

export const samePath = (a: NodePath | null | undefined, b: NodePath) =>
  !!a && a.length === b.length && a.every((index, i) => index === b[i])

export const getNode = (root: GroupDraft, path: NodePath): RuleDraft | undefined => {
  let node: RuleDraft | undefined = root
  for (const index of path) {
    node = node && isGroup(node) ? node.rules[index] : undefined
  }
  return node
}

/** The tree with the node at `path` replaced by what `change` returns. */
export const updateNode = (
  root: GroupDraft,
  path: NodePath,
  change: (node: RuleDraft) => RuleDraft
): GroupDraft => {
  const visit = (node: RuleDraft, depth: number): RuleDraft => {
    if (depth === path.length) {
      return change(node)
    }
    if (!isGroup(node) || !node.rules[path[depth]]) {
      throw new Error(`No rule at [${path.join(", ")}]`)
    }
    const rules = node.rules.slice()
    rules[path[depth]] = visit(rules[path[depth]], depth + 1)
    return { ...node, rules }
  }
  const updated = visit(root, 0)
  if (!isGroup(updated)) {
    throw new Error("The top of a rule must stay a group")
  }
  return updated
}

export const replaceNode = (root: GroupDraft, path: NodePath, node: RuleDraft) =>
  updateNode(root, path, () => node)

/** Adds `rule` at the end of the group at `groupPath`. */
export const appendRule = (
  root: GroupDraft,
  groupPath: NodePath,
  rule: RuleDraft
): GroupDraft =>
  updateNode(root, groupPath, (group) => {
    if (!isGroup(group)) {
      throw new Error(`The rule at [${groupPath.join(", ")}] is not a group`)
    }
    return { ...group, rules: [...group.rules, rule] }
  })

/** Removes the node at `path`; the root itself cannot be removed. */
export const removeNode = (root: GroupDraft, path: NodePath): GroupDraft => {
  if (!path.length) {
    throw new Error("The top group cannot be removed")
  }
  const parent = path.slice(0, -1)
  const index = path[path.length - 1]
  return updateNode(root, parent, (group) => {
    if (!isGroup(group) || !group.rules[index]) {
      throw new Error(`No rule at [${path.join(", ")}]`)
    }
    return { ...group, rules: group.rules.filter((_, i) => i !== index) }
  })
}

const withoutEmptyLists = (condition: OrdersDraft): OrdersDraft => {
  const { product_ids, category_ids, ...rest } = condition
  return {
    ...rest,
    ...(product_ids?.length ? { product_ids } : {}),
    ...(category_ids?.length ? { category_ids } : {}),
  }
}

/**
 * The JSON to send: an empty optional product or category list means "any
 * product", which the language says by leaving the list out.
 */
export const draftToRule = (node: RuleDraft): RuleDraft => {
  if (isGroup(node)) {
    return { ...node, rules: node.rules.map(draftToRule) }
  }
  return node.type === "orders" ? withoutEmptyLists(node) : node
}
