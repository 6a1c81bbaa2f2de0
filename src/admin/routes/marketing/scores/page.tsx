import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Skeleton, Text } from "@medusajs/ui"
import { ChurnRiskChart } from "../../../components/scores/churn-risk-chart"
import { LeadScoreRulesSection } from "../../../components/scores/lead-score-rules-section"
import { RfmGroupTiles } from "../../../components/scores/rfm-group-tiles"
import { RfmHeatGrid } from "../../../components/scores/rfm-heat-grid"
import { ScoresOverview } from "../../../components/scores/scores-overview"
import { useScoreSummary } from "../../../hooks/api/scores"

const ScoresSkeleton = () => (
  <div className="flex flex-col gap-y-3" aria-busy="true" data-testid="scores-loading">
    {[1, 3, 2].map((rows, index) => (
      <Container key={index} className="flex flex-col gap-y-4 px-6 py-4">
        <Skeleton className="h-6 w-40" />
        {Array.from({ length: rows }, (_, row) => (
          <Skeleton key={row} className="h-16 w-full" />
        ))}
      </Container>
    ))}
  </div>
)

const ScoresPage = () => {
  const { summary, isPending, isError, error } = useScoreSummary()

  return (
    <div className="flex flex-col gap-y-3" data-testid="marketing-scores">
      {isError ? (
        <Container className="px-6 py-8" role="alert" data-testid="scores-error">
          <Text size="small" weight="plus">
            Scores could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </Container>
      ) : isPending || !summary ? (
        <ScoresSkeleton />
      ) : (
        <>
          <ScoresOverview summary={summary} />
          <RfmGroupTiles summary={summary} />
          <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-2">
            <RfmHeatGrid summary={summary} />
            <ChurnRiskChart summary={summary} />
          </div>
        </>
      )}
      {/* The rules do not depend on the summary: editable even when it fails to load. */}
      <LeadScoreRulesSection />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Scores",
  rank: 5,
})

export const handle = {
  breadcrumb: () => "Scores",
}

export default ScoresPage
