import { Checkbox, Label, Select, Text } from "@medusajs/ui"
import type { OrdersCondition as OrdersRule } from "../../../lib/segments/schema"
import { DEFAULT_WINDOW } from "../../lib/segment-conditions"
import { ORDER_COUNT_LABELS } from "../../lib/segment-labels"
import type { OrdersDraft } from "../../lib/segment-rule-tree"
import { CatalogPicker } from "./catalog-picker"
import { NumberInput } from "./number-input"
import { WindowInput } from "./window-input"

type OrdersConditionProps = {
  condition: OrdersDraft
  onChange: (condition: OrdersDraft) => void
  id: string
}

type CountOperator = OrdersRule["count"]["operator"]

/** How many orders, optionally only recent ones or ones with some products or categories. */
export const OrdersCondition = ({ condition, onChange, id }: OrdersConditionProps) => {
  const { within, ...withoutWindow } = condition

  return (
    <div className="flex flex-col gap-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          size="small"
          value={condition.count.operator}
          onValueChange={(operator) =>
            onChange({ ...condition, count: { ...condition.count, operator: operator as CountOperator } })
          }
        >
          <Select.Trigger className="w-32" aria-label="Comparison" data-testid="orders-count-operator">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {(Object.keys(ORDER_COUNT_LABELS) as CountOperator[]).map((operator) => (
              <Select.Item key={operator} value={operator}>
                {ORDER_COUNT_LABELS[operator]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <NumberInput
          size="small"
          className="w-24"
          min={0}
          step={1}
          value={condition.count.value}
          onChange={(value) => onChange({ ...condition, count: { ...condition.count, value } })}
          aria-label="Number of orders"
          data-testid="orders-count-value"
        />
        <Text size="small" className="text-ui-fg-subtle">
          {condition.count.value === 1 ? "order" : "orders"}
        </Text>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-x-2">
          <Checkbox
            id={`${id}-within`}
            checked={!!within}
            onCheckedChange={(checked) =>
              onChange(checked === true ? { ...condition, within: { ...DEFAULT_WINDOW } } : withoutWindow)
            }
            data-testid="orders-within-toggle"
          />
          <Label htmlFor={`${id}-within`} size="small">
            in the last
          </Label>
        </div>
        {within && (
          <WindowInput value={within} onChange={(next) => onChange({ ...condition, within: next })} testId="orders-within" />
        )}
      </div>
      <div className="grid grid-cols-1 gap-2 md:grid-cols-2">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={`${id}-products`} size="xsmall" className="text-ui-fg-subtle">
            With any of these products (optional)
          </Label>
          <CatalogPicker
            id={`${id}-products`}
            kind="product"
            value={condition.product_ids ?? []}
            onChange={(product_ids) => onChange({ ...condition, product_ids })}
            data-testid="orders-product-ids"
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={`${id}-categories`} size="xsmall" className="text-ui-fg-subtle">
            From any of these categories (optional)
          </Label>
          <CatalogPicker
            id={`${id}-categories`}
            kind="category"
            value={condition.category_ids ?? []}
            onChange={(category_ids) => onChange({ ...condition, category_ids })}
            data-testid="orders-category-ids"
          />
        </div>
      </div>
    </div>
  )
}
