import { Select } from "@medusajs/ui"
import { DURATION_UNITS, type DurationUnit } from "../../../lib/flows/definition"
import { NumberInput } from "../segments/number-input"

const UNIT_LABELS: Record<DurationUnit, string> = {
  minutes: "Minutes",
  hours: "Hours",
  days: "Days",
  weeks: "Weeks",
}

export type DurationDraft = { amount?: number; unit: DurationUnit }

type DurationInputProps = {
  id: string
  value: DurationDraft | undefined
  onChange: (value: DurationDraft) => void
}

/** A length of time: an amount and minutes, hours, days or weeks. */
export const DurationInput = ({ id, value, onChange }: DurationInputProps) => {
  const current: DurationDraft = value ?? { amount: 1, unit: "days" }
  return (
    <div className="flex items-center gap-x-2">
      <NumberInput
        id={id}
        size="small"
        className="w-24"
        min={1}
        step={1}
        value={current.amount}
        onChange={(amount) => onChange({ ...current, amount })}
        aria-label="Amount"
        data-testid={`${id}-amount`}
      />
      <Select size="small" value={current.unit} onValueChange={(unit) => onChange({ ...current, unit: unit as DurationUnit })}>
        <Select.Trigger className="w-32" aria-label="Unit" data-testid={`${id}-unit`}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {DURATION_UNITS.map((unit) => (
            <Select.Item key={unit} value={unit}>
              {UNIT_LABELS[unit]}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
