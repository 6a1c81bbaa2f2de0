import { Plus, Trash } from "@medusajs/icons"
import { Button, IconButton, Input, Select, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { DATA_OPERATORS, type DataOperator } from "../../../lib/flows/data-conditions"
import { formatConditionValue, parseConditionValue } from "../../lib/flow-values"

export type DataConditionDraft = { path: string; operator: DataOperator; value?: unknown }

const OPERATOR_LABELS: Record<DataOperator, string> = {
  eq: "is",
  neq: "is not",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  in: "is one of",
  exists: "is present",
}

const VALUE_HINTS: Partial<Record<DataOperator, string>> = {
  in: "a, b, c",
  gt: "100 or 2026-01-01",
  gte: "100 or 2026-01-01",
  lt: "100 or 2026-01-01",
  lte: "100 or 2026-01-01",
}

/** Keeps what is typed ("a, ") while it reads as the value it will become. */
const ValueInput = ({
  value,
  operator,
  onChange,
  testId,
}: {
  value: unknown
  operator: DataOperator
  onChange: (value: unknown) => void
  testId: string
}) => {
  const [text, setText] = useState(formatConditionValue(value))
  useEffect(() => {
    if (JSON.stringify(parseConditionValue(text, operator)) !== JSON.stringify(value)) {
      setText(formatConditionValue(value))
    }
    // Only an outside change rewrites the text, never typing.
  }, [value, operator])
  return (
    <Input
      size="small"
      value={text}
      placeholder={VALUE_HINTS[operator] ?? "value"}
      aria-label="Value"
      onChange={(event) => {
        setText(event.target.value)
        onChange(parseConditionValue(event.target.value, operator))
      }}
      data-testid={testId}
    />
  )
}

type DataConditionsInputProps = {
  id: string
  value: DataConditionDraft[] | undefined
  onChange: (value: DataConditionDraft[] | undefined) => void
  /** Keys of a sample payload, offered while typing a path. */
  paths?: string[]
}

/**
 * Tests on an event's data, all of which must pass: a dotted path into the
 * payload ("cart_id", "items.0.product_id"), a comparison and a value.
 */
export const DataConditionsInput = ({ id, value, onChange, paths = [] }: DataConditionsInputProps) => {
  const conditions = value ?? []
  const change = (index: number, patch: Partial<DataConditionDraft>) => {
    const next = conditions.map((condition, i) => {
      if (i !== index) return condition
      const updated = { ...condition, ...patch }
      if (updated.operator === "exists") delete updated.value
      return updated
    })
    onChange(next)
  }
  const remove = (index: number) => {
    const next = conditions.filter((_, i) => i !== index)
    onChange(next.length ? next : undefined)
  }
  return (
    <div className="flex flex-col gap-y-2" data-testid={id}>
      {conditions.map((condition, index) => (
        <div key={index} className="grid grid-cols-[1fr_auto_1fr_auto] items-center gap-x-2">
          <Input
            size="small"
            value={condition.path}
            list={`${id}-paths`}
            placeholder="cart_id"
            aria-label="Data path"
            onChange={(event) => change(index, { path: event.target.value })}
            data-testid={`${id}-path`}
          />
          <Select
            size="small"
            value={condition.operator}
            onValueChange={(operator) => change(index, { operator: operator as DataOperator })}
          >
            <Select.Trigger className="w-36" aria-label="Comparison">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {DATA_OPERATORS.map((operator) => (
                <Select.Item key={operator} value={operator}>
                  {OPERATOR_LABELS[operator]}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          {condition.operator === "exists" ? (
            <span />
          ) : (
            <ValueInput
              value={condition.value}
              operator={condition.operator}
              onChange={(next) => change(index, { value: next })}
              testId={`${id}-value`}
            />
          )}
          <IconButton size="small" variant="transparent" aria-label="Remove condition" onClick={() => remove(index)}>
            <Trash />
          </IconButton>
        </div>
      ))}
      <datalist id={`${id}-paths`}>
        {paths.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      <div className="flex items-center gap-x-2">
        <Button
          size="small"
          variant="secondary"
          type="button"
          onClick={() => onChange([...conditions, { path: "", operator: "eq", value: "" }])}
          data-testid={`${id}-add`}
        >
          <Plus />
          Add data condition
        </Button>
        {conditions.length > 1 && (
          <Text size="xsmall" className="text-ui-fg-muted">
            All must match.
          </Text>
        )}
      </div>
    </div>
  )
}
