import { Container, Heading, Input, Skeleton, Text } from "@medusajs/ui"
import type { CampaignDraft } from "../../lib/campaign-draft"
import type { CampaignIssue } from "../../lib/campaign-issues"
import { formatCount } from "../../lib/format"
import type { Segment } from "../../lib/segment-types"
import { FormField } from "../form-field"
import { FieldIssues } from "./issue-hints"
import { SegmentPicker } from "./segment-picker"

export type AudienceCount = {
  count?: number
  /** Of `count`, those the send would email. */
  reachable?: number
  transactional: boolean
  /** A count is on its way: the one shown may be out of date. */
  isUpdating: boolean
  /** The server refused the selection. */
  error: string | null
}

type AudienceStepProps = {
  draft: CampaignDraft
  onChange: (patch: Partial<CampaignDraft>) => void
  segments?: Segment[]
  segmentsLoading: boolean
  audience: AudienceCount
  issues: CampaignIssue[]
}

const AudienceSummary = ({ draft, audience }: { draft: CampaignDraft; audience: AudienceCount }) => (
  <Container className="flex flex-col gap-y-2 px-6 py-4" data-testid="campaign-audience" aria-busy={audience.isUpdating}>
    <Heading level="h3">Audience</Heading>
    <div role="status" aria-live="polite">
      {!draft.segment_ids.length ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-audience-waiting">
          Choose a segment to see how many contacts it reaches.
        </Text>
      ) : audience.error ? (
        <Text size="small" className="text-ui-fg-error" data-testid="campaign-audience-error">
          {audience.error}
        </Text>
      ) : audience.count === undefined ? (
        <Skeleton className="h-8 w-32" />
      ) : (
        <Text
          size="xlarge"
          weight="plus"
          as="p"
          className={audience.isUpdating ? "opacity-60 transition-opacity" : undefined}
          data-state={audience.isUpdating ? "updating" : "ready"}
        >
          <span data-testid="campaign-audience-count">{formatCount(audience.count)}</span>{" "}
          {audience.count === 1 ? "contact" : "contacts"}
        </Text>
      )}
      {draft.segment_ids.length > 0 && !audience.error && audience.reachable !== undefined && (
        <Text size="small" data-testid="campaign-audience-reachable">
          {formatCount(audience.reachable)} can be emailed now
          {audience.transactional ? " (not suppressed)" : " (subscribed to marketing email and not suppressed)"}
        </Text>
      )}
    </div>
    <Text size="small" className="text-ui-fg-subtle">
      Contacts in any chosen segment and in none of the left-out ones, counted now. The list is taken again when it
      sends; suppressed contacts are skipped then, and so are contacts who have not agreed to marketing email unless
      the campaign is transactional.
    </Text>
  </Container>
)

/** Step 1: the campaign's name and who gets it, with the live size of that audience. */
export const AudienceStep = ({ draft, onChange, segments, segmentsLoading, audience, issues }: AudienceStepProps) => (
  <div className="mx-auto flex w-full max-w-[960px] flex-col gap-6 px-6 py-8 lg:flex-row lg:items-start">
    <div className="flex min-w-0 flex-1 flex-col gap-y-6">
      <div>
        <Heading level="h2">Audience</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Name the campaign and choose who gets it.
        </Text>
      </div>
      <FormField id="campaign-name" label="Name" hint="Only you and your team see it; links carry it as utm_campaign.">
        <Input
          id="campaign-name"
          value={draft.name}
          placeholder="Spring sale"
          onChange={(event) => onChange({ name: event.target.value })}
          data-testid="campaign-name"
        />
        <FieldIssues issues={issues} field="name" />
      </FormField>
      <div className="flex flex-col gap-y-2">
        <Text size="small" weight="plus">
          Send to
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Contacts in any of these segments get the campaign.
        </Text>
        <SegmentPicker
          id="campaign-include-segments"
          segments={segments}
          isLoading={segmentsLoading}
          selected={draft.segment_ids}
          unavailable={draft.exclude_segment_ids}
          unavailableHint="Left out below"
          onChange={(segment_ids) => onChange({ segment_ids })}
        />
        <FieldIssues issues={issues} field="segment_ids" />
      </div>
      <div className="flex flex-col gap-y-2">
        <Text size="small" weight="plus">
          Leave out <span className="text-ui-fg-muted font-normal">(optional)</span>
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Contacts in any of these segments do not get it, even when they are in one above.
        </Text>
        <SegmentPicker
          id="campaign-exclude-segments"
          segments={segments}
          isLoading={segmentsLoading}
          selected={draft.exclude_segment_ids}
          unavailable={draft.segment_ids}
          unavailableHint="Chosen to send to above"
          onChange={(exclude_segment_ids) => onChange({ exclude_segment_ids })}
        />
        <FieldIssues issues={issues} field="exclude_segment_ids" />
      </div>
    </div>
    <div className="lg:sticky lg:top-0 lg:w-[320px]">
      <AudienceSummary draft={draft} audience={audience} />
    </div>
  </div>
)
