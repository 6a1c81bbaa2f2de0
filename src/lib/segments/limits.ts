/**
 * Size limits, checked on the raw JSON before the schema walks it. A rule
 * arrives from an HTTP body: checking depth and size first, without
 * recursion, means a deeply nested or enormous document is refused in a
 * bounded number of steps instead of exhausting the stack.
 */

export const MAX_GROUP_DEPTH = 6
export const MAX_CONDITIONS = 100
/** A valid rule has at most one group per condition per level. */
const MAX_GROUPS = MAX_GROUP_DEPTH * MAX_CONDITIONS

export type LimitIssue = { path: (string | number)[]; message: string }

function isGroup(node: unknown): node is { type: "group"; rules?: unknown } {
  return typeof node === "object" && node !== null && (node as { type?: unknown }).type === "group"
}

export function findLimitIssue(root: unknown): LimitIssue | null {
  const stack: { node: unknown; path: (string | number)[]; depth: number }[] = [
    { node: root, path: [], depth: 1 },
  ]
  let conditions = 0
  let groups = 0
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!
    if (!isGroup(node)) {
      conditions++
      if (conditions > MAX_CONDITIONS) {
        return { path, message: `a rule has at most ${MAX_CONDITIONS} conditions` }
      }
      continue
    }
    if (depth > MAX_GROUP_DEPTH) {
      return { path, message: `groups nest at most ${MAX_GROUP_DEPTH} levels deep` }
    }
    groups++
    if (groups > MAX_GROUPS) {
      return { path, message: `a rule has at most ${MAX_GROUPS} groups` }
    }
    if (Array.isArray(node.rules)) {
      // Pushed in reverse so the first offending node in document order is reported.
      for (let index = node.rules.length - 1; index >= 0; index--) {
        stack.push({ node: node.rules[index], path: [...path, "rules", index], depth: depth + 1 })
      }
    }
  }
  return null
}
