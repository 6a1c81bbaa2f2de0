import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateSegment,
  AdminGetSegmentMembersParams,
  AdminGetSegmentsParams,
  AdminPreviewSegment,
  AdminUpdateSegment,
} from "./validators"

export const SEGMENT_FIELDS = [
  "id", "name", "description", "rules", "member_count", "last_refreshed_at",
  "sync_customer_group", "customer_group_id", "created_at", "updated_at",
]

export const adminSegmentsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/segments",
    middlewares: [validateAndTransformQuery(AdminGetSegmentsParams, { defaults: SEGMENT_FIELDS, isList: true })],
  },
  { method: ["POST"], matcher: "/admin/marketing/segments", middlewares: [validateAndTransformBody(AdminCreateSegment)] },
  { method: ["POST"], matcher: "/admin/marketing/segments/preview", middlewares: [validateAndTransformBody(AdminPreviewSegment)] },
  { method: ["POST"], matcher: "/admin/marketing/segments/:id", middlewares: [validateAndTransformBody(AdminUpdateSegment)] },
  {
    method: ["GET"],
    matcher: "/admin/marketing/segments/:id/members",
    middlewares: [validateAndTransformQuery(AdminGetSegmentMembersParams, {})],
  },
]
