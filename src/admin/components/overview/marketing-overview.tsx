import { Container, Skeleton, Text } from "@medusajs/ui"
import { useOverview } from "../../hooks/api/overview"
import { ActivityChart } from "./activity-chart"
import { chartCurrency, toChartDays } from "./chart-data"
import { RecentSends } from "./recent-sends"
import { RevenueSummary } from "./revenue-summary"
import { TopEarners } from "./top-earners"

const OverviewSkeleton = () => (
  <div className="grid grid-cols-1 gap-3 xl:grid-cols-3" aria-busy="true" data-testid="overview-loading">
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-8 w-32" />
    </Container>
    <Container className="px-6 py-4 xl:col-span-2">
      <Skeleton className="h-64 w-full" />
    </Container>
  </div>
)

/** The landing page's results: what email earned, the last 30 days, top earners and recent sends. */
export const MarketingOverview = () => {
  const { overview, isPending, isError, error } = useOverview()

  if (isError) {
    return (
      <Container className="px-6 py-4" role="alert" data-testid="overview-error">
        <Text size="small" weight="plus">
          Email results could not be loaded
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {error?.message}
        </Text>
      </Container>
    )
  }

  if (isPending || !overview) {
    return <OverviewSkeleton />
  }

  const currency = chartCurrency(overview)

  return (
    <div className="flex flex-col gap-y-3" data-testid="overview-results">
      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-3">
        <RevenueSummary thisMonth={overview.revenue.this_month} lastMonth={overview.revenue.last_month} />
        <div className="min-w-0 xl:col-span-2">
          <ActivityChart days={toChartDays(overview, currency)} currency={currency} />
        </div>
      </div>
      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-2">
        <TopEarners title="Top flows" kind="flow" entries={overview.top_flows} testId="overview-top-flows" />
        <TopEarners
          title="Top campaigns"
          kind="campaign"
          entries={overview.top_campaigns}
          testId="overview-top-campaigns"
        />
      </div>
      <RecentSends sends={overview.recent_sends} />
    </div>
  )
}
