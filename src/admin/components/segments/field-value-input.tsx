import { DatePicker, Input, Select, Text } from "@medusajs/ui"
import { getField } from "../../../lib/segments/fields"
import {
  dateFromDay,
  dayFromDate,
  DEFAULT_WINDOW,
  valueKindFor,
} from "../../lib/segment-conditions"
import { enumValueLabel } from "../../lib/segment-labels"
import type { FieldDraft, WindowDraft } from "../../lib/segment-rule-tree"
import { CatalogPicker } from "./catalog-picker"
import { CheckboxGroup } from "./checkbox-group"
import { IdListInput } from "./id-list-input"
import { NumberInput } from "./number-input"
import { TopicsPicker } from "./topics-picker"
import { WindowInput } from "./window-input"

type FieldValueInputProps = {
  condition: FieldDraft
  onChange: (value: unknown) => void
  id: string
}

const enumValues = (field: string): readonly string[] => {
  const definition = getField(field)
  return definition?.type === "text" ? (definition.values ?? []) : []
}

const asNumber = (value: unknown) => (typeof value === "number" ? value : undefined)

/** The input that fits the field's type and the chosen operator. */
export const FieldValueInput = ({ condition, onChange, id }: FieldValueInputProps) => {
  const { field, operator, value } = condition
  const testId = "condition-value"

  switch (valueKindFor(field, operator)) {
    case "none":
      return null
    case "text":
      return (
        <Input
          id={id}
          size="small"
          className="min-w-0 flex-1"
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.target.value)}
          aria-label="Value"
          data-testid={testId}
        />
      )
    case "enum":
      return (
        <Select size="small" value={typeof value === "string" ? value : undefined} onValueChange={onChange}>
          <Select.Trigger id={id} className="w-48" aria-label="Value" data-testid={testId}>
            <Select.Value placeholder="Choose a value" />
          </Select.Trigger>
          <Select.Content>
            {enumValues(field).map((option) => (
              <Select.Item key={option} value={option}>
                {enumValueLabel(field, option)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      )
    case "enum_list":
      return (
        <CheckboxGroup
          id={id}
          label="Values"
          choices={enumValues(field).map((option) => ({ key: option, label: enumValueLabel(field, option) }))}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          data-testid={testId}
        />
      )
    case "text_list":
    case "ids":
      // Bought products and categories are chosen from the catalogue by name, topics from Settings.
      if (field === "product_ids" || field === "category_ids") {
        return (
          <CatalogPicker
            id={id}
            kind={field === "product_ids" ? "product" : "category"}
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={onChange}
            data-testid={testId}
          />
        )
      }
      if (field === "unsubscribed_topics") {
        return (
          <TopicsPicker
            id={id}
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={onChange}
            data-testid={testId}
          />
        )
      }
      return (
        <IdListInput
          id={id}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          aria-label="Values"
          data-testid={testId}
        />
      )
    case "number":
      return (
        <NumberInput
          id={id}
          size="small"
          className="w-32"
          value={asNumber(value)}
          onChange={onChange}
          aria-label="Value"
          data-testid={testId}
        />
      )
    case "range": {
      const range = (value ?? {}) as { min?: number; max?: number }
      return (
        <div className="flex items-center gap-x-2">
          <NumberInput
            id={id}
            size="small"
            className="w-24"
            value={asNumber(range.min)}
            onChange={(min) => onChange({ ...range, min })}
            aria-label="Minimum"
            data-testid={`${testId}-min`}
          />
          <Text size="small" className="text-ui-fg-subtle">
            and
          </Text>
          <NumberInput
            size="small"
            className="w-24"
            value={asNumber(range.max)}
            onChange={(max) => onChange({ ...range, max })}
            aria-label="Maximum"
            data-testid={`${testId}-max`}
          />
        </div>
      )
    }
    case "date":
      return (
        <div className="w-44" data-testid={testId}>
          <DatePicker
            size="small"
            aria-label="Date"
            value={dateFromDay(value)}
            onChange={(date) => onChange(date ? dayFromDate(date) : "")}
          />
        </div>
      )
    case "window":
      return (
        <WindowInput
          value={(value as WindowDraft | undefined) ?? DEFAULT_WINDOW}
          onChange={onChange}
          suffix={operator === "more_than_ago" ? "ago" : undefined}
          testId={testId}
        />
      )
    case "days": {
      const days = asNumber((value as { days?: number } | undefined)?.days)
      return (
        <div className="flex items-center gap-x-2">
          <NumberInput
            id={id}
            size="small"
            className="w-20"
            min={0}
            max={365}
            value={days}
            onChange={(next) => onChange({ days: next })}
            aria-label="Days"
            data-testid={testId}
          />
          <Text size="small" className="text-ui-fg-subtle">
            days
          </Text>
        </div>
      )
    }
  }
}
