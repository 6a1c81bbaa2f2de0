import { Container, Heading, Text } from "@medusajs/ui"
import type { ScoreSummary } from "../../hooks/api/scores"
import { formatAmount, formatCount } from "../../lib/format"
import { formatShare } from "./format-share"

/**
 * The eleven RFM groups as tiles: who is in each (the group's description),
 * how many, what they spent, and their share of all buyers.
 */
export const RfmGroupTiles = ({ summary }: { summary: ScoreSummary }) => (
  <Container className="divide-y p-0" data-testid="rfm-groups">
    <div className="px-6 py-4">
      <Heading level="h2">Customer groups</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Buyers grouped by how recently, how often and how much they bought (RFM), compared with
        your other buyers.
      </Text>
    </div>
    <div className="grid grid-cols-1 gap-3 p-6 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4">
      {summary.groups.map((group) => (
        <div
          key={group.key}
          className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-2 rounded-lg p-4"
          data-testid="rfm-group"
          data-group={group.key}
        >
          <div className="flex items-baseline justify-between gap-x-2">
            <Text size="small" weight="plus" data-testid="rfm-group-label">
              {group.label}
            </Text>
            <Text size="small" className="text-ui-fg-muted" data-testid="rfm-group-share">
              {formatShare(group.share_of_buyers)} of buyers
            </Text>
          </div>
          <div className="flex items-baseline gap-x-2">
            <span className="txt-xlarge-plus text-ui-fg-base" data-testid="rfm-group-count">
              {formatCount(group.contacts)}
            </span>
            <Text size="small" className="text-ui-fg-subtle">
              {group.contacts === 1 ? "contact" : "contacts"}
            </Text>
          </div>
          <div
            className="bg-ui-bg-subtle h-1 w-full overflow-hidden rounded-full"
            role="presentation"
          >
            <div
              className="bg-ui-fg-interactive h-full rounded-full"
              style={{ width: `${Math.round(group.share_of_buyers * 100)}%` }}
            />
          </div>
          <Text size="small" className="text-ui-fg-subtle" data-testid="rfm-group-revenue">
            {formatAmount(group.revenue, summary.currency_code)} spent
            {group.contacts > 0 && ` · ${formatAmount(group.average_revenue, summary.currency_code)} each`}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            {group.description}
          </Text>
        </div>
      ))}
    </div>
  </Container>
)
