import { Select } from "@medusajs/ui"
import { getField } from "../../../lib/segments/fields"
import { changeField, operatorsForField } from "../../lib/segment-conditions"
import { FIELD_GROUPS, FIELD_LABELS, operatorLabel } from "../../lib/segment-labels"
import type { FieldDraft } from "../../lib/segment-rule-tree"
import { FieldValueInput } from "./field-value-input"

type FieldConditionProps = {
  condition: FieldDraft
  onChange: (condition: FieldDraft) => void
  id: string
}

/** A contact field, an operator that fits its type, and a value. */
export const FieldCondition = ({ condition, onChange, id }: FieldConditionProps) => {
  const definition = getField(condition.field)

  return (
    <div className="flex flex-wrap items-start gap-2">
      <Select
        size="small"
        value={condition.field}
        onValueChange={(field) => onChange(changeField(condition, { field }))}
      >
        <Select.Trigger className="w-52" aria-label="Field" data-testid="condition-field">
          <Select.Value placeholder="Choose a field" />
        </Select.Trigger>
        <Select.Content>
          {FIELD_GROUPS.map((group) => (
            <Select.Group key={group.id}>
              <Select.Label>{group.label}</Select.Label>
              {group.fields.map((field) => (
                <Select.Item key={field} value={field}>
                  {FIELD_LABELS[field]}
                </Select.Item>
              ))}
            </Select.Group>
          ))}
        </Select.Content>
      </Select>
      {definition && (
        <Select
          size="small"
          value={condition.operator}
          onValueChange={(operator) => onChange(changeField(condition, { operator }))}
        >
          <Select.Trigger className="w-44" aria-label="Operator" data-testid="condition-operator">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {operatorsForField(condition.field).map((operator) => (
              <Select.Item key={operator} value={operator}>
                {operatorLabel(definition.type, operator)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      )}
      <FieldValueInput
        id={id}
        condition={condition}
        onChange={(value) => onChange({ ...condition, value })}
      />
    </div>
  )
}
