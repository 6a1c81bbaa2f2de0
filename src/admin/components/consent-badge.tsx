import { StatusBadge } from "@medusajs/ui"
import type { ComponentPropsWithoutRef } from "react"
import type { ConsentStatus } from "../lib/types"

type BadgeColor = "green" | "red" | "orange" | "grey"

export const CONSENT_LABELS: Record<ConsentStatus, string> = {
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
  pending: "Pending",
  never: "Never subscribed",
}

const CONSENT_COLORS: Record<ConsentStatus, BadgeColor> = {
  subscribed: "green",
  unsubscribed: "red",
  pending: "orange",
  never: "grey",
}

type ConsentBadgeProps = Omit<
  ComponentPropsWithoutRef<typeof StatusBadge>,
  "color" | "children"
> & {
  status: ConsentStatus
}

/**
 * Whether a contact may receive marketing email. `data-status` carries the
 * raw status so tests do not depend on the wording.
 */
export const ConsentBadge = ({ status, ...props }: ConsentBadgeProps) => {
  return (
    <StatusBadge
      data-testid="consent-badge"
      data-status={status}
      color={CONSENT_COLORS[status] ?? "grey"}
      {...props}
    >
      {CONSENT_LABELS[status] ?? status}
    </StatusBadge>
  )
}
