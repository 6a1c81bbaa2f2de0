import { StatusBadge, Tooltip } from "@medusajs/ui"
import {
  MESSAGE_STATUS_COLORS,
  MESSAGE_STATUS_HELP,
  MESSAGE_STATUS_LABELS,
} from "../lib/message-status"
import type { MessageStatus } from "../lib/types"

/**
 * A message's outcome, with what it means on hover. `data-status` carries
 * the raw status so tests do not depend on the wording.
 */
export const MessageStatusBadge = ({ status }: { status: MessageStatus }) => (
  <Tooltip content={MESSAGE_STATUS_HELP[status] ?? status}>
    <StatusBadge
      color={MESSAGE_STATUS_COLORS[status] ?? "grey"}
      data-testid="message-status-badge"
      data-status={status}
    >
      {MESSAGE_STATUS_LABELS[status] ?? status}
    </StatusBadge>
  </Tooltip>
)
