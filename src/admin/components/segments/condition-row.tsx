import { Trash } from "@medusajs/icons"
import { clx, Hint, IconButton, Select, Tooltip } from "@medusajs/ui"
import { defaultCondition } from "../../lib/segment-conditions"
import { CONDITION_TYPE_LABELS, CONDITION_TYPES } from "../../lib/segment-labels"
import { samePath, type ConditionDraft, type ConditionType, type NodePath } from "../../lib/segment-rule-tree"
import {
  CartAbandonedCondition,
  EmailEngagementCondition,
  ReceivedMessageCondition,
} from "./activity-conditions"
import { FieldCondition } from "./field-condition"
import { OrdersCondition } from "./orders-condition"
import { pathKey, useRuleBuilder } from "./rule-builder-context"
import { SegmentMembershipCondition } from "./segment-membership-condition"

const ConditionEditor = ({
  condition,
  onChange,
  id,
  currentSegmentId,
}: {
  condition: ConditionDraft
  onChange: (condition: ConditionDraft) => void
  id: string
  currentSegmentId?: string
}) => {
  switch (condition.type) {
    case "field":
      return <FieldCondition condition={condition} onChange={onChange} id={id} />
    case "orders":
      return <OrdersCondition condition={condition} onChange={onChange} id={id} />
    case "cart_abandoned":
      return <CartAbandonedCondition condition={condition} onChange={onChange} />
    case "email_engagement":
      return <EmailEngagementCondition condition={condition} onChange={onChange} />
    case "received_message":
      return <ReceivedMessageCondition condition={condition} onChange={onChange} id={id} />
    case "segment":
      return (
        <SegmentMembershipCondition
          condition={condition}
          onChange={onChange}
          currentSegmentId={currentSegmentId}
        />
      )
  }
}

/** One condition: what kind it is, its settings, and what is wrong with it. */
export const ConditionRow = ({ condition, path }: { condition: ConditionDraft; path: NodePath }) => {
  const { replace, remove, issue, incomplete, currentSegmentId } = useRuleBuilder()
  const key = pathKey(path)
  const id = `segment-condition-${key}`
  const problem = issue && samePath(issue.path, path) ? issue.message : null
  const missing = incomplete && samePath(incomplete.path, path) ? incomplete.message : null

  return (
    <div
      className={clx(
        "bg-ui-bg-base shadow-borders-base flex flex-col gap-y-2 rounded-lg px-3 py-3",
        problem && "shadow-borders-error"
      )}
      data-testid="segment-condition"
      data-path={key}
      data-type={condition.type}
      data-invalid={problem ? "true" : undefined}
    >
      <div className="flex items-start gap-x-2">
        <Select
          size="small"
          value={condition.type}
          onValueChange={(type) => replace(path, defaultCondition(type as ConditionType))}
        >
          <Select.Trigger className="w-48 shrink-0" aria-label="Condition type" data-testid="condition-type">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {CONDITION_TYPES.map((type) => (
              <Select.Item key={type} value={type}>
                {CONDITION_TYPE_LABELS[type]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <div className="min-w-0 flex-1">
          <ConditionEditor
            condition={condition}
            onChange={(next) => replace(path, next)}
            id={id}
            currentSegmentId={currentSegmentId}
          />
        </div>
        <Tooltip content="Remove condition">
          <IconButton
            size="small"
            variant="transparent"
            type="button"
            onClick={() => remove(path)}
            aria-label="Remove condition"
            data-testid="condition-remove"
          >
            <Trash />
          </IconButton>
        </Tooltip>
      </div>
      {problem && (
        <Hint variant="error" data-testid="condition-error">
          {problem}
        </Hint>
      )}
      {!problem && missing && <Hint data-testid="condition-missing">{missing}</Hint>}
    </div>
  )
}
