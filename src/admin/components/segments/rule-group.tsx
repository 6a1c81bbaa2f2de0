import { Plus, SquaresPlus, Trash } from "@medusajs/icons"
import { Button, clx, Hint, IconButton, Select, Text, Tooltip } from "@medusajs/ui"
import type { MatchMode } from "../../../lib/segments/schema"
import { defaultCondition } from "../../lib/segment-conditions"
import { MATCH_LABELS } from "../../lib/segment-labels"
import { emptyGroup, samePath, type GroupDraft, type NodePath } from "../../lib/segment-rule-tree"
import { ConditionRow } from "./condition-row"
import { pathKey, useRuleBuilder } from "./rule-builder-context"

const MATCH_HINTS: Record<MatchMode, string> = {
  all: "Contacts who match every condition",
  any: "Contacts who match at least one condition",
  none: "Contacts who match none of the conditions",
}

/**
 * A group of conditions and groups, combined with all, any or none. Nested
 * groups are indented and can be removed; the top group cannot.
 */
export const RuleGroup = ({ group, path }: { group: GroupDraft; path: NodePath }) => {
  const { replace, remove, append, issue, incomplete } = useRuleBuilder()
  const isRoot = path.length === 0
  const key = pathKey(path)
  // The top group's problems show next to the whole builder instead.
  const problem = !isRoot && issue && samePath(issue.path, path) ? issue.message : null
  const missing = incomplete && samePath(incomplete.path, path) ? incomplete.message : null

  return (
    <div
      className={clx(
        "flex flex-col gap-y-3",
        !isRoot && "bg-ui-bg-subtle shadow-borders-base rounded-lg p-3",
        problem && "shadow-borders-error"
      )}
      data-testid="segment-group"
      data-path={key}
      data-invalid={problem ? "true" : undefined}
    >
      <div className="flex items-center gap-x-2">
        <Text size="small" className="text-ui-fg-subtle">
          {isRoot ? "Contacts who match" : "Match"}
        </Text>
        <Select
          size="small"
          value={group.match}
          onValueChange={(match) => replace(path, { ...group, match: match as MatchMode })}
        >
          <Select.Trigger className="w-24" aria-label="Match" data-testid="group-match">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {(Object.keys(MATCH_LABELS) as MatchMode[]).map((mode) => (
              <Select.Item key={mode} value={mode}>
                {MATCH_LABELS[mode]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <Text size="small" className="text-ui-fg-subtle flex-1">
          of these conditions
        </Text>
        {!isRoot && (
          <Tooltip content="Remove group">
            <IconButton
              size="small"
              variant="transparent"
              type="button"
              onClick={() => remove(path)}
              aria-label="Remove group"
              data-testid="group-remove"
            >
              <Trash />
            </IconButton>
          </Tooltip>
        )}
      </div>
      <Text size="xsmall" className="text-ui-fg-muted -mt-2">
        {MATCH_HINTS[group.match]}
      </Text>

      {group.rules.map((rule, index) =>
        rule.type === "group" ? (
          <RuleGroup key={index} group={rule} path={[...path, index]} />
        ) : (
          <ConditionRow key={index} condition={rule} path={[...path, index]} />
        )
      )}

      {problem && (
        <Hint variant="error" data-testid="group-error">
          {problem}
        </Hint>
      )}
      {!problem && missing && <Hint data-testid="group-missing">{missing}</Hint>}

      <div className="flex flex-wrap gap-2">
        <Button
          size="small"
          variant="secondary"
          type="button"
          onClick={() => append(path, defaultCondition("field"))}
          data-testid="group-add-condition"
        >
          <Plus />
          Add condition
        </Button>
        <Button
          size="small"
          variant="transparent"
          type="button"
          onClick={() => append(path, { ...emptyGroup("any"), rules: [defaultCondition("field")] })}
          data-testid="group-add-group"
        >
          <SquaresPlus />
          Add group
        </Button>
      </div>
    </div>
  )
}
