import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateFlow,
  AdminDryRunFlow,
  AdminGetFlowRunsParams,
  AdminGetFlowsParams,
  AdminUpdateFlow,
  AdminValidateFlow,
} from "./validators"

export const FLOW_FIELDS = [
  "id", "name", "description", "status", "definition", "active_version_id", "trigger_type",
  "trigger_event", "playbook_key", "activated_at", "created_at", "updated_at",
]

export const adminFlowsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/flows",
    middlewares: [validateAndTransformQuery(AdminGetFlowsParams, { defaults: FLOW_FIELDS, isList: true })],
  },
  { method: ["POST"], matcher: "/admin/marketing/flows", middlewares: [validateAndTransformBody(AdminCreateFlow)] },
  { method: ["POST"], matcher: "/admin/marketing/flows/validate", middlewares: [validateAndTransformBody(AdminValidateFlow)] },
  { method: ["POST"], matcher: "/admin/marketing/flows/:id", middlewares: [validateAndTransformBody(AdminUpdateFlow)] },
  { method: ["POST"], matcher: "/admin/marketing/flows/:id/dry-run", middlewares: [validateAndTransformBody(AdminDryRunFlow)] },
  {
    method: ["GET"],
    matcher: "/admin/marketing/flows/:id/runs",
    middlewares: [validateAndTransformQuery(AdminGetFlowRunsParams, {})],
  },
]
