import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { QueryOptions } from "./query-options"

const OVERVIEW_PATH = "/admin/marketing/overview"

/** Net attributed revenue (refunds taken off, canceled orders left out) in one currency. */
export interface CurrencyRevenue {
  currency_code: string
  amount: number
  conversions: number
}

export interface TopEarner {
  /** The flow's or campaign's id. */
  id: string
  /** Null when the flow or campaign was deleted. */
  name: string | null
  currency_code: string
  revenue: number
  conversions: number
}

export interface RecentSend {
  id: string
  contact_id: string
  to_email: string
  subject: string | null
  reason_type: string
  reason_id: string | null
  reason_name: string | null
  reason_step: string | null
  variant: string | null
  sent_at: string
  delivered_at: string | null
  opened_at: string | null
  clicked_at: string | null
  bounced_at: string | null
}

export interface OverviewDay {
  /** The local calendar day, "YYYY-MM-DD". */
  date: string
  sent: number
  /** Messages a person opened (or clicked) that day. */
  opened: number
  clicked: number
  /** Net attributed revenue by currency. */
  revenue: Record<string, number>
}

export interface MarketingOverview {
  time_zone: string
  revenue: { this_month: CurrencyRevenue[]; last_month: CurrencyRevenue[] }
  top_flows: TopEarner[]
  top_campaigns: TopEarner[]
  recent_sends: RecentSend[]
  /** The last 30 days, oldest first, ending today. */
  daily: OverviewDay[]
}

export interface OverviewResponse {
  overview: MarketingOverview
}

export const overviewQueryKeys = {
  all: ["marketing", "overview"] as const,
  detail: (timeZone: string) => [...overviewQueryKeys.all, timeZone] as const,
}

/** The browser's time zone, so "this month" and each day start at the merchant's midnight. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"

export const useOverview = (options?: QueryOptions<OverviewResponse>) => {
  const timeZone = browserTimeZone()
  const { data, ...rest } = useQuery({
    queryKey: overviewQueryKeys.detail(timeZone),
    queryFn: () =>
      sdk.client.fetch<OverviewResponse>(OVERVIEW_PATH, {
        query: { time_zone: timeZone },
      }),
    ...options,
  })

  return { ...data, ...rest }
}
