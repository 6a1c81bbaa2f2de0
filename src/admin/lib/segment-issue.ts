import type { NodePath } from "./segment-rule-tree"

export type RuleIssue = {
  /** The node the server named, when it named one. */
  path: NodePath | null
  /** What the server said, unchanged. */
  message: string
}

const PREFIX = /^rules((?:\.rules\[\d+\])*)(?:[.[][^:]*)?: /

/**
 * Reads the node out of the server's answer to bad rules, which starts with
 * its path from the rule's top: `rules.rules[1].rules[0].value: …` names the
 * first condition of the second rule. A message without one (a missing
 * name, a network failure) names no node.
 */
export const parseRuleIssue = (message: string): RuleIssue => {
  const match = PREFIX.exec(message)
  if (!match) {
    return { path: null, message }
  }
  const path = [...match[1].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))
  return { path, message }
}
