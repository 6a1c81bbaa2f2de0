import {
  addVariant,
  canSaveDraft,
  draftFromCampaign,
  draftIssues,
  draftToPayload,
  newCampaignDraft,
  schedulePayload,
  testBy,
  type CampaignDraft,
} from "../campaign-draft"
import type { Campaign } from "../campaign-types"

const NOW = Date.parse("2027-06-01T12:00:00Z")

const stored: Campaign = {
  id: "mkt_cmp_1",
  name: "Spring sale",
  status: "scheduled",
  template_id: "mkt_tpl_1",
  subject: null,
  segment_ids: ["mkt_seg_1", "mkt_seg_2"],
  exclude_segment_ids: ["mkt_seg_3"],
  transactional: false,
  scheduled_at: "2027-06-02T09:00:00.000Z",
  local_time: true,
  ab_test: {
    variants: [
      { key: "a", subject: "New linen" },
      { key: "b", subject: "Last days" },
    ],
    sample_percent: 20,
    metric: "click_rate",
    decide_after_hours: 6,
  },
  winner_variant: null,
  decided_at: null,
  audience_count: null,
  started_at: null,
  finished_at: null,
  cancelled_at: null,
  created_at: "2027-05-01T00:00:00.000Z",
  updated_at: "2027-05-01T00:00:00.000Z",
}

const ready = (patch: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...newCampaignDraft(),
  name: "Spring sale",
  segment_ids: ["mkt_seg_1"],
  template_id: "mkt_tpl_1",
  ...patch,
})

const fields = (draft: CampaignDraft) => draftIssues(draft, NOW).map((issue) => [issue.step, issue.field])

describe("campaign drafts", () => {
  it("opens a stored campaign and sends it back unchanged", () => {
    const draft = draftFromCampaign(stored)
    expect(draft).toMatchObject({
      send: "later",
      // A local time shows its UTC digits: 09:00 in each contact's zone.
      scheduled_at: "2027-06-02T09:00",
      local_time: true,
      ab_test: { enabled: true, by: "subject", sample_percent: "20", decide_after_hours: "6", metric: "click_rate" },
    })
    expect(draftToPayload(draft, "scheduled")).toEqual({
      name: "Spring sale",
      template_id: "mkt_tpl_1",
      subject: null,
      segment_ids: ["mkt_seg_1", "mkt_seg_2"],
      exclude_segment_ids: ["mkt_seg_3"],
      transactional: false,
      scheduled_at: "2027-06-02T09:00:00.000Z",
      local_time: true,
      ab_test: stored.ab_test,
    })
  })

  it("a new draft asks for a name, a segment and a template, each on its own step", () => {
    expect(fields(newCampaignDraft())).toEqual([
      ["audience", "name"],
      ["audience", "segment_ids"],
      ["content", "template_id"],
    ])
    expect(fields(ready())).toEqual([])
  })

  it("sends blank subjects as null, so the template's subject is kept", () => {
    const payload = draftToPayload(ready({ subject: "   " }))
    expect(payload.subject).toBeNull()
    expect(payload.ab_test).toBeNull()
    // A draft to send now has no time; a new one is stored without one.
    expect(payload.scheduled_at).toBeNull()
  })

  it("saving a scheduled campaign set to 'send now' leaves its time alone; confirming sends it now", () => {
    const draft = { ...draftFromCampaign(stored), send: "now" as const }
    expect("scheduled_at" in draftToPayload(draft, "scheduled")).toBe(false)
    expect(draftToPayload(draft, "draft").scheduled_at).toBeNull()
    expect(schedulePayload(draft)).toEqual({ scheduled_at: null, local_time: false })
  })

  it("a subject test sends each variant's subject, blank ones as the campaign's", () => {
    const test = { ...newCampaignDraft().ab_test, enabled: true }
    const draft = ready({
      ab_test: { ...test, variants: [{ ...test.variants[0] }, { ...test.variants[1], subject: "Last days" }] },
    })
    expect(fields(draft)).toEqual([])
    expect(draftToPayload(draft).ab_test).toEqual({
      variants: [
        { key: "a", subject: null },
        { key: "b", subject: "Last days" },
      ],
      sample_percent: 20,
      metric: "open_rate",
      decide_after_hours: 4,
    })
  })

  it("points at a variant that would send the same email as an earlier one", () => {
    const test = { ...newCampaignDraft().ab_test, enabled: true }
    // Blank means the campaign's subject, which variant b repeats word for word.
    const same = ready({
      subject: "Spring is here",
      ab_test: { ...test, variants: [test.variants[0], { ...test.variants[1], subject: "Spring is here" }] },
    })
    const issues = draftIssues(same, NOW)
    expect(issues).toEqual([
      { step: "ab_test", field: "ab_test.variants[1]", message: expect.stringMatching(/^Variant B has the same subject as variant A/) },
    ])
    // A template test: variant b on the campaign's own template is no different.
    const byTemplate = testBy({ ...test, variants: [test.variants[0], { ...test.variants[1], subject: "x" }] }, "template")
    expect(byTemplate.variants.every((v) => v.subject === "")).toBe(true)
    const templates = ready({
      ab_test: { ...byTemplate, variants: [byTemplate.variants[0], { ...byTemplate.variants[1], template_id: "mkt_tpl_1" }] },
    })
    expect(fields(templates)).toEqual([["ab_test", "ab_test.variants[1]"]])
    const differing = ready({
      ab_test: { ...byTemplate, variants: [byTemplate.variants[0], { ...byTemplate.variants[1], template_id: "mkt_tpl_2" }] },
    })
    expect(draftToPayload(differing).ab_test?.variants).toEqual([
      { key: "a", template_id: null },
      { key: "b", template_id: "mkt_tpl_2" },
    ])
  })

  it("holds the sample and the decision time to the API's limits", () => {
    const test = { ...newCampaignDraft().ab_test, enabled: true }
    const variants = [test.variants[0], { ...test.variants[1], subject: "Other" }]
    const check = (sample_percent: string, decide_after_hours: string) =>
      fields(ready({ ab_test: { ...test, variants, sample_percent, decide_after_hours } }))
    expect(check("5", "1")).toEqual([])
    expect(check("50", "168")).toEqual([])
    expect(check("4", "4")).toEqual([["ab_test", "ab_test.sample_percent"]])
    expect(check("", "4")).toEqual([["ab_test", "ab_test.sample_percent"]])
    expect(check("20", "169")).toEqual([["ab_test", "ab_test.decide_after_hours"]])
    expect(check("20", "2.5")).toEqual([["ab_test", "ab_test.decide_after_hours"]])
  })

  it("adds variants up to four, with the next free key", () => {
    let test = newCampaignDraft().ab_test
    test = { ...test, variants: [test.variants[1]] }
    test = addVariant(test)!
    expect(test.variants.map((v) => v.key)).toEqual(["b", "a"])
    test = addVariant(addVariant(test)!)!
    expect(test.variants.map((v) => v.key)).toEqual(["b", "a", "c", "d"])
    expect(addVariant(test)).toBeNull()
  })

  it("a scheduled send needs a time still ahead; a draft can be saved without one", () => {
    const past = ready({ send: "later", scheduled_at: "2027-05-30T11:00" })
    const issues = draftIssues(past, NOW)
    expect(issues.map((issue) => [issue.step, issue.field])).toEqual([["schedule", "scheduled_at"]])
    expect(canSaveDraft(issues)).toBe(true)
    expect(fields(ready({ send: "later", scheduled_at: "" }))).toEqual([["schedule", "scheduled_at"]])
    expect(canSaveDraft(draftIssues(ready({ name: "" }), NOW))).toBe(false)
  })
})
