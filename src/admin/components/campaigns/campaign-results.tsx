import { Badge, Container, Heading, Skeleton, Table, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { abDecisionDueAt } from "../../../lib/campaigns/schedule"
import { useCampaignResults } from "../../hooks/api/campaigns"
import { useTemplates } from "../../hooks/api/templates"
import { METRIC_LABELS, variantLabel } from "../../lib/campaign-ab"
import {
  formatRate,
  formatRevenue,
  formatRevenuePerRecipient,
  resultRows,
  type ResultsRow,
} from "../../lib/campaign-results"
import { hasResults } from "../../lib/campaign-status"
import type { Campaign, CampaignStats } from "../../lib/campaign-types"
import { formatCount, formatDateTime } from "../../lib/format"
import { CampaignChart } from "./campaign-chart"

const RESULTS_REFRESH_MS = 30_000

const COLUMNS: { id: string; label: string; value: (stats: CampaignStats) => string }[] = [
  { id: "recipients", label: "Recipients", value: (s) => formatCount(s.recipients) },
  { id: "sent", label: "Sent", value: (s) => formatCount(s.sent) },
  { id: "delivered", label: "Delivered", value: (s) => formatCount(s.delivered) },
  { id: "opened", label: "Opened", value: (s) => `${formatCount(s.opened)} · ${formatRate(s.open_rate, s.sent)}` },
  { id: "clicked", label: "Clicked", value: (s) => `${formatCount(s.clicked)} · ${formatRate(s.click_rate, s.sent)}` },
  { id: "unsubscribed", label: "Unsubscribed", value: (s) => formatCount(s.unsubscribed) },
  { id: "bounced", label: "Bounced", value: (s) => formatCount(s.bounced) },
  { id: "conversions", label: "Conversions", value: (s) => formatCount(s.conversions) },
  { id: "revenue", label: "Revenue", value: formatRevenue },
  { id: "revenue-per-recipient", label: "Per recipient", value: formatRevenuePerRecipient },
]

const ResultsTable = ({ rows }: { rows: ResultsRow[] }) => (
  <div className="overflow-x-auto">
    <Table data-testid="campaign-results-table">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Emails</Table.HeaderCell>
          {COLUMNS.map((column) => (
            <Table.HeaderCell key={column.id} className="whitespace-nowrap text-right">
              {column.label}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.id} data-testid="campaign-results-row" data-row={row.id} data-winner={row.winner}>
            <Table.Cell className="min-w-[180px] py-2">
              <div className="flex flex-col">
                <div className="flex items-center gap-x-2">
                  <Text size="small" weight="plus" data-testid="campaign-results-label">
                    {row.label}
                  </Text>
                  {row.winner && (
                    <Badge size="2xsmall" color="green" data-testid="campaign-winner">
                      Winner
                    </Badge>
                  )}
                </div>
                {row.detail && (
                  <Text size="small" className="text-ui-fg-subtle max-w-[260px] truncate" title={row.detail}>
                    {row.detail}
                  </Text>
                )}
              </div>
            </Table.Cell>
            {COLUMNS.map((column) => (
              <Table.Cell key={column.id} className="whitespace-nowrap text-right" data-testid={`campaign-results-${column.id}`}>
                {column.value(row.stats)}
              </Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)

/** Where the A/B test stands: the winner and when it was picked, or when it will be. */
const TestStatus = ({ campaign }: { campaign: Campaign }) => {
  const test = campaign.ab_test
  if (!test) {
    return null
  }
  const metric = METRIC_LABELS[test.metric].toLowerCase()
  if (campaign.winner_variant) {
    return (
      <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-test-status">
        Variant {variantLabel(campaign.winner_variant)} won on {metric}
        {campaign.decided_at ? ` on ${formatDateTime(campaign.decided_at)}` : ""} and went to the rest of the audience.
      </Text>
    )
  }
  const due = abDecisionDueAt(
    { scheduled_at: campaign.scheduled_at, local_time: campaign.local_time, started_at: campaign.started_at },
    test.decide_after_hours
  )
  return (
    <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-test-status">
      {campaign.status === "cancelled"
        ? "The test was cancelled before a winner was picked."
        : `The winner on ${metric} is picked around ${formatDateTime(due ? new Date(due).toISOString() : null)}; the rest of the audience gets it then.`}
    </Text>
  )
}

/**
 * What the campaign achieved: every email, each A/B variant over its sample
 * with the winner marked, the winner's send to the rest, and opens and
 * clicks over time.
 */
export const CampaignResults = ({ campaign }: { campaign: Campaign }) => {
  const started = hasResults(campaign)
  const { results, isPending, isError, error } = useCampaignResults(campaign.id, {
    enabled: started,
    // Emails go out and get opened while it sends: the figures follow.
    refetchInterval: campaign.status === "sending" ? RESULTS_REFRESH_MS : false,
  })
  const { templates } = useTemplates({ limit: 200, order: "name" }, { enabled: !!campaign.ab_test })
  const rows = useMemo(
    () => (results ? resultRows(results, new Map((templates ?? []).map((t) => [t.id, t.name]))) : []),
    [results, templates]
  )

  return (
    <Container className="divide-y p-0" data-testid="campaign-results">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">Results</Heading>
        {started ? (
          <>
            <Text size="small" className="text-ui-fg-subtle">
              Opens and clicks are a person's, with privacy proxies and link scanners left out. Revenue is what orders
              attributed to these emails brought in, net of refunds.
            </Text>
            <TestStatus campaign={campaign} />
          </>
        ) : (
          <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-results-waiting">
            {campaign.status === "cancelled"
              ? "It was cancelled before it started: nothing was sent."
              : "Results appear here once it starts sending."}
          </Text>
        )}
      </div>
      {started &&
        (isError ? (
          <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
            The results could not be loaded: {error?.message}
          </Text>
        ) : isPending || !results ? (
          <div className="px-6 py-4">
            <Skeleton className="h-32 w-full" />
          </div>
        ) : (
          <>
            <ResultsTable rows={rows} />
            {(results.total.queued > 0 || results.total.skipped > 0 || results.total.failed > 0) && (
              <Text size="small" className="text-ui-fg-subtle px-6 py-3" data-testid="campaign-results-pending">
                {formatCount(results.total.queued)} waiting to go out · {formatCount(results.total.skipped)} skipped
                (no consent, unsubscribed from the topic, on the suppression list, or over the frequency cap) ·{" "}
                {formatCount(results.total.failed)} failed
              </Text>
            )}
            <CampaignChart series={results.series} />
          </>
        ))}
    </Container>
  )
}
