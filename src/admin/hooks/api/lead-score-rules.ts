import type { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import { contactsQueryKeys } from "./contacts"
import type { QueryOptions } from "./query-options"
import { scoresQueryKeys } from "./scores"

const RULES_PATH = "/admin/marketing/lead-score-rules"

const rulePath = (id: string) => `${RULES_PATH}/${encodeURIComponent(id)}`

export type LeadScoreOperator = "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists"

export interface LeadScoreCondition {
  path: string
  operator: LeadScoreOperator
  value?: string | number | boolean
}

export interface LeadScoreRule {
  id: string
  name: string
  points: number
  event_type: string
  property: LeadScoreCondition | null
  expires_after_days: number | null
  max_times: number | null
  enabled: boolean
  created_at: string
  updated_at: string
}

/** What the form sends; the server checks every field and names the bad one. */
export interface LeadScoreRulePayload {
  name: string
  points: number | null
  event_type: string
  property: LeadScoreCondition | null
  expires_after_days: number | null
  max_times: number | null
  enabled: boolean
}

export interface LeadScoreRuleListResponse {
  lead_score_rules: LeadScoreRule[]
  count: number
  limit: number
  offset: number
}

interface LeadScoreRuleResponse {
  lead_score_rule: LeadScoreRule
}

export const leadScoreRulesQueryKeys = {
  all: ["marketing", "lead-score-rules"] as const,
  list: () => [...leadScoreRulesQueryKeys.all, "list"] as const,
}

/** All rules: a store has a handful, so one page holds them. */
export const useLeadScoreRules = (options?: QueryOptions<LeadScoreRuleListResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: leadScoreRulesQueryKeys.list(),
    queryFn: () =>
      sdk.client.fetch<LeadScoreRuleListResponse>(RULES_PATH, { query: { limit: 1000, order: "created_at" } }),
    ...options,
  })

  return { ...data, ...rest }
}

/*
 * Contacts are rescored in the background after a change, so their lead
 * scores are re-read when next shown rather than now, when they may not
 * have moved yet.
 */
const useInvalidateRules = () => {
  const queryClient = useQueryClient()
  return () => {
    queryClient.invalidateQueries({ queryKey: leadScoreRulesQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: contactsQueryKeys.all, refetchType: "none" })
    queryClient.invalidateQueries({ queryKey: scoresQueryKeys.all, refetchType: "none" })
  }
}

export const useCreateLeadScoreRule = () => {
  const invalidate = useInvalidateRules()

  return useMutation<LeadScoreRuleResponse, FetchError, LeadScoreRulePayload>({
    mutationFn: (payload) => sdk.client.fetch<LeadScoreRuleResponse>(RULES_PATH, { method: "POST", body: payload }),
    onSuccess: invalidate,
  })
}

export const useUpdateLeadScoreRule = () => {
  const invalidate = useInvalidateRules()

  return useMutation<LeadScoreRuleResponse, FetchError, { id: string } & Partial<LeadScoreRulePayload>>({
    mutationFn: ({ id, ...payload }) =>
      sdk.client.fetch<LeadScoreRuleResponse>(rulePath(id), { method: "POST", body: payload }),
    onSuccess: invalidate,
  })
}

export const useDeleteLeadScoreRule = () => {
  const invalidate = useInvalidateRules()

  return useMutation<{ id: string; deleted: boolean }, FetchError, string>({
    mutationFn: (id) => sdk.client.fetch<{ id: string; deleted: boolean }>(rulePath(id), { method: "DELETE" }),
    onSuccess: invalidate,
  })
}
