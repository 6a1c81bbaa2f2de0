import { useMemo } from "react"
import { findIncomplete } from "../../lib/segment-conditions"
import { parseRuleIssue } from "../../lib/segment-issue"
import {
  appendRule,
  draftToRule,
  removeNode,
  replaceNode,
  toRootGroup,
  type GroupDraft,
} from "../../lib/segment-rule-tree"
import type { FlowIssue } from "../../lib/flow-types"
import { RuleBuilderProvider, type RuleBuilderState } from "../segments/rule-builder-context"
import { RuleGroup } from "../segments/rule-group"

type ContactRuleInputProps = {
  value: unknown
  onChange: (rule: unknown) => void
  /** Where the rule sits in the definition, e.g. "steps.check.rule", to find the server's issue about it. */
  path: string
  issues?: FlowIssue[]
}

/**
 * Who the contact must be, in the segment rule language, edited with the
 * segments' rule builder. An empty rule is left out of the definition.
 */
export const ContactRuleInput = ({ value, onChange, path, issues = [] }: ContactRuleInputProps) => {
  const group = useMemo(() => toRootGroup(value), [value])

  const issue = useMemo(() => {
    const found = issues.find(
      (candidate) =>
        candidate.path === path || candidate.path.startsWith(`${path}.`) || candidate.path.startsWith(`${path}[`)
    )
    if (!found) return null
    // The segment parser names nodes from the rule's top as "rules[1].rules[0]".
    return parseRuleIssue(`rules${found.path.slice(path.length)}: ${found.message}`)
  }, [issues, path])

  const state = useMemo<RuleBuilderState>(() => {
    const change = (next: GroupDraft) => onChange(next.rules.length ? draftToRule(next) : undefined)
    return {
      replace: (nodePath, node) => change(replaceNode(group, nodePath, node)),
      remove: (nodePath) => change(removeNode(group, nodePath)),
      append: (groupPath, node) => change(appendRule(group, groupPath, node)),
      issue,
      // An empty rule is simply left out, so only a started one can be incomplete.
      incomplete: group.rules.length ? findIncomplete(group) : null,
    }
  }, [group, onChange, issue])

  return (
    <div data-testid="flow-contact-rule">
      <RuleBuilderProvider value={state}>
        <RuleGroup group={group} path={[]} />
      </RuleBuilderProvider>
    </div>
  )
}
