import { StatusBadge, Tooltip } from "@medusajs/ui"
import { CAMPAIGN_STATUS_COLORS, CAMPAIGN_STATUS_HELP, CAMPAIGN_STATUS_LABELS } from "../../lib/campaign-status"
import type { CampaignStatus } from "../../lib/campaign-types"

/** A campaign's status, with what it means on hover; `data-status` carries the raw value. */
export const CampaignStatusBadge = ({ status }: { status: CampaignStatus }) => (
  <Tooltip content={CAMPAIGN_STATUS_HELP[status] ?? status}>
    <StatusBadge
      color={CAMPAIGN_STATUS_COLORS[status] ?? "grey"}
      data-testid="campaign-status-badge"
      data-status={status}
    >
      {CAMPAIGN_STATUS_LABELS[status] ?? status}
    </StatusBadge>
  </Tooltip>
)
