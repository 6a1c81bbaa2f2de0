export type TrackedCartStatus =
  | "active"
  | "abandoned"
  | "empty"
  | "completed"
  | "expired"

/** What the plugin knows of a storefront cart at one moment of activity. */
export interface TrackCartInput {
  cart_id: string
  email?: string | null
  customer_id?: string | null
  contact_id?: string | null
  currency_code?: string | null
  item_count: number
  activity_at: Date | string
  completed?: boolean
}

export interface TrackedCartRow {
  id: string
  cart_id: string
  email: string | null
  customer_id: string | null
  contact_id: string | null
  currency_code: string | null
  item_count: number
  status: TrackedCartStatus
  last_activity_at: Date
  reported_activity_at: Date | null
  abandoned_at: Date | null
}

export interface SettleTrackedCartInput {
  id: string
  status: Exclude<TrackedCartStatus, "active"> | "active"
  /** The activity time the sweep read from the cart itself. */
  activity_at: Date | string
  /** The activity time the tracker held when the sweep picked the cart. */
  expected_activity_at: Date | string
  item_count?: number | null
  email?: string | null
  contact_id?: string | null
}
