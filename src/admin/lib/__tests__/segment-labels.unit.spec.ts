import {
  CONSENT_STATUSES,
  getField,
  operatorsFor,
  RFM_SEGMENTS,
  SEGMENT_FIELD_NAMES,
} from "../../../lib/segments/fields"
import {
  ENUM_VALUE_LABELS,
  enumValueLabel,
  FIELD_GROUPS,
  FIELD_LABELS,
  operatorLabel,
} from "../segment-labels"

describe("rule builder labels", () => {
  it("puts every field the server knows in exactly one section of the field picker", () => {
    const listed = FIELD_GROUPS.flatMap((group) => group.fields)
    expect([...listed].sort()).toEqual([...SEGMENT_FIELD_NAMES].sort())
    expect(new Set(listed).size).toEqual(listed.length)
    expect(FIELD_GROUPS.map((group) => group.label)).toEqual([
      "Profile",
      "Orders",
      "Engagement",
      "Scores",
      "Dates",
      "Lists",
    ])
  })

  it("has a readable label for every field and for every operator each field offers", () => {
    for (const field of SEGMENT_FIELD_NAMES) {
      expect(FIELD_LABELS[field]).toMatch(/^[A-Z]/)
      const definition = getField(field)!
      for (const operator of operatorsFor(definition)) {
        const label = operatorLabel(definition.type, operator)
        expect([field, operator, label]).toEqual([field, operator, expect.not.stringContaining("_")])
      }
    }
  })

  it("words date operators as a sentence reads", () => {
    expect(operatorLabel("date", "in_last")).toEqual("is in the last")
    expect(operatorLabel("date", "more_than_ago")).toEqual("is more than … ago")
    expect(operatorLabel("date", "anniversary_within")).toEqual("anniversary within")
    expect(operatorLabel("number", "gte")).toEqual("at least")
  })

  it("names every consent status and RFM group", () => {
    expect(Object.keys(ENUM_VALUE_LABELS.consent_status).sort()).toEqual([...CONSENT_STATUSES].sort())
    expect(Object.keys(ENUM_VALUE_LABELS.rfm_segment).sort()).toEqual([...RFM_SEGMENTS].sort())
    expect(enumValueLabel("rfm_segment", "cant_lose")).toEqual("Can't lose")
    expect(enumValueLabel("consent_status", "never")).toEqual("Never subscribed")
    expect(enumValueLabel("locale", "de-DE")).toEqual("de-DE")
  })
})
