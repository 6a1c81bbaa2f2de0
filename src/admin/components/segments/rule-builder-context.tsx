import { createContext, useContext } from "react"
import type { NodePath, RuleDraft } from "../../lib/segment-rule-tree"

export type RuleBuilderState = {
  replace: (path: NodePath, node: RuleDraft) => void
  remove: (path: NodePath) => void
  append: (groupPath: NodePath, node: RuleDraft) => void
  /** The node the server's last answer named, with what it said. */
  issue: { path: NodePath | null; message: string } | null
  /** The first node still waiting for a value. */
  incomplete: { path: NodePath; message: string } | null
  currentSegmentId?: string
}

const RuleBuilderContext = createContext<RuleBuilderState | null>(null)

export const RuleBuilderProvider = RuleBuilderContext.Provider

export const useRuleBuilder = () => {
  const state = useContext(RuleBuilderContext)
  if (!state) {
    throw new Error("useRuleBuilder needs a RuleBuilderProvider")
  }
  return state
}

/** "0.2.1", the path as a stable key and test attribute. */
export const pathKey = (path: NodePath) => (path.length ? path.join(".") : "root")
