import { getField, operatorsFor, SEGMENT_FIELD_NAMES } from "../../../lib/segments/fields"
import { parseSegmentRule } from "../../../lib/segments/schema"
import {
  changeField,
  dateFromDay,
  dayFromDate,
  defaultCondition,
  defaultFieldValue,
  fieldCondition,
  findIncomplete,
  missingPart,
  operatorsForField,
  parseIdList,
  valueKindFor,
  type ValueKind,
} from "../segment-conditions"
import { CONDITION_TYPES } from "../segment-labels"
import type { FieldDraft, GroupDraft } from "../segment-rule-tree"

const TODAY = new Date(2026, 2, 15, 10, 30)

const closedValues = (field: string) => {
  const definition = getField(field)
  return definition?.type === "text" && definition.values ? definition.values : []
}

/** What a person would type into each kind of empty input. */
const typed: Record<ValueKind, (field: string) => unknown> = {
  none: () => undefined,
  text: () => "x",
  enum: (field) => closedValues(field)[0],
  enum_list: (field) => [closedValues(field)[0]],
  text_list: () => ["x", "y"],
  number: (field) => (getField(field) as { min?: number }).min ?? 1,
  range: (field) => {
    const { min, max } = getField(field) as { min?: number; max?: number }
    return { min: min ?? 1, max: max ?? 2 }
  },
  date: () => "2026-01-31",
  window: () => ({ amount: 2, unit: "weeks" }),
  days: () => ({ days: 3 }),
  ids: () => ["prod_1"],
}

const every = SEGMENT_FIELD_NAMES.flatMap((field) =>
  operatorsFor(getField(field)!).map((operator) => [field, operator] as const)
)

describe("field conditions follow the server's registry", () => {
  it("offers exactly the operators the server accepts for each field", () => {
    for (const field of SEGMENT_FIELD_NAMES) {
      expect(operatorsForField(field)).toEqual(operatorsFor(getField(field)!))
    }
    // Closed sets of values take no substring operators.
    expect(operatorsForField("consent_status")).not.toContain("contains")
    expect(operatorsForField("nope")).toEqual([])
  })

  it.each(every)("%s %s: the default, once filled in, is accepted by the server", (field, operator) => {
    const value = defaultFieldValue(field, operator, TODAY)
    const draft: FieldDraft = { type: "field", field, operator, ...(value === undefined ? {} : { value }) }
    const filled: FieldDraft = missingPart(draft)
      ? { ...draft, value: typed[valueKindFor(field, operator)](field) }
      : draft

    const parsed = parseSegmentRule(filled)
    expect(parsed).toEqual({ ok: true, rule: filled })
  })

  it("asks for a value exactly when the server needs one", () => {
    for (const [field, operator] of every) {
      const withoutValue = parseSegmentRule({ type: "field", field, operator })
      expect([field, operator, valueKindFor(field, operator) === "none"]).toEqual([
        field,
        operator,
        withoutValue.ok,
      ])
    }
  })

  it("starts dates at today's calendar day, windows at 30 days and enums at their first value", () => {
    expect(defaultFieldValue("last_order_at", "before", TODAY)).toEqual("2026-03-15")
    expect(defaultFieldValue("last_order_at", "more_than_ago", TODAY)).toEqual({ amount: 30, unit: "days" })
    expect(defaultFieldValue("birth_date", "anniversary_within", TODAY)).toEqual({ days: 7 })
    expect(defaultFieldValue("rfm_segment", "eq", TODAY)).toEqual("champions")
    expect(defaultFieldValue("churn_risk", "between", TODAY)).toEqual({ min: 0, max: 1 })
    expect(defaultFieldValue("total_spent", "gt", TODAY)).toBeUndefined()
  })

  it("keeps the value when the new operator takes the same kind of value, and starts over otherwise", () => {
    const atLeastThree: FieldDraft = { type: "field", field: "orders_count", operator: "gte", value: 3 }
    expect(changeField(atLeastThree, { operator: "gt" })).toEqual({ ...atLeastThree, operator: "gt" })
    expect(changeField(atLeastThree, { field: "total_spent" })).toEqual({ ...atLeastThree, field: "total_spent" })
    expect(changeField(atLeastThree, { operator: "between" })).toEqual({
      type: "field",
      field: "orders_count",
      operator: "between",
      value: {},
    })
    expect(changeField(atLeastThree, { operator: "is_set" })).toEqual({
      type: "field",
      field: "orders_count",
      operator: "is_set",
    })
  })

  it("moves to the new field's usual operator when the old one does not fit, with a fresh value", () => {
    const named: FieldDraft = { type: "field", field: "first_name", operator: "contains", value: "an" }
    expect(changeField(named, { field: "last_order_at" }, TODAY)).toEqual({
      type: "field",
      field: "last_order_at",
      operator: "in_last",
      value: { amount: 30, unit: "days" },
    })
    // Another closed set of values: the old choice means nothing there.
    const consent: FieldDraft = { type: "field", field: "consent_status", operator: "eq", value: "subscribed" }
    expect(changeField(consent, { field: "rfm_segment" })).toEqual({
      type: "field",
      field: "rfm_segment",
      operator: "eq",
      value: "champions",
    })
    expect(fieldCondition("has_account")).toEqual({ type: "field", field: "has_account", operator: "is_true" })
  })
})

describe("new conditions", () => {
  it.each(CONDITION_TYPES)("a new %s condition is what the server expects once filled in", (type) => {
    const condition = defaultCondition(type, TODAY)
    const filled =
      condition.type === "received_message"
        ? { ...condition, reason_id: "camp_1" }
        : condition.type === "segment"
          ? { ...condition, segment_id: "mkt_seg_1" }
          : condition
    expect(parseSegmentRule(filled)).toEqual({ ok: true, rule: filled })
  })

  it("only conditions naming something the builder cannot guess start incomplete", () => {
    const incomplete = CONDITION_TYPES.filter((type) => missingPart(defaultCondition(type, TODAY)))
    expect(incomplete).toEqual(["received_message", "segment"])
  })
})

describe("findIncomplete", () => {
  const root = (rules: GroupDraft["rules"]): GroupDraft => ({ type: "group", match: "all", rules })

  it("waits for a first condition", () => {
    expect(findIncomplete(root([]))).toEqual({ path: [], message: "Add a condition to this group" })
  })

  it("names the first unfinished node in the order shown", () => {
    const rules = root([
      { type: "orders", count: { operator: "gte", value: 1 } },
      {
        type: "group",
        match: "any",
        rules: [
          { type: "field", field: "total_spent", operator: "between", value: { min: 10 } },
          { type: "field", field: "email", operator: "contains", value: "" },
        ],
      },
      { type: "group", match: "any", rules: [] },
    ])
    expect(findIncomplete(rules)).toEqual({ path: [1, 0], message: "Enter a value" })
  })

  it("notices a cleared window amount, an empty id list and a missing segment", () => {
    expect(
      findIncomplete(root([{ type: "orders", count: { operator: "gte", value: 1 }, within: { unit: "days" } }]))
    ).toEqual({ path: [0], message: "Enter how many days, weeks or months" })
    expect(findIncomplete(root([{ type: "field", field: "product_ids", operator: "contains_any", value: [] }]))).toEqual({
      path: [0],
      message: "Enter a value",
    })
    expect(findIncomplete(root([{ type: "segment", segment_id: "", in: false }]))).toEqual({
      path: [0],
      message: "Choose a segment",
    })
  })

  it("is satisfied by filled conditions, including ones that take no value", () => {
    expect(
      findIncomplete(
        root([
          { type: "field", field: "has_account", operator: "is_true" },
          { type: "field", field: "rfm_segment", operator: "in", value: ["cant_lose"] },
          { type: "cart_abandoned", within: { amount: 7, unit: "days" } },
        ])
      )
    ).toBeNull()
  })
})

describe("input helpers", () => {
  it("reads a comma- or space-separated id list without blanks or repeats", () => {
    expect(parseIdList(" prod_1, prod_2,,prod_1\nprod_3  ")).toEqual(["prod_1", "prod_2", "prod_3"])
    expect(parseIdList(" , ")).toEqual([])
  })

  it("turns the picked calendar day into the ISO day the server reads, and back", () => {
    const picked = new Date(2026, 0, 5)
    expect(dayFromDate(picked)).toEqual("2026-01-05")
    expect(dateFromDay("2026-01-05")).toEqual(picked)
    expect(dateFromDay("")).toBeNull()
    expect(dateFromDay("2026-01-05T10:00:00Z")).toBeNull()
  })
})
