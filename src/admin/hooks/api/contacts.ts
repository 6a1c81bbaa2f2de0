import type { FetchError } from "@medusajs/js-sdk"
import {
  QueryKey,
  useQuery,
  UseQueryOptions,
} from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  ContactListParams,
  ContactListResponse,
  ContactResponse,
} from "../../lib/types"

const CONTACTS_PATH = "/admin/marketing/contacts"

/**
 * Every contact query starts with `contactsQueryKeys.all`, so invalidating
 * it (after an import, for example) refreshes lists and details alike.
 */
export const contactsQueryKeys = {
  all: ["marketing", "contacts"] as const,
  lists: () => [...contactsQueryKeys.all, "list"] as const,
  list: (params: ContactListParams) =>
    [...contactsQueryKeys.lists(), params] as const,
  details: () => [...contactsQueryKeys.all, "detail"] as const,
  detail: (id: string) => [...contactsQueryKeys.details(), id] as const,
}

type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>

export const useContacts = (
  params: ContactListParams,
  options?: QueryOptions<ContactListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: contactsQueryKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<ContactListResponse>(CONTACTS_PATH, {
        query: params,
      }),
    ...options,
  })

  return { ...data, ...rest }
}

export const useContact = (
  id: string,
  options?: QueryOptions<ContactResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: contactsQueryKeys.detail(id),
    queryFn: () =>
      sdk.client.fetch<ContactResponse>(
        `${CONTACTS_PATH}/${encodeURIComponent(id)}`
      ),
    ...options,
  })

  return { ...data, ...rest }
}
