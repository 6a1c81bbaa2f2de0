import { Container, Heading, Hint, Input, RadioGroup, Text } from "@medusajs/ui"
import { METRIC_LABELS, variantLabel } from "../../lib/campaign-ab"
import { type CampaignDraft, type SendMode, scheduledAtFromDraft } from "../../lib/campaign-draft"
import type { CampaignIssue } from "../../lib/campaign-issues"
import { adminTimeZone, checkScheduledAt, formatCampaignTime } from "../../lib/campaign-schedule"
import { EMPTY_VALUE, formatCount, pluralize } from "../../lib/format"
import type { Segment } from "../../lib/segment-types"
import type { Template } from "../../lib/types"
import { FactsList } from "../facts-list"
import { FormField, SwitchField } from "../form-field"
import { PostalAddressNotice } from "../postal-address-notice"
import { FieldIssues } from "./issue-hints"

type ScheduleStepProps = {
  draft: CampaignDraft
  onChange: (patch: Partial<CampaignDraft>) => void
  segments?: Segment[]
  templates: Template[]
  audience?: number
  issues: CampaignIssue[]
  now: number
}

const names = (ids: string[], segments: Segment[] = []) => {
  const byId = new Map(segments.map((segment) => [segment.id, segment.name]))
  return ids.map((id) => byId.get(id) ?? id).join(", ")
}

const abSummary = (draft: CampaignDraft, templates: Template[]) => {
  const test = draft.ab_test
  if (!test.enabled) {
    return "None: everyone gets the same email"
  }
  const templateName = (id: string) => templates.find((template) => template.id === id)?.name ?? id
  const variants = test.variants
    .map((v) => {
      const value = test.by === "subject" ? v.subject.trim() : v.template_id && templateName(v.template_id)
      return `${variantLabel(v.key)}: ${value || (test.by === "subject" ? "the campaign's subject" : "the campaign's template")}`
    })
    .join(" · ")
  return `${test.sample_percent}% sample, winner by ${METRIC_LABELS[test.metric].toLowerCase()} after ${pluralize(
    Number(test.decide_after_hours),
    "hour",
    "hours"
  )} — ${variants}`
}

/** Everything the campaign will do, to read through before confirming. */
const Review = ({ draft, segments, templates, audience }: Omit<ScheduleStepProps, "onChange" | "issues" | "now">) => {
  const template = templates.find((candidate) => candidate.id === draft.template_id)
  const scheduledAt = scheduledAtFromDraft(draft)
  return (
    <Container className="divide-y p-0" data-testid="campaign-review">
      <div className="px-6 py-4">
        <Heading level="h3">Review</Heading>
      </div>
      {!draft.transactional && (
        <div className="px-6 py-4 empty:hidden">
          <PostalAddressNotice />
        </div>
      )}
      <FactsList
        facts={[
          { id: "review-name", label: "Name", value: draft.name.trim() || EMPTY_VALUE },
          {
            id: "review-audience",
            label: "Audience",
            value: (
              <>
                {names(draft.segment_ids, segments) || EMPTY_VALUE}
                {draft.exclude_segment_ids.length > 0 && <>, leaving out {names(draft.exclude_segment_ids, segments)}</>}
                {audience !== undefined && <> ({pluralize(audience, "contact", "contacts")} now)</>}
              </>
            ),
          },
          { id: "review-template", label: "Template", value: template?.name ?? (draft.template_id || EMPTY_VALUE) },
          { id: "review-subject", label: "Subject", value: draft.subject.trim() || "The template's subject" },
          { id: "review-ab-test", label: "A/B test", value: abSummary(draft, templates) },
          {
            id: "review-when",
            label: "When",
            value: draft.send === "now" ? "Now" : formatCampaignTime(scheduledAt, draft.local_time),
          },
          ...(draft.transactional
            ? [{ id: "review-transactional", label: "Transactional", value: "Yes: sent without checking marketing consent" }]
            : []),
        ]}
      />
    </Container>
  )
}

/** Step 4: now or at a time (optionally each contact's local time), and a last look before confirming. */
export const ScheduleStep = ({ draft, onChange, segments, templates, audience, issues, now }: ScheduleStepProps) => {
  const check = draft.send === "later" ? checkScheduledAt(scheduledAtFromDraft(draft), draft.local_time, now) : null
  return (
    <div className="mx-auto flex w-full max-w-[720px] flex-col gap-y-6 px-6 py-8">
      <div>
        <Heading level="h2">Schedule</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          When it goes out. Until then you can still edit or cancel it.
        </Text>
      </div>
      <RadioGroup
        value={draft.send}
        onValueChange={(send) => onChange({ send: send as SendMode })}
        className="grid grid-cols-1 gap-3 md:grid-cols-2"
      >
        <RadioGroup.ChoiceBox
          value="now"
          label="Send now"
          description={
            audience === undefined
              ? "Starts within a minute of confirming."
              : `Starts within a minute of confirming, to about ${formatCount(audience)} contacts.`
          }
          data-testid="campaign-send-now"
        />
        <RadioGroup.ChoiceBox
          value="later"
          label="Schedule"
          description="At a date and time you choose."
          data-testid="campaign-send-later"
        />
      </RadioGroup>
      {draft.send === "later" && (
        <div className="flex flex-col gap-y-4">
          <FormField
            id="campaign-scheduled-at"
            label="Date and time"
            hint={
              draft.local_time
                ? "In each contact's own time zone; contacts whose zone is unknown get it at this time in UTC."
                : `In your time zone (${adminTimeZone()}).`
            }
          >
            <Input
              id="campaign-scheduled-at"
              type="datetime-local"
              value={draft.scheduled_at}
              onChange={(event) => onChange({ scheduled_at: event.target.value })}
              data-testid="campaign-scheduled-at"
            />
            {check?.level === "warning" && (
              <Hint data-testid="campaign-schedule-warning">{check.message}</Hint>
            )}
            <FieldIssues issues={issues} field="scheduled_at" />
          </FormField>
          <SwitchField
            id="campaign-local-time"
            label="At this time in each contact's time zone"
            description="Everyone gets it at the same hour on their own clock. Sending starts when the first time zone reaches it and ends a day later."
            checked={draft.local_time}
            onCheckedChange={(local_time) => onChange({ local_time })}
          />
          <FieldIssues issues={issues} field="local_time" />
        </div>
      )}
      <Review draft={draft} segments={segments} templates={templates} audience={audience} />
    </div>
  )
}
