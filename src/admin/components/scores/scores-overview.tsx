import { ArrowPath } from "@medusajs/icons"
import { Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import type { ReactNode } from "react"
import { ScoreSummary, useRefreshScores } from "../../hooks/api/scores"
import { formatAmount, formatCount } from "../../lib/format"
import { RelativeTime } from "../relative-time"

const Stat = ({ label, value, testId }: { label: string; value: ReactNode; testId: string }) => (
  <div className="flex flex-col gap-y-1 px-6 py-4">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <span className="txt-xlarge-plus text-ui-fg-base" data-testid={testId}>
      {value}
    </span>
  </div>
)

const RefreshState = ({ refresh }: { refresh: ScoreSummary["refresh"] }) => {
  if (refresh.status === "running") {
    return (
      <StatusBadge color="blue" data-testid="scores-refresh-state">
        Refreshing…
      </StatusBadge>
    )
  }
  if (refresh.status === "failed") {
    return (
      <StatusBadge color="red" data-testid="scores-refresh-state" title={refresh.error ?? undefined}>
        Last refresh failed
      </StatusBadge>
    )
  }
  return null
}

/**
 * The page's heading: how many buyers and what they are expected to spend,
 * when scores were last refreshed, and a button to refresh them now.
 */
export const ScoresOverview = ({ summary }: { summary: ScoreSummary }) => {
  const { mutate, isPending } = useRefreshScores()
  const running = summary.refresh.status === "running"

  const refresh = () =>
    mutate(undefined, {
      onSuccess: () =>
        toast.success("Refreshing scores", {
          description: "Every contact is being rescored; this page updates when it is done.",
        }),
      onError: (error) => toast.error("Could not refresh scores", { description: error.message }),
    })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h1">Scores</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Who your best customers are, who is slipping away, and who is ready to buy. Scores are
            refreshed every hour.
          </Text>
          <Text size="small" className="text-ui-fg-muted" data-testid="scores-last-refreshed">
            {summary.refresh.finished_at ? (
              <>
                Last refreshed <RelativeTime date={summary.refresh.finished_at} />
              </>
            ) : (
              "Not refreshed yet"
            )}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <RefreshState refresh={summary.refresh} />
          <Button
            size="small"
            variant="secondary"
            onClick={refresh}
            isLoading={isPending}
            disabled={running}
            data-testid="scores-refresh"
          >
            <ArrowPath />
            Refresh now
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-1 divide-y md:grid-cols-3 md:divide-x md:divide-y-0">
        <Stat
          label="Predicted spend, next 365 days"
          value={formatAmount(summary.predicted_value_365, summary.currency_code)}
          testId="scores-predicted-value"
        />
        <Stat label="Buyers" value={formatCount(summary.buyers)} testId="scores-buyers" />
        <Stat label="Contacts" value={formatCount(summary.contacts)} testId="scores-contacts" />
      </div>
    </Container>
  )
}
