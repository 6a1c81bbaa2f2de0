import type { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { MarketingSettingsPatch, SettingsResponse } from "../../lib/types"
import type { QueryOptions } from "./query-options"

const SETTINGS_PATH = "/admin/marketing/settings"

export const settingsQueryKeys = {
  all: ["marketing", "settings"] as const,
  detail: () => [...settingsQueryKeys.all, "detail"] as const,
}

export const useSettings = (options?: QueryOptions<SettingsResponse>) => {
  const { data, ...rest } = useQuery({
    queryKey: settingsQueryKeys.detail(),
    queryFn: () => sdk.client.fetch<SettingsResponse>(SETTINGS_PATH),
    ...options,
  })

  return { ...data, ...rest }
}

/** Saves part of the settings; the server merges it into the rest. */
export const useUpdateSettings = () => {
  const queryClient = useQueryClient()

  return useMutation<SettingsResponse, FetchError, MarketingSettingsPatch>({
    mutationFn: (patch) =>
      sdk.client.fetch<SettingsResponse>(SETTINGS_PATH, {
        method: "POST",
        body: patch,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsQueryKeys.detail(), data)
    },
  })
}
