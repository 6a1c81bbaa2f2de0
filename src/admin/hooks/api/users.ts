import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { QueryOptions } from "./query-options"

type MeResponse = { user: { id: string; email: string } }

/** The signed-in admin user, e.g. to suggest their address for a test send. */
export const useMe = (options?: QueryOptions<MeResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: ["marketing", "users", "me"],
    queryFn: () => sdk.client.fetch<MeResponse>("/admin/users/me"),
    ...options,
  })

  return { ...data, ...rest }
}
