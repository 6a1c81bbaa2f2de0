import { Plus, Trash } from "@medusajs/icons"
import { Button, Heading, IconButton, InlineTip, Input, Label, RadioGroup, Select, Text } from "@medusajs/ui"
import { AB_TEST_LIMITS, explainAbTest, METRIC_LABELS, variantLabel } from "../../lib/campaign-ab"
import { addVariant, type AbTestBy, type AbTestDraft, type CampaignDraft, testBy } from "../../lib/campaign-draft"
import { type CampaignIssue, issuesFor } from "../../lib/campaign-issues"
import { AB_TEST_METRICS } from "../../../lib/campaigns/ab-test"
import type { Template } from "../../lib/types"
import { FormField, SwitchField } from "../form-field"
import { FieldIssues, IssueList } from "./issue-hints"

type AbTestStepProps = {
  draft: CampaignDraft
  onChange: (patch: Partial<CampaignDraft>) => void
  templates: Template[]
  audience?: number
  issues: CampaignIssue[]
}

const { samplePercent, decideAfterHours } = AB_TEST_LIMITS

/** Radix Select has no empty value: this one stands for "the campaign's own template". */
const CAMPAIGN_TEMPLATE = "__campaign__"

const SETTINGS_FIELDS = ["ab_test.sample_percent", "ab_test.metric", "ab_test.decide_after_hours"]

/** The test's issues no variant or setting shows, such as too few variants. */
const otherIssues = (issues: CampaignIssue[], variants: number): CampaignIssue[] => {
  const fields = [...SETTINGS_FIELDS, ...Array.from({ length: variants }, (_, index) => `ab_test.variants[${index}]`)]
  return issues.filter((issue) => issue.step === "ab_test" && !fields.some((field) => issuesFor([issue], field).length))
}

type VariantRowProps = {
  test: AbTestDraft
  index: number
  campaignSubject: string
  templates: Template[]
  onChange: (test: AbTestDraft) => void
  issues: CampaignIssue[]
}

const VariantRow = ({ test, index, campaignSubject, templates, onChange, issues }: VariantRowProps) => {
  const variant = test.variants[index]
  const id = `campaign-ab-variant-${variant.key}`
  const set = (patch: Partial<typeof variant>) =>
    onChange({ ...test, variants: test.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) })
  const remove = () => onChange({ ...test, variants: test.variants.filter((_, i) => i !== index) })

  return (
    <div className="flex flex-col gap-y-1" data-testid="campaign-ab-variant" data-key={variant.key}>
      <div className="flex items-center gap-x-3">
        <Label htmlFor={id} size="small" weight="plus" className="w-20 shrink-0">
          Variant {variantLabel(variant.key)}
        </Label>
        {test.by === "subject" ? (
          <div className="flex-1">
            <Input
              id={id}
              value={variant.subject}
              placeholder={
                campaignSubject.trim()
                  ? `Empty: the campaign's subject, “${campaignSubject.trim()}”`
                  : "Empty: the template's subject"
              }
              onChange={(event) => set({ subject: event.target.value })}
              data-testid={`${id}-subject`}
            />
          </div>
        ) : (
          <div className="flex-1">
            <Select
              value={variant.template_id || CAMPAIGN_TEMPLATE}
              onValueChange={(value) => set({ template_id: value === CAMPAIGN_TEMPLATE ? "" : value })}
            >
              <Select.Trigger id={id} data-testid={`${id}-template`}>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value={CAMPAIGN_TEMPLATE}>The campaign's template</Select.Item>
                {templates.map((template) => (
                  <Select.Item key={template.id} value={template.id}>
                    {template.name}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        )}
        <IconButton
          size="small"
          variant="transparent"
          aria-label={`Remove variant ${variantLabel(variant.key)}`}
          disabled={test.variants.length <= AB_TEST_LIMITS.variants.min}
          onClick={remove}
        >
          <Trash />
        </IconButton>
      </div>
      <div className="pl-[92px]">
        <FieldIssues issues={issues} field={`ab_test.variants[${index}]`} testId={`${id}-issue`} />
      </div>
    </div>
  )
}

/** Step 3 (optional): variants tried on a sample first, and the winner sent to the rest. */
export const AbTestStep = ({ draft, onChange, templates, audience, issues }: AbTestStepProps) => {
  const test = draft.ab_test
  const setTest = (next: AbTestDraft) => onChange({ ab_test: next })
  const more = addVariant(test)
  const percent = Number(test.sample_percent)
  const hours = Number(test.decide_after_hours)
  const explained =
    Number.isFinite(percent) && Number.isFinite(hours) && percent > 0 && hours > 0
      ? explainAbTest({
          audience,
          samplePercent: percent,
          variants: test.variants.length,
          metric: test.metric,
          decideAfterHours: hours,
          localTime: draft.send === "later" && draft.local_time,
        })
      : null

  return (
    <div className="mx-auto flex w-full max-w-[720px] flex-col gap-y-6 px-6 py-8">
      <div>
        <Heading level="h2">A/B test</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Optional. Try two to four versions on part of the audience first; the one that does best goes to everyone
          else.
        </Text>
      </div>
      <SwitchField
        id="campaign-ab-enabled"
        label="Test variants first"
        description="Without a test, everyone gets the same email at once."
        checked={test.enabled}
        onCheckedChange={(enabled) => setTest({ ...test, enabled })}
      />
      {test.enabled && (
        <>
          <div className="flex flex-col gap-y-2">
            <Text size="small" weight="plus">
              What the variants differ in
            </Text>
            <RadioGroup
              value={test.by}
              onValueChange={(by) => setTest(testBy(test, by as AbTestBy))}
              className="grid grid-cols-1 gap-3 md:grid-cols-2"
            >
              <RadioGroup.ChoiceBox
                value="subject"
                label="Subject line"
                description="The same template with a different subject for each variant."
                data-testid="campaign-ab-by-subject"
              />
              <RadioGroup.ChoiceBox
                value="template"
                label="Template"
                description="A different template for each variant."
                data-testid="campaign-ab-by-template"
              />
            </RadioGroup>
          </div>
          <div className="flex flex-col gap-y-3" data-testid="campaign-ab-variants">
            {test.variants.map((variant, index) => (
              <VariantRow
                key={variant.key}
                test={test}
                index={index}
                campaignSubject={draft.subject}
                templates={templates}
                onChange={setTest}
                issues={issues}
              />
            ))}
            <IssueList issues={otherIssues(issues, test.variants.length)} testId="campaign-issue-ab_test" />
            {more && (
              <div>
                <Button size="small" variant="secondary" onClick={() => setTest(more)} data-testid="campaign-ab-add">
                  <Plus />
                  Add variant
                </Button>
              </div>
            )}
          </div>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <FormField id="campaign-ab-sample" label="Sample size (%)" hint={`${samplePercent.min} to ${samplePercent.max}% of the audience`}>
              <Input
                id="campaign-ab-sample"
                type="number"
                min={samplePercent.min}
                max={samplePercent.max}
                value={test.sample_percent}
                onChange={(event) => setTest({ ...test, sample_percent: event.target.value })}
                data-testid="campaign-ab-sample"
              />
              <FieldIssues issues={issues} field="ab_test.sample_percent" />
            </FormField>
            <FormField id="campaign-ab-metric" label="Winning metric">
              <Select value={test.metric} onValueChange={(metric) => setTest({ ...test, metric: metric as typeof test.metric })}>
                <Select.Trigger id="campaign-ab-metric" data-testid="campaign-ab-metric">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {AB_TEST_METRICS.map((metric) => (
                    <Select.Item key={metric} value={metric}>
                      {METRIC_LABELS[metric]}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
              <FieldIssues issues={issues} field="ab_test.metric" />
            </FormField>
            <FormField
              id="campaign-ab-hours"
              label="Decide after (hours)"
              hint={`${decideAfterHours.min} to ${decideAfterHours.max} hours`}
            >
              <Input
                id="campaign-ab-hours"
                type="number"
                min={decideAfterHours.min}
                max={decideAfterHours.max}
                step={1}
                value={test.decide_after_hours}
                onChange={(event) => setTest({ ...test, decide_after_hours: event.target.value })}
                data-testid="campaign-ab-hours"
              />
              <FieldIssues issues={issues} field="ab_test.decide_after_hours" />
            </FormField>
          </div>
          {explained && (
            <InlineTip label="What happens" data-testid="campaign-ab-explanation">
              {explained.join(" ")}
            </InlineTip>
          )}
        </>
      )}
    </div>
  )
}
