import type { FetchError } from "@medusajs/js-sdk"
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import type {
  AudiencePayload,
  AudienceResponse,
  CampaignListParams,
  CampaignListResponse,
  CampaignPayload,
  CampaignResponse,
  CampaignResultsResponse,
  CancelCampaignResponse,
  SchedulePayload,
} from "../../lib/campaign-types"
import { sdk } from "../../lib/sdk"
import { messagesQueryKeys } from "./messages"
import type { QueryOptions } from "./query-options"

const CAMPAIGNS_PATH = "/admin/marketing/campaigns"

const campaignPath = (id: string) => `${CAMPAIGNS_PATH}/${encodeURIComponent(id)}`

export const campaignsQueryKeys = {
  all: ["marketing", "campaigns"] as const,
  lists: () => [...campaignsQueryKeys.all, "list"] as const,
  list: (params: CampaignListParams) => [...campaignsQueryKeys.lists(), params] as const,
  details: () => [...campaignsQueryKeys.all, "detail"] as const,
  detail: (id: string) => [...campaignsQueryKeys.details(), id] as const,
  results: (id: string) => [...campaignsQueryKeys.all, "results", id] as const,
  audience: (payload: AudiencePayload | null) => [...campaignsQueryKeys.all, "audience", payload] as const,
}

/** Results move while a campaign sends and people open it: they are read again after this long. */
const RESULTS_STALE_MS = 30_000

export const useCampaigns = (params: CampaignListParams, options?: QueryOptions<CampaignListResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: campaignsQueryKeys.list(params),
    queryFn: () => sdk.client.fetch<CampaignListResponse>(CAMPAIGNS_PATH, { query: params }),
    ...options,
  })

  return { ...data, ...rest }
}

export const useCampaign = (id: string, options?: QueryOptions<CampaignResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: campaignsQueryKeys.detail(id),
    queryFn: () => sdk.client.fetch<CampaignResponse>(campaignPath(id)),
    ...options,
  })

  return { ...data, ...rest }
}

const fetchResults = (id: string) => sdk.client.fetch<CampaignResultsResponse>(`${campaignPath(id)}/results`)

export const useCampaignResults = (id: string, options?: QueryOptions<CampaignResultsResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: campaignsQueryKeys.results(id),
    queryFn: () => fetchResults(id),
    staleTime: RESULTS_STALE_MS,
    ...options,
  })

  return { ...data, ...rest }
}

/**
 * How many contacts the segments less the exclusions reach now. A POST
 * that only reads, so it is a query: the last count stays on screen while
 * the next one loads.
 */
export const useCampaignAudience = (payload: AudiencePayload | null, options?: QueryOptions<AudienceResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: campaignsQueryKeys.audience(payload),
    queryFn: () =>
      sdk.client.fetch<AudienceResponse>(`${CAMPAIGNS_PATH}/audience`, { method: "POST", body: payload! }),
    enabled: !!payload?.segment_ids.length,
    placeholderData: keepPreviousData,
    // A 400 names a segment that is gone: asking again cannot fix it.
    retry: false,
    // Segment membership moves with every order and open: a count is only true now.
    staleTime: 0,
    ...options,
  })

  return { ...data, ...rest }
}

const useInvalidateCampaign = () => {
  const queryClient = useQueryClient()
  return (data: CampaignResponse) => {
    queryClient.setQueryData(campaignsQueryKeys.detail(data.campaign.id), data)
    queryClient.invalidateQueries({ queryKey: campaignsQueryKeys.lists() })
    queryClient.invalidateQueries({ queryKey: campaignsQueryKeys.results(data.campaign.id) })
  }
}

export const useCreateCampaign = () => {
  const onSuccess = useInvalidateCampaign()

  return useMutation<CampaignResponse, FetchError, CampaignPayload>({
    mutationFn: (payload) => sdk.client.fetch<CampaignResponse>(CAMPAIGNS_PATH, { method: "POST", body: payload }),
    onSuccess,
  })
}

/** Saves a draft or scheduled campaign; the id is given per call, since a new campaign only has one once created. */
export const useUpdateCampaign = () => {
  const onSuccess = useInvalidateCampaign()

  return useMutation<CampaignResponse, FetchError, { id: string; payload: Partial<CampaignPayload> }>({
    mutationFn: ({ id, payload }) =>
      sdk.client.fetch<CampaignResponse>(campaignPath(id), { method: "POST", body: payload }),
    onSuccess,
  })
}

/** Schedules at a time, or (with `scheduled_at: null`) sends now. */
export const useScheduleCampaign = () => {
  const onSuccess = useInvalidateCampaign()

  return useMutation<CampaignResponse, FetchError, { id: string; payload: SchedulePayload }>({
    mutationFn: ({ id, payload }) =>
      sdk.client.fetch<CampaignResponse>(`${campaignPath(id)}/schedule`, { method: "POST", body: payload }),
    onSuccess,
  })
}

export const useCancelCampaign = (id: string) => {
  const queryClient = useQueryClient()
  const onSuccess = useInvalidateCampaign()

  return useMutation<CancelCampaignResponse, FetchError, void>({
    mutationFn: () => sdk.client.fetch<CancelCampaignResponse>(`${campaignPath(id)}/cancel`, { method: "POST" }),
    onSuccess: (data) => {
      onSuccess(data)
      // Queued emails it stops show as skipped in the message log.
      queryClient.invalidateQueries({ queryKey: messagesQueryKeys.lists() })
    },
  })
}

export const useDeleteCampaign = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<{ id: string; deleted: boolean }, FetchError, void>({
    mutationFn: () => sdk.client.fetch<{ id: string; deleted: boolean }>(campaignPath(id), { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: campaignsQueryKeys.detail(id) })
      queryClient.invalidateQueries({ queryKey: campaignsQueryKeys.lists() })
    },
  })
}
