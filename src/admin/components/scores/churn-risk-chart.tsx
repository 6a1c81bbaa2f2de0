import { Container, Heading, Text } from "@medusajs/ui"
import type { ScoreSummary } from "../../hooks/api/scores"
import { formatCount } from "../../lib/format"

const bucketLabel = (from: number, to: number) => `${Math.round(from * 100)}–${Math.round(to * 100)}%`

// Green for buyers likely to come back, red for those probably gone.
const barColour = (from: number) =>
  from < 0.3 ? "bg-ui-tag-green-icon" : from < 0.7 ? "bg-ui-tag-orange-icon" : "bg-ui-tag-red-icon"

/** How churn risk spreads over buyers, in tenths, drawn with plain CSS bars. */
export const ChurnRiskChart = ({ summary }: { summary: ScoreSummary }) => {
  const max = Math.max(1, ...summary.churn_risk.map((bucket) => bucket.contacts))
  const total = summary.churn_risk.reduce((sum, bucket) => sum + bucket.contacts, 0)

  return (
    <Container className="divide-y p-0" data-testid="churn-risk-chart">
      <div className="px-6 py-4">
        <Heading level="h2">Churn risk</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Buyers by the chance they have stopped buying, from their order rhythm. Bars on the right
          are the ones to win back.
        </Text>
      </div>
      <div className="px-6 py-4">
        {total === 0 ? (
          <Text size="small" className="text-ui-fg-muted">
            No buyer has a churn risk yet: it needs orders and a scores refresh.
          </Text>
        ) : (
          <ol className="flex h-48 items-end gap-x-2" aria-label="Buyers by churn risk">
            {summary.churn_risk.map((bucket) => {
              const label = bucketLabel(bucket.from, bucket.to)
              return (
                <li
                  key={bucket.from}
                  className="flex h-full min-w-0 flex-1 flex-col items-center gap-y-1"
                  data-testid="churn-bucket"
                  data-from={bucket.from}
                  aria-label={`${label}: ${formatCount(bucket.contacts)} buyers`}
                >
                  <div className="flex w-full flex-1 flex-col items-center justify-end gap-y-1">
                    <span className="txt-compact-xsmall text-ui-fg-subtle" data-testid="churn-bucket-count">
                      {formatCount(bucket.contacts)}
                    </span>
                    {/* At most 85% of the column, leaving room for the count above. */}
                    <div
                      className={`w-full rounded-t-sm ${barColour(bucket.from)}`}
                      style={{ height: `${(bucket.contacts / max) * 85}%`, minHeight: bucket.contacts ? 2 : 0 }}
                    />
                  </div>
                  <span className="txt-compact-xsmall text-ui-fg-muted whitespace-nowrap">{label}</span>
                </li>
              )
            })}
          </ol>
        )}
      </div>
    </Container>
  )
}
