import { validateAndTransformBody } from "@medusajs/framework/http"
import { AdminCreateCampaign } from "../../../api/admin/marketing/campaigns/validators"
import { abTestIssues } from "../../../lib/campaigns/ab-test"
import { firstStepWithIssue, issuesFor, parseCampaignIssues } from "../campaign-issues"

// Required rather than imported: the admin's type check must not follow it into the module service.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { throwCampaignIssues } = require("../../../workflows/campaigns/validate-campaign") as {
  throwCampaignIssues: (issues: { path: string; message: string }[]) => void
}

const valid = { name: "Spring", template_id: "mkt_tpl_1", segment_ids: ["mkt_seg_1"] }
const abTest = { variants: [{ key: "a" }, { key: "b", subject: "Other" }], sample_percent: 20, metric: "open_rate", decide_after_hours: 4 }

/** The message the route's body validation (the middleware the API registers) answers this body with. */
const schemaMessage = async (body: Record<string, unknown>): Promise<string> => {
  let refusal: unknown
  await validateAndTransformBody(AdminCreateCampaign)({ body } as any, {} as any, (error?: unknown) => {
    refusal = error
  })
  if (!refusal) {
    throw new Error("expected the body to be refused")
  }
  return (refusal as Error).message
}

/** The message the campaign workflows answer these problems with. */
const workflowMessage = (issues: { path: string; message: string }[]) => {
  try {
    throwCampaignIssues(issues)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected the issues to be thrown")
}

describe("parseCampaignIssues", () => {
  it("puts each of the workflows' problems on the step of its field", () => {
    const message = workflowMessage([
      { path: "segment_ids[1]", message: "no segment with id mkt_seg_gone" },
      { path: "template_id", message: "no template with id mkt_tpl_gone" },
      { path: "ab_test.variants[1]", message: 'sends the same subject and template as variant "a"; each variant must differ in subject or template' },
    ])
    expect(parseCampaignIssues(message)).toEqual([
      { step: "audience", field: "segment_ids[1]", message: "segment_ids[1]: no segment with id mkt_seg_gone" },
      { step: "content", field: "template_id", message: "template_id: no template with id mkt_tpl_gone" },
      {
        step: "ab_test",
        field: "ab_test.variants[1]",
        // Its own "; " does not split it in two.
        message: 'ab_test.variants[1]: sends the same subject and template as variant "a"; each variant must differ in subject or template',
      },
    ])
  })

  it("reads the field out of Medusa's wording of schema errors", async () => {
    const tooBig = await schemaMessage({ ...valid, ab_test: { ...abTest, sample_percent: 60 } })
    expect(tooBig).toMatch(/^Invalid request: /)
    expect(parseCampaignIssues(tooBig)).toEqual([
      { step: "ab_test", field: "ab_test.sample_percent", message: expect.stringContaining("sample_percent") },
    ])

    const metric = await schemaMessage({ ...valid, ab_test: { ...abTest, metric: "conversions" } })
    expect(parseCampaignIssues(metric).map((issue) => issue.field)).toEqual(["ab_test.metric"])

    const noName = await schemaMessage({ template_id: "mkt_tpl_1", segment_ids: ["mkt_seg_1"] })
    expect(parseCampaignIssues(noName)).toEqual([{ step: "audience", field: "name", message: "Field 'name' is required" }])

    const when = await schemaMessage({ ...valid, scheduled_at: "tomorrow" })
    expect(parseCampaignIssues(when)[0]).toMatchObject({ step: "schedule", field: "scheduled_at" })

    const variant = await schemaMessage({ ...valid, ab_test: { ...abTest, variants: [{ key: "a" }, { key: "b", subject: "" }] } })
    expect(parseCampaignIssues(variant)[0]).toMatchObject({ step: "ab_test", field: "ab_test.variants[1].subject" })
  })

  it("keeps a message that names no field, for the step on screen", () => {
    const message = "Campaign mkt_cmp_1 is sending: only a draft or scheduled campaign can be changed"
    expect(parseCampaignIssues(message)).toEqual([{ step: null, field: null, message }])
    expect(parseCampaignIssues("Unrecognized fields: 'segmentids'")).toEqual([
      { step: null, field: null, message: "Unrecognized fields: 'segmentids'" },
    ])
    expect(firstStepWithIssue(parseCampaignIssues(message))).toBeNull()
  })

  it("an A/B test the workflows refuse lands on the A/B step and its variant", () => {
    const issues = abTestIssues(
      { variants: [{ key: "a" }, { key: "b" }], sample_percent: 20, metric: "open_rate", decide_after_hours: 4 },
      { subject: null, template_id: "mkt_tpl_1" }
    )
    const parsed = parseCampaignIssues(workflowMessage(issues))
    expect(firstStepWithIssue(parsed)).toEqual("ab_test")
    expect(issuesFor(parsed, "ab_test.variants[1]")).toHaveLength(1)
    expect(issuesFor(parsed, "ab_test.variants[0]")).toHaveLength(0)
  })
})

describe("issuesFor and firstStepWithIssue", () => {
  const issues = parseCampaignIssues(
    "scheduled_at: a scheduled campaign needs a time to start; cancel it to stop it; exclude_segment_ids[0]: segment mkt_seg_1 is also in segment_ids"
  )

  it("matches a field and what is inside it, not fields that merely end alike", () => {
    expect(issuesFor(issues, "exclude_segment_ids").map((issue) => issue.field)).toEqual(["exclude_segment_ids[0]"])
    expect(issuesFor(issues, "segment_ids")).toEqual([])
    expect(issuesFor(issues, "scheduled_at")[0].message).toEqual(
      "scheduled_at: a scheduled campaign needs a time to start; cancel it to stop it"
    )
  })

  it("takes the merchant to the earliest step in the wizard's order", () => {
    expect(firstStepWithIssue(issues)).toEqual("audience")
  })
})
