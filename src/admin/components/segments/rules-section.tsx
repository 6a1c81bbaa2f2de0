import { Alert, Container, Heading, Text } from "@medusajs/ui"
import { useMemo } from "react"
import {
  appendRule,
  removeNode,
  replaceNode,
  type GroupDraft,
  type NodePath,
} from "../../lib/segment-rule-tree"
import { RuleBuilderProvider, type RuleBuilderState } from "./rule-builder-context"
import { RuleGroup } from "./rule-group"

type RulesSectionProps = {
  rules: GroupDraft
  onChange: (change: (rules: GroupDraft) => GroupDraft) => void
  issue: RuleBuilderState["issue"]
  incomplete: RuleBuilderState["incomplete"]
  currentSegmentId?: string
}

/** The visual rule builder, with the server's verdict on the rules beside it. */
export const RulesSection = ({
  rules,
  onChange,
  issue,
  incomplete,
  currentSegmentId,
}: RulesSectionProps) => {
  const state = useMemo<RuleBuilderState>(
    () => ({
      replace: (path, node) => onChange((root) => replaceNode(root, path, node)),
      remove: (path: NodePath) => onChange((root) => removeNode(root, path)),
      append: (groupPath, node) => onChange((root) => appendRule(root, groupPath, node)),
      issue,
      incomplete,
      currentSegmentId,
    }),
    [onChange, issue, incomplete, currentSegmentId]
  )

  return (
    <Container className="divide-y p-0" data-testid="segment-rules">
      <div className="px-6 py-4">
        <Heading level="h2">Rules</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Who belongs in the segment. Membership follows the rules as
          customers order, browse and read your emails.
        </Text>
      </div>
      <div className="flex flex-col gap-y-4 px-6 py-4">
        {issue && (
          <Alert variant="error" data-testid="segment-rules-error" role="alert">
            {issue.message}
          </Alert>
        )}
        <RuleBuilderProvider value={state}>
          <RuleGroup group={rules} path={[]} />
        </RuleBuilderProvider>
      </div>
    </Container>
  )
}
