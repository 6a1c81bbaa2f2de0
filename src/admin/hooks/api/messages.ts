import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  MessageListParams,
  MessageListResponse,
  MessageResponse,
} from "../../lib/types"
import type { QueryOptions } from "./query-options"

const MESSAGES_PATH = "/admin/marketing/messages"

export const messagesQueryKeys = {
  all: ["marketing", "messages"] as const,
  lists: () => [...messagesQueryKeys.all, "list"] as const,
  list: (params: MessageListParams) =>
    [...messagesQueryKeys.lists(), params] as const,
  details: () => [...messagesQueryKeys.all, "detail"] as const,
  detail: (id: string) => [...messagesQueryKeys.details(), id] as const,
}

export const useMessages = (
  params: MessageListParams,
  options?: QueryOptions<MessageListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: messagesQueryKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<MessageListResponse>(MESSAGES_PATH, { query: params }),
    ...options,
  })

  return { ...data, ...rest }
}

export const useMessage = (
  id: string,
  options?: QueryOptions<MessageResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: messagesQueryKeys.detail(id),
    queryFn: () =>
      sdk.client.fetch<MessageResponse>(
        `${MESSAGES_PATH}/${encodeURIComponent(id)}`
      ),
    ...options,
  })

  return { ...data, ...rest }
}
