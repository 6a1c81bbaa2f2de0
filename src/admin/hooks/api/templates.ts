import type { FetchError } from "@medusajs/js-sdk"
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  CreateTemplatePayload,
  PreviewResponse,
  PreviewTemplatePayload,
  TemplateListParams,
  TemplateListResponse,
  TemplateResponse,
  TestSendResponse,
  UpdateTemplatePayload,
} from "../../lib/types"
import { messagesQueryKeys } from "./messages"
import type { QueryOptions } from "./query-options"

const TEMPLATES_PATH = "/admin/marketing/templates"

const templatePath = (id: string) =>
  `${TEMPLATES_PATH}/${encodeURIComponent(id)}`

export const templatesQueryKeys = {
  all: ["marketing", "templates"] as const,
  lists: () => [...templatesQueryKeys.all, "list"] as const,
  list: (params: TemplateListParams) =>
    [...templatesQueryKeys.lists(), params] as const,
  details: () => [...templatesQueryKeys.all, "detail"] as const,
  detail: (id: string) => [...templatesQueryKeys.details(), id] as const,
  preview: (id: string, payload: PreviewTemplatePayload) =>
    [...templatesQueryKeys.all, "preview", id, payload] as const,
}

export const useTemplates = (
  params: TemplateListParams,
  options?: QueryOptions<TemplateListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: templatesQueryKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<TemplateListResponse>(TEMPLATES_PATH, { query: params }),
    ...options,
  })

  return { ...data, ...rest }
}

export const useTemplate = (
  id: string,
  options?: QueryOptions<TemplateResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: templatesQueryKeys.detail(id),
    queryFn: () => sdk.client.fetch<TemplateResponse>(templatePath(id)),
    ...options,
  })

  return { ...data, ...rest }
}

/**
 * Renders a saved version or unsaved editor content. A POST that only
 * reads, so it is a query: the preview of content already seen comes from
 * the cache, and the last good preview stays on screen while the next one
 * renders or when the content has an error.
 */
export const useTemplatePreview = (
  id: string,
  payload: PreviewTemplatePayload,
  options?: QueryOptions<PreviewResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: templatesQueryKeys.preview(id, payload),
    queryFn: () =>
      sdk.client.fetch<PreviewResponse>(`${templatePath(id)}/preview`, {
        method: "POST",
        body: payload,
      }),
    placeholderData: keepPreviousData,
    // A 400 names a mistake in the content: asking again cannot fix it.
    retry: false,
    ...options,
  })

  return { ...data, ...rest }
}

export const useCreateTemplate = () => {
  const queryClient = useQueryClient()

  return useMutation<TemplateResponse, FetchError, CreateTemplatePayload>({
    mutationFn: (payload) =>
      sdk.client.fetch<TemplateResponse>(TEMPLATES_PATH, {
        method: "POST",
        body: payload,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(
        templatesQueryKeys.detail(data.template.id),
        data
      )
      queryClient.invalidateQueries({ queryKey: templatesQueryKeys.lists() })
    },
  })
}

/** Saves a template; content in the payload publishes a new version. */
export const useUpdateTemplate = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<TemplateResponse, FetchError, UpdateTemplatePayload>({
    mutationFn: (payload) =>
      sdk.client.fetch<TemplateResponse>(templatePath(id), {
        method: "POST",
        body: payload,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(templatesQueryKeys.detail(id), data)
      queryClient.invalidateQueries({ queryKey: templatesQueryKeys.lists() })
    },
  })
}

export const useDeleteTemplate = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<{ id: string; deleted: boolean }, FetchError, void>({
    mutationFn: () =>
      sdk.client.fetch<{ id: string; deleted: boolean }>(templatePath(id), {
        method: "DELETE",
      }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: templatesQueryKeys.detail(id) })
      queryClient.invalidateQueries({ queryKey: templatesQueryKeys.lists() })
    },
  })
}

/**
 * Sends a version to one address now. The server answers 200 when it was
 * sent and 202 otherwise, with the message's status saying why.
 */
export const useTestSendTemplate = (id: string) => {
  const queryClient = useQueryClient()

  return useMutation<
    TestSendResponse,
    FetchError,
    { email: string; version?: number }
  >({
    mutationFn: (payload) =>
      sdk.client.fetch<TestSendResponse>(`${templatePath(id)}/test-send`, {
        method: "POST",
        body: payload,
      }),
    onSuccess: () => {
      // The test shows up in the message log.
      queryClient.invalidateQueries({ queryKey: messagesQueryKeys.lists() })
    },
  })
}
