import type { FetchError } from "@medusajs/js-sdk"
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import type {
  CreateFlowPayload,
  CustomerGroupOption,
  DryRunPayload,
  DryRunResponse,
  FlowCatalog,
  FlowListParams,
  FlowListResponse,
  FlowResponse,
  FlowResultsResponse,
  FlowRunsParams,
  FlowRunsResponse,
  FlowValidationResponse,
  UpdateFlowPayload,
} from "../../lib/flow-types"
import { sdk } from "../../lib/sdk"
import type { QueryOptions } from "./query-options"

const FLOWS_PATH = "/admin/marketing/flows"

const flowPath = (id: string) => `${FLOWS_PATH}/${encodeURIComponent(id)}`

export const flowsQueryKeys = {
  all: ["marketing", "flows"] as const,
  lists: () => [...flowsQueryKeys.all, "list"] as const,
  list: (params: FlowListParams) => [...flowsQueryKeys.lists(), params] as const,
  details: () => [...flowsQueryKeys.all, "detail"] as const,
  detail: (id: string) => [...flowsQueryKeys.details(), id] as const,
  catalog: () => [...flowsQueryKeys.all, "catalog"] as const,
  validation: (definition: unknown) => [...flowsQueryKeys.all, "validation", definition] as const,
  runs: (id: string, params: FlowRunsParams) => [...flowsQueryKeys.all, "runs", id, params] as const,
  results: (id: string) => [...flowsQueryKeys.all, "results", id] as const,
  customerGroups: () => [...flowsQueryKeys.all, "customer-groups"] as const,
}

export const useFlows = (params: FlowListParams, options?: QueryOptions<FlowListResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: flowsQueryKeys.list(params),
    queryFn: () => sdk.client.fetch<FlowListResponse>(FLOWS_PATH, { query: params }),
    ...options,
  })

  return { ...data, ...rest }
}

export const useFlow = (id: string, options?: QueryOptions<FlowResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: flowsQueryKeys.detail(id),
    queryFn: () => sdk.client.fetch<FlowResponse>(flowPath(id)),
    ...options,
  })

  return { ...data, ...rest }
}

/**
 * Entrants and conversions of the flows on a list page. The list answer
 * has no run counts, so each row's come from its detail, which the
 * builder reads anyway.
 */
export const useFlowRunCounts = (ids: string[]) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: flowsQueryKeys.detail(id),
      queryFn: () => sdk.client.fetch<FlowResponse>(flowPath(id)),
      staleTime: 30_000,
    })),
    combine: (results) =>
      new Map(
        results.flatMap((result, index) =>
          result.data ? [[ids[index], result.data.flow.run_counts] as const] : []
        )
      ),
  })

/** The step types and triggers this store's flows can use, its own included. */
export const useFlowCatalog = (options?: QueryOptions<FlowCatalog>) => {
  const { data, ...rest } = useQuery({
    queryKey: flowsQueryKeys.catalog(),
    queryFn: () => sdk.client.fetch<FlowCatalog>(`${FLOWS_PATH}/catalog`),
    // Registered in the store's code: it changes with a deploy, not while the page is open.
    staleTime: Infinity,
    ...options,
  })

  return { ...data, ...rest }
}

/**
 * Everything that would stop a definition from being activated. A POST
 * that only reads, so it is a query: the last answer stays while the next
 * definition is checked. A 400 means the definition does not parse yet;
 * its message names the step.
 */
export const useFlowValidation = (
  definition: unknown,
  options?: QueryOptions<FlowValidationResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: flowsQueryKeys.validation(definition),
    queryFn: () =>
      sdk.client.fetch<FlowValidationResponse>(`${FLOWS_PATH}/validate`, {
        method: "POST",
        body: { definition },
      }),
    placeholderData: keepPreviousData,
    // A 400 names a mistake in the definition: asking again cannot fix it.
    retry: false,
    // Templates and groups it refers to may be deleted meanwhile.
    staleTime: 0,
    ...options,
  })

  return { ...data, ...rest }
}

export const useFlowRuns = (id: string, params: FlowRunsParams, options?: QueryOptions<FlowRunsResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: flowsQueryKeys.runs(id, params),
    queryFn: () => sdk.client.fetch<FlowRunsResponse>(`${flowPath(id)}/runs`, { query: params }),
    ...options,
  })

  return { ...data, ...rest }
}

/**
 * The emails each step sent and what they led to. Stores without the
 * results API answer 404; the builder then shows the run counts alone.
 */
export const useFlowStepResults = (id: string, options?: QueryOptions<FlowResultsResponse | null>) => {
  const { data, ...rest } = useQuery({
    queryKey: flowsQueryKeys.results(id),
    queryFn: async () => {
      try {
        return await sdk.client.fetch<FlowResultsResponse>("/admin/marketing/results", {
          query: { reason_type: "flow", reason_id: id, group_by: "step" },
        })
      } catch (error) {
        if ((error as FetchError).status === 404) {
          return null
        }
        throw error
      }
    },
    retry: false,
    ...options,
  })

  return { groups: data?.results.groups, runs: data?.results.runs ?? null, ...rest }
}

/** The store's customer groups, for the step that adds contacts to one. */
export const useCustomerGroupOptions = (options?: QueryOptions<CustomerGroupOption[]>) =>
  useQuery({
    queryKey: flowsQueryKeys.customerGroups(),
    queryFn: async () => {
      const { customer_groups } = await sdk.client.fetch<{ customer_groups: CustomerGroupOption[] }>(
        "/admin/customer-groups",
        { query: { limit: 200, fields: "id,name", order: "name" } }
      )
      return customer_groups
    },
    ...options,
  })

export const useCreateFlow = () => {
  const queryClient = useQueryClient()

  return useMutation<FlowResponse, FetchError, CreateFlowPayload>({
    mutationFn: (payload) => sdk.client.fetch<FlowResponse>(FLOWS_PATH, { method: "POST", body: payload }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: flowsQueryKeys.lists() })
    },
  })
}

/** Saves edits; on an active flow the new definition is published at once. */
export const useUpdateFlow = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<FlowResponse, FetchError, UpdateFlowPayload>({
    mutationFn: (payload) => sdk.client.fetch<FlowResponse>(flowPath(id), { method: "POST", body: payload }),
    onSuccess: (data) => {
      queryClient.setQueryData(flowsQueryKeys.detail(id), data)
      queryClient.invalidateQueries({ queryKey: flowsQueryKeys.lists() })
    },
  })
}

export type FlowAction = "activate" | "pause" | "archive"

/** Activates (validating the whole flow), pauses or archives a flow. */
export const useFlowAction = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<FlowResponse, FetchError, FlowAction>({
    mutationFn: (action) => sdk.client.fetch<FlowResponse>(`${flowPath(id)}/${action}`, { method: "POST" }),
    onSuccess: (data) => {
      queryClient.setQueryData(flowsQueryKeys.detail(id), data)
      queryClient.invalidateQueries({ queryKey: flowsQueryKeys.lists() })
      queryClient.invalidateQueries({ queryKey: [...flowsQueryKeys.all, "runs", id] })
    },
  })
}

export const useDeleteFlow = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<{ id: string; deleted: boolean }, FetchError, void>({
    mutationFn: () => sdk.client.fetch<{ id: string; deleted: boolean }>(flowPath(id), { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: flowsQueryKeys.detail(id) })
      queryClient.invalidateQueries({ queryKey: flowsQueryKeys.lists() })
    },
  })
}

/** Simulates the saved flow for one contact; nothing is stored or sent. */
export const useFlowDryRun = (id: string) =>
  useMutation<DryRunResponse, FetchError, DryRunPayload>({
    mutationFn: (payload) =>
      sdk.client.fetch<DryRunResponse>(`${flowPath(id)}/dry-run`, { method: "POST", body: payload }),
  })
