import type { FetchError } from "@medusajs/js-sdk"
import {
  QueryKey,
  useMutation,
  UseMutationOptions,
  useQuery,
  useQueryClient,
  UseQueryOptions,
} from "@tanstack/react-query"
import { useEffect, useRef } from "react"
import { sdk } from "../../lib/sdk"
import type { BackfillResponse, BackfillStatus } from "../../lib/types"
import { contactsQueryKeys } from "./contacts"

const BACKFILL_PATH = "/admin/marketing/backfill"

/** How often the import's progress is re-read while it runs. */
export const BACKFILL_POLL_INTERVAL_MS = 1500

const isFinished = (status?: BackfillStatus) =>
  status === "completed" || status === "failed"

export const backfillQueryKeys = {
  all: ["marketing", "backfill"] as const,
  status: () => [...backfillQueryKeys.all, "status"] as const,
}

/**
 * The import's state. It polls only while the import runs, and when a run
 * ends it refreshes the contact queries so the imported people show up.
 */
export const useBackfill = (
  options?: Omit<
    UseQueryOptions<BackfillResponse, FetchError, BackfillResponse, QueryKey>,
    "queryKey" | "queryFn" | "refetchInterval"
  >
) => {
  const queryClient = useQueryClient()
  const { data, ...rest } = useQuery({
    queryKey: backfillQueryKeys.status(),
    queryFn: () => sdk.client.fetch<BackfillResponse>(BACKFILL_PATH),
    refetchInterval: (query) =>
      query.state.data?.backfill.status === "running"
        ? BACKFILL_POLL_INTERVAL_MS
        : false,
    ...options,
  })

  const status = data?.backfill.status
  const previousStatus = useRef<BackfillStatus | undefined>(status)

  useEffect(() => {
    const previous = previousStatus.current
    previousStatus.current = status
    // A run that ended while this page watched it (even a failed one) has
    // written contacts; a state that was already final on load has not.
    if (previous && previous !== status && isFinished(status)) {
      queryClient.invalidateQueries({ queryKey: contactsQueryKeys.all })
    }
  }, [status, queryClient])

  return { ...data, ...rest }
}

/** Starts the import of existing customers and orders (answers 202). */
export const useStartBackfill = (
  options?: UseMutationOptions<BackfillResponse, FetchError, void>
) => {
  const queryClient = useQueryClient()

  return useMutation({
    ...options,
    mutationFn: () =>
      sdk.client.fetch<BackfillResponse>(BACKFILL_PATH, { method: "POST" }),
    onSuccess: (data, variables, context) => {
      // Seeding the cache with the 202 answer starts the polling at once.
      queryClient.setQueryData(backfillQueryKeys.status(), data)
      if (isFinished(data.backfill.status)) {
        queryClient.invalidateQueries({ queryKey: contactsQueryKeys.all })
      }
      options?.onSuccess?.(data, variables, context)
    },
  })
}
