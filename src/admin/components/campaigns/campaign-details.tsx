import { Container, Heading } from "@medusajs/ui"
import { Fragment } from "react"
import { Link } from "react-router-dom"
import { useSegments } from "../../hooks/api/segments"
import { useTemplates } from "../../hooks/api/templates"
import { METRIC_LABELS, variantLabel } from "../../lib/campaign-ab"
import { formatCampaignTime } from "../../lib/campaign-schedule"
import type { Campaign } from "../../lib/campaign-types"
import { EMPTY_VALUE, formatDateTime, pluralize } from "../../lib/format"
import { FactsList } from "../facts-list"

const LINK = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover outline-none focus-visible:underline"

const SegmentLinks = ({ ids, names }: { ids: string[]; names: Map<string, string> }) => (
  <>
    {ids.map((id, index) => (
      <Fragment key={id}>
        {index > 0 && ", "}
        {names.has(id) ? (
          <Link to={`/marketing/segments/${id}`} className={LINK}>
            {names.get(id)}
          </Link>
        ) : (
          <span className="text-ui-fg-muted">Deleted segment ({id})</span>
        )}
      </Fragment>
    ))}
  </>
)

/** What the campaign sends, to whom and when. */
export const CampaignDetails = ({ campaign }: { campaign: Campaign }) => {
  const { segments } = useSegments({ limit: 200, offset: 0, order: "name", fields: "id,name" })
  const { templates } = useTemplates({ limit: 200, order: "name" })
  const segmentNames = new Map((segments ?? []).map((segment) => [segment.id, segment.name]))
  const templateName = (id: string) => (templates ?? []).find((template) => template.id === id)?.name ?? id
  const excluded = campaign.exclude_segment_ids ?? []
  const test = campaign.ab_test

  return (
    <Container className="divide-y p-0" data-testid="campaign-details">
      <div className="px-6 py-4">
        <Heading level="h2">Details</Heading>
      </div>
      <FactsList
        facts={[
          {
            id: "send-to",
            label: "Send to",
            value: <SegmentLinks ids={campaign.segment_ids} names={segmentNames} />,
          },
          {
            id: "leave-out",
            label: "Leave out",
            value: excluded.length ? <SegmentLinks ids={excluded} names={segmentNames} /> : EMPTY_VALUE,
          },
          {
            id: "audience",
            label: "Audience",
            value:
              campaign.audience_count === null
                ? "Counted when it starts"
                : pluralize(campaign.audience_count, "contact", "contacts"),
          },
          {
            id: "template",
            label: "Template",
            value: (
              <Link to={`/marketing/templates/${campaign.template_id}`} className={LINK} data-testid="campaign-template-link">
                {templateName(campaign.template_id)}
              </Link>
            ),
          },
          { id: "subject", label: "Subject", value: campaign.subject ?? "The template's subject" },
          {
            id: "ab-test",
            label: "A/B test",
            value: test ? (
              <div className="flex flex-col gap-y-1">
                <span>
                  {test.sample_percent}% sample, winner by {METRIC_LABELS[test.metric].toLowerCase()} after{" "}
                  {pluralize(test.decide_after_hours, "hour", "hours")}
                </span>
                {test.variants.map((variant) => (
                  <span key={variant.key} data-testid="campaign-variant">
                    Variant {variantLabel(variant.key)}:{" "}
                    {variant.subject ??
                      (variant.template_id ? templateName(variant.template_id) : "the campaign's subject and template")}
                  </span>
                ))}
              </div>
            ) : (
              "None"
            ),
          },
          {
            id: "scheduled",
            label: "Scheduled for",
            value: campaign.scheduled_at ? formatCampaignTime(campaign.scheduled_at, campaign.local_time) : "Not scheduled",
          },
          { id: "started", label: "Started", value: formatDateTime(campaign.started_at) },
          ...(campaign.finished_at ? [{ id: "finished", label: "Finished", value: formatDateTime(campaign.finished_at) }] : []),
          ...(campaign.cancelled_at
            ? [{ id: "cancelled", label: "Cancelled", value: formatDateTime(campaign.cancelled_at) }]
            : []),
          {
            id: "consent",
            label: "Consent",
            value: campaign.transactional
              ? "Transactional: sent without checking marketing consent"
              : "Only contacts who agreed to marketing email",
          },
        ]}
      />
    </Container>
  )
}
