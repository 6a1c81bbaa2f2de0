import { Badge, Container, Heading, Text } from "@medusajs/ui"
import type { ContactWithEvents } from "../lib/types"
import { EMPTY_VALUE, formatAmount, formatDate } from "../lib/format"
import { Fact, FactsList } from "./facts-list"

const RFM_LABELS: Record<string, string> = {
  champions: "Champions",
  loyal: "Loyal",
  potential_loyalist: "Potential loyalist",
  new: "New",
  promising: "Promising",
  needs_attention: "Needs attention",
  about_to_sleep: "About to sleep",
  at_risk: "At risk",
  cant_lose: "Can't lose",
  hibernating: "Hibernating",
  lost: "Lost",
}

const percent = (value?: number | null) => (value == null ? EMPTY_VALUE : `${Math.round(value * 100)}%`)

/**
 * The contact's scores with the sentences that explain them, and the
 * segments they are in: what a merchandiser checks before trusting a
 * segment or a flow.
 */
export const ContactScores = ({
  contact,
  embedded = false,
}: {
  contact: ContactWithEvents
  /** Inside another card (the customer widget): no card of its own. */
  embedded?: boolean
}) => {
  const why = contact.score_explanation ?? {}
  const facts: Fact[] = [
    {
      id: "rfm",
      label: "RFM group",
      value: contact.rfm_segment ? (
        <span>
          {RFM_LABELS[contact.rfm_segment] ?? contact.rfm_segment}{" "}
          <Text as="span" size="small" className="text-ui-fg-muted">
            (R{contact.rfm_recency} F{contact.rfm_frequency} M{contact.rfm_monetary})
          </Text>
        </span>
      ) : (
        EMPTY_VALUE
      ),
    },
    {
      id: "predicted-value",
      label: "Predicted value (next 365 days)",
      value:
        contact.predicted_value_365 == null
          ? EMPTY_VALUE
          : `${formatAmount(contact.predicted_value_365, contact.currency_code ?? "eur")} over ${(contact.predicted_orders_365 ?? 0).toFixed(1)} orders`,
    },
    { id: "churn-risk", label: "Churn risk", value: percent(contact.churn_risk) },
    {
      id: "next-order",
      label: "Next order expected",
      value: contact.next_order_expected_at ? formatDate(contact.next_order_expected_at) : EMPTY_VALUE,
    },
    { id: "engagement", label: "Engagement", value: `${Math.round(contact.engagement_score ?? 0)} / 100` },
    { id: "lead-score", label: "Lead score", value: String(contact.lead_score ?? 0) },
  ]
  const explanations = (["rfm", "prediction", "engagement", "lead_score"] as const).flatMap((key) => why[key] ?? [])

  const Card = embedded ? "div" : Container
  return (
    <Card className="divide-y p-0" data-testid="contact-scores-section">
      <div className="px-6 py-4">
        <Heading level={embedded ? "h3" : "h2"}>Scores</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {contact.scores_updated_at ? `Updated ${formatDate(contact.scores_updated_at)}` : "Not scored yet: scores are computed every hour."}
        </Text>
      </div>
      <FactsList facts={facts} />
      {explanations.length > 0 && (
        <div className="px-6 py-4" data-testid="contact-scores-why">
          <Text size="small" weight="plus" className="mb-2">
            Why
          </Text>
          <ul className="text-ui-fg-subtle txt-compact-small list-disc space-y-1 pl-4">
            {explanations.map((sentence, index) => (
              <li key={index}>{sentence}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap gap-2 px-6 py-4" data-testid="contact-segments">
        {contact.segments?.length ? (
          contact.segments.map((segment) => (
            <Badge key={segment.id} size="2xsmall">
              {segment.name}
            </Badge>
          ))
        ) : (
          <Text size="small" className="text-ui-fg-muted">
            In no segment.
          </Text>
        )}
      </div>
    </Card>
  )
}
