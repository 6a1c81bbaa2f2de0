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
  /** When the contact is suppressed: no email reaches them, whatever their consent. */
  suppressedAt?: string | Date | null
}

/**
 * Whether a contact may receive marketing email: "Suppressed" when no email
 * can reach them, whatever they consented to. `data-status` carries the raw
 * consent status so tests do not depend on the wording.
 */
export const ConsentBadge = ({ status, suppressedAt, ...props }: ConsentBadgeProps) => {
  const suppressed = !!suppressedAt
  return (
    <StatusBadge
      data-testid="consent-badge"
      data-status={status}
      data-suppressed={suppressed}
      color={suppressed ? "red" : CONSENT_COLORS[status] ?? "grey"}
      {...props}
    >
      {suppressed ? "Suppressed" : CONSENT_LABELS[status] ?? status}
    </StatusBadge>
  )
}
