import type { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  SuppressionListParams,
  SuppressionListResponse,
} from "../../lib/types"
import { contactsQueryKeys } from "./contacts"
import type { QueryOptions } from "./query-options"

const SUPPRESSIONS_PATH = "/admin/marketing/suppressions"

export const suppressionsQueryKeys = {
  all: ["marketing", "suppressions"] as const,
  lists: () => [...suppressionsQueryKeys.all, "list"] as const,
  list: (params: SuppressionListParams) =>
    [...suppressionsQueryKeys.lists(), params] as const,
}

export const useSuppressions = (
  params: SuppressionListParams,
  options?: QueryOptions<SuppressionListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: suppressionsQueryKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<SuppressionListResponse>(SUPPRESSIONS_PATH, {
        query: params,
      }),
    ...options,
  })

  return { ...data, ...rest }
}

/** Suppression is shown on contacts too: both lists must be re-read. */
const useInvalidateSuppressed = () => {
  const queryClient = useQueryClient()
  return () => {
    queryClient.invalidateQueries({ queryKey: suppressionsQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: contactsQueryKeys.all })
  }
}

export const useAddSuppressions = () => {
  const invalidate = useInvalidateSuppressed()

  return useMutation<
    { suppressed: number },
    FetchError,
    { emails: string[]; reason?: string }
  >({
    mutationFn: (payload) =>
      sdk.client.fetch<{ suppressed: number }>(SUPPRESSIONS_PATH, {
        method: "POST",
        body: payload,
      }),
    onSuccess: invalidate,
  })
}

export const useRemoveSuppression = () => {
  const invalidate = useInvalidateSuppressed()

  return useMutation<{ id: string; deleted: boolean }, FetchError, string>({
    mutationFn: (contactId) =>
      sdk.client.fetch<{ id: string; deleted: boolean }>(
        `${SUPPRESSIONS_PATH}/${encodeURIComponent(contactId)}`,
        { method: "DELETE" }
      ),
    onSuccess: invalidate,
  })
}
