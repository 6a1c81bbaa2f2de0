import { StatusBadge, Tooltip } from "@medusajs/ui"
import { FLOW_STATUS_COLORS, FLOW_STATUS_HELP, FLOW_STATUS_LABELS } from "../../lib/flow-status"
import type { FlowStatus } from "../../lib/flow-types"

/** A flow's status, with what it means on hover; `data-status` carries the raw value. */
export const FlowStatusBadge = ({ status }: { status: FlowStatus }) => (
  <Tooltip content={FLOW_STATUS_HELP[status] ?? status}>
    <StatusBadge color={FLOW_STATUS_COLORS[status] ?? "grey"} data-testid="flow-status-badge" data-status={status}>
      {FLOW_STATUS_LABELS[status] ?? status}
    </StatusBadge>
  </Tooltip>
)
