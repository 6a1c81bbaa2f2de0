import type { FetchError } from "@medusajs/js-sdk"
import type { QueryKey, UseQueryOptions } from "@tanstack/react-query"

/** What a page may add to one of the plugin's queries. */
export type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>
