import { Checkbox, Label, Select, Text } from "@medusajs/ui"
import { DEFAULT_WINDOW } from "../../lib/segment-conditions"
import { REASON_TYPE_LABELS } from "../../lib/segment-labels"
import type {
  CartAbandonedDraft,
  EmailEngagementDraft,
  ReceivedMessageDraft,
} from "../../lib/segment-rule-tree"
import { MessageSourcePicker } from "./message-source-picker"
import { WindowInput } from "./window-input"

const Words = ({ children }: { children: string }) => (
  <Text size="small" className="text-ui-fg-subtle">
    {children}
  </Text>
)

export const CartAbandonedCondition = ({
  condition,
  onChange,
}: {
  condition: CartAbandonedDraft
  onChange: (condition: CartAbandonedDraft) => void
}) => (
  <div className="flex flex-wrap items-center gap-2">
    <Words>Left a cart without ordering in the last</Words>
    <WindowInput value={condition.within} onChange={(within) => onChange({ ...condition, within })} testId="cart-within" />
  </div>
)

const ENGAGEMENT_CHOICES = {
  opened: { action: "opened", negate: false, label: "Opened" },
  clicked: { action: "clicked", negate: false, label: "Clicked in" },
  not_opened: { action: "opened", negate: true, label: "Did not open" },
  not_clicked: { action: "clicked", negate: true, label: "Did not click in" },
} as const

type EngagementChoice = keyof typeof ENGAGEMENT_CHOICES

export const EmailEngagementCondition = ({
  condition,
  onChange,
}: {
  condition: EmailEngagementDraft
  onChange: (condition: EmailEngagementDraft) => void
}) => {
  const choice: EngagementChoice = `${condition.negate ? "not_" : ""}${condition.action}` as EngagementChoice

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select
        size="small"
        value={choice}
        onValueChange={(next) => {
          const { action, negate } = ENGAGEMENT_CHOICES[next as EngagementChoice]
          const { negate: _, ...rest } = condition
          onChange({ ...rest, action, ...(negate ? { negate: true } : {}) })
        }}
      >
        <Select.Trigger className="w-44" aria-label="Opened or clicked" data-testid="engagement-action">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {(Object.keys(ENGAGEMENT_CHOICES) as EngagementChoice[]).map((key) => (
            <Select.Item key={key} value={key}>
              {ENGAGEMENT_CHOICES[key].label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      <Words>any email in the last</Words>
      <WindowInput value={condition.within} onChange={(within) => onChange({ ...condition, within })} testId="engagement-within" />
    </div>
  )
}

export const ReceivedMessageCondition = ({
  condition,
  onChange,
  id,
}: {
  condition: ReceivedMessageDraft
  onChange: (condition: ReceivedMessageDraft) => void
  id: string
}) => {
  const { within, ...withoutWindow } = condition

  return (
    <div className="flex flex-col gap-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Words>Was sent a message from the</Words>
        <Select
          size="small"
          value={condition.reason_type}
          onValueChange={(reason_type) =>
            // A flow's id names no campaign: switching kind starts the choice over.
            onChange({ ...condition, reason_type, reason_id: "" })
          }
        >
          <Select.Trigger className="w-32" aria-label="Sent by" data-testid="received-reason-type">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {Object.entries(REASON_TYPE_LABELS).map(([value, label]) => (
              <Select.Item key={value} value={value}>
                {label.toLowerCase()}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <MessageSourcePicker
          // A fresh select per kind, so the other kind's choice never lingers on screen.
          key={condition.reason_type}
          kind={condition.reason_type === "flow" ? "flow" : "campaign"}
          value={condition.reason_id}
          onChange={(reason_id) => onChange({ ...condition, reason_id })}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-x-2">
          <Checkbox
            id={`${id}-within`}
            checked={!!within}
            onCheckedChange={(checked) =>
              onChange(checked === true ? { ...condition, within: { ...DEFAULT_WINDOW } } : withoutWindow)
            }
            data-testid="received-within-toggle"
          />
          <Label htmlFor={`${id}-within`} size="small">
            in the last
          </Label>
        </div>
        {within && (
          <WindowInput value={within} onChange={(next) => onChange({ ...condition, within: next })} testId="received-within" />
        )}
      </div>
    </div>
  )
}
