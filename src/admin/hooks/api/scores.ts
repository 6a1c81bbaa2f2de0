import type { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { QueryOptions } from "./query-options"

const SCORES_PATH = "/admin/marketing/scores"

export type RfmGroupKey =
  | "champions"
  | "loyal"
  | "potential_loyalist"
  | "new"
  | "promising"
  | "needs_attention"
  | "about_to_sleep"
  | "at_risk"
  | "cant_lose"
  | "hibernating"
  | "lost"

export interface RfmGroupSummary {
  key: RfmGroupKey
  label: string
  description: string
  contacts: number
  revenue: number
  average_revenue: number
  /** 0 to 1. */
  share_of_buyers: number
}

export type ScoresRefreshStatus = "idle" | "running" | "completed" | "failed"

export interface ScoreSummary {
  contacts: number
  buyers: number
  grouped_buyers: number
  groups: RfmGroupSummary[]
  grid: { recency: number; frequency: number; contacts: number }[]
  churn_risk: { from: number; to: number; contacts: number }[]
  predicted_value_365: number
  last_scored_at: string | null
  currency_code: string | null
  refresh: {
    status: ScoresRefreshStatus
    started_at: string | null
    /** When the last refresh that completed finished. */
    finished_at: string | null
    error: string | null
  }
}

export interface ScoreSummaryResponse {
  summary: ScoreSummary
}

export const scoresQueryKeys = {
  all: ["marketing", "scores"] as const,
  summary: () => [...scoresQueryKeys.all, "summary"] as const,
}

/** The Scores page's figures; re-read every few seconds while a refresh runs. */
export const useScoreSummary = (options?: QueryOptions<ScoreSummaryResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: scoresQueryKeys.summary(),
    queryFn: () => sdk.client.fetch<ScoreSummaryResponse>(`${SCORES_PATH}/summary`),
    refetchInterval: (query) => (query.state.data?.summary.refresh.status === "running" ? 3000 : false),
    ...options,
  })

  return { ...data, ...rest }
}

/** Starts a refresh of every contact's scores in the background. */
export const useRefreshScores = () => {
  const queryClient = useQueryClient()

  return useMutation<{ refresh: { status: ScoresRefreshStatus; started_at: string } }, FetchError, void>({
    mutationFn: () => sdk.client.fetch(`${SCORES_PATH}/refresh`, { method: "POST", body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: scoresQueryKeys.all }),
  })
}
