/**
 * Shapes of the segments admin API as the browser receives them. The rules
 * travel as the segment rule language's JSON (see src/lib/segments).
 */

import type { ConsentStatus } from "./types"

export interface Segment {
  id: string
  name: string
  description: string | null
  rules: unknown
  member_count: number
  last_refreshed_at: string | null
  sync_customer_group: boolean
  customer_group_id: string | null
  created_at: string
  updated_at: string
}

export interface SegmentListParams {
  q?: string
  limit?: number
  offset?: number
  order?: string
  fields?: string
}

export interface SegmentListResponse {
  segments: Segment[]
  count: number
  limit: number
  offset: number
}

export interface SegmentResponse {
  segment: Segment
}

export interface SegmentPayload {
  name: string
  description: string | null
  rules: unknown
  sync_customer_group: boolean
}

export type SegmentUpdatePayload = Partial<SegmentPayload>

export interface SegmentMember {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  orders_count: number
  total_spent: number
  currency_code: string | null
  last_order_at: string | null
  consent_status: ConsentStatus
  entered_at: string
}

export interface SegmentMembersParams {
  limit: number
  offset: number
}

export interface SegmentMembersResponse {
  members: SegmentMember[]
  count: number
  limit: number
  offset: number
}

export interface SegmentPreviewContact {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
}

export interface SegmentPreviewResponse {
  count: number
  sample: SegmentPreviewContact[]
}
