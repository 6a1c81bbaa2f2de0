import { Select, Text } from "@medusajs/ui"
import { TIME_UNITS, type TimeUnit } from "../../../lib/segments/time"
import { TIME_UNIT_LABELS } from "../../lib/segment-labels"
import type { WindowDraft } from "../../lib/segment-rule-tree"
import { NumberInput } from "./number-input"

type WindowInputProps = {
  value: WindowDraft
  onChange: (value: WindowDraft) => void
  /** Words after the unit, e.g. "ago". */
  suffix?: string
  testId?: string
}

/** A relative window: an amount and days, weeks or months. */
export const WindowInput = ({ value, onChange, suffix, testId = "window" }: WindowInputProps) => (
  <div className="flex items-center gap-x-2">
    <NumberInput
      size="small"
      className="w-20"
      min={1}
      step={1}
      value={value.amount}
      onChange={(amount) => onChange({ ...value, amount })}
      aria-label="Amount"
      data-testid={`${testId}-amount`}
    />
    <Select
      size="small"
      value={value.unit}
      onValueChange={(unit) => onChange({ ...value, unit: unit as TimeUnit })}
    >
      <Select.Trigger className="w-28" aria-label="Unit" data-testid={`${testId}-unit`}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {TIME_UNITS.map((unit) => (
          <Select.Item key={unit} value={unit}>
            {TIME_UNIT_LABELS[unit]}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
    {suffix && (
      <Text size="small" className="text-ui-fg-subtle">
        {suffix}
      </Text>
    )}
  </div>
)
