import type { FetchError } from "@medusajs/js-sdk"
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { filenameFromDisposition, saveBlob } from "../../lib/segment-csv-download"
import type {
  SegmentListParams,
  SegmentListResponse,
  SegmentMembersParams,
  SegmentMembersResponse,
  SegmentPayload,
  SegmentPreviewResponse,
  SegmentResponse,
  SegmentUpdatePayload,
} from "../../lib/segment-types"
import { sdk } from "../../lib/sdk"
import type { QueryOptions } from "./query-options"

const SEGMENTS_PATH = "/admin/marketing/segments"

const segmentPath = (id: string) => `${SEGMENTS_PATH}/${encodeURIComponent(id)}`

export const segmentsQueryKeys = {
  all: ["marketing", "segments"] as const,
  lists: () => [...segmentsQueryKeys.all, "list"] as const,
  list: (params: SegmentListParams) => [...segmentsQueryKeys.lists(), params] as const,
  details: () => [...segmentsQueryKeys.all, "detail"] as const,
  detail: (id: string) => [...segmentsQueryKeys.details(), id] as const,
  members: (id: string, params: SegmentMembersParams) =>
    [...segmentsQueryKeys.all, "members", id, params] as const,
  preview: (rules: unknown, segmentId?: string) => [...segmentsQueryKeys.all, "preview", segmentId ?? null, rules] as const,
}

export const useSegments = (
  params: SegmentListParams,
  options?: QueryOptions<SegmentListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentsQueryKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<SegmentListResponse>(SEGMENTS_PATH, { query: params }),
    ...options,
  })

  return { ...data, ...rest }
}

export const useSegment = (id: string, options?: QueryOptions<SegmentResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentsQueryKeys.detail(id),
    queryFn: () => sdk.client.fetch<SegmentResponse>(segmentPath(id)),
    ...options,
  })

  return { ...data, ...rest }
}

export const useSegmentMembers = (
  id: string,
  params: SegmentMembersParams,
  options?: QueryOptions<SegmentMembersResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentsQueryKeys.members(id, params),
    queryFn: () =>
      sdk.client.fetch<SegmentMembersResponse>(`${segmentPath(id)}/members`, {
        query: params,
      }),
    ...options,
  })

  return { ...data, ...rest }
}

/**
 * Who unsaved rules match now. A POST that only reads, so it is a query:
 * rules seen before come from the cache, and the last count stays on
 * screen while the next one loads.
 */
export const useSegmentPreview = (
  rules: unknown,
  options?: QueryOptions<SegmentPreviewResponse> & { segmentId?: string }
) => {
  const { segmentId, ...queryOptions } = options ?? {}
  const { data, ...rest } = useQuery({
    queryKey: segmentsQueryKeys.preview(rules, segmentId),
    queryFn: () =>
      sdk.client.fetch<SegmentPreviewResponse>(`${SEGMENTS_PATH}/preview`, {
        method: "POST",
        // The segment being edited: a rule making it depend on itself is refused here, before saving.
        body: { rules, sample_size: 10, ...(segmentId ? { segment_id: segmentId } : {}) },
      }),
    placeholderData: keepPreviousData,
    // A 400 names a mistake in the rules: asking again cannot fix it.
    retry: false,
    // Membership moves with time and events: a preview is only true now.
    staleTime: 0,
    ...queryOptions,
  })

  return { ...data, ...rest }
}

export const useCreateSegment = () => {
  const queryClient = useQueryClient()

  return useMutation<SegmentResponse, FetchError, SegmentPayload>({
    mutationFn: (payload) =>
      sdk.client.fetch<SegmentResponse>(SEGMENTS_PATH, {
        method: "POST",
        body: payload,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(segmentsQueryKeys.detail(data.segment.id), data)
      queryClient.invalidateQueries({ queryKey: segmentsQueryKeys.lists() })
    },
  })
}

/** Saves a segment; new rules refill its membership at once. */
export const useUpdateSegment = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<SegmentResponse, FetchError, SegmentUpdatePayload>({
    mutationFn: (payload) =>
      sdk.client.fetch<SegmentResponse>(segmentPath(id), {
        method: "POST",
        body: payload,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(segmentsQueryKeys.detail(id), data)
      queryClient.invalidateQueries({ queryKey: segmentsQueryKeys.lists() })
      queryClient.invalidateQueries({
        queryKey: [...segmentsQueryKeys.all, "members", id],
      })
    },
  })
}

export const useDeleteSegment = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<{ id: string; deleted: boolean }, FetchError, void>({
    mutationFn: () =>
      sdk.client.fetch<{ id: string; deleted: boolean }>(segmentPath(id), {
        method: "DELETE",
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: segmentsQueryKeys.lists() })
    },
  })
}

/**
 * Downloads every member as CSV with the admin's session. The server
 * streams the file; the browser saves it once it has arrived.
 */
export const useExportSegmentCsv = (id: string) =>
  useMutation<string, FetchError, void>({
    mutationFn: async () => {
      const response = await sdk.client.fetch<Response>(`${segmentPath(id)}/members`, {
        query: { format: "csv" },
        // Anything but JSON: the sdk then hands back the raw response.
        headers: { accept: "text/csv" },
      })
      const filename = filenameFromDisposition(
        response.headers.get("content-disposition"),
        `segment-${id}.csv`
      )
      saveBlob(await response.blob(), filename)
      return filename
    },
  })
