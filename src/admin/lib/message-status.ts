import type { MessageStatus } from "./types"

export type StatusColor = "green" | "red" | "orange" | "blue" | "grey"

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  suppressed: "Suppressed",
  skipped: "Skipped",
}

export const MESSAGE_STATUS_COLORS: Record<MessageStatus, StatusColor> = {
  queued: "blue",
  sending: "orange",
  sent: "green",
  failed: "red",
  suppressed: "red",
  skipped: "grey",
}

/** What each status means, for the badge's tooltip. */
export const MESSAGE_STATUS_HELP: Record<MessageStatus, string> = {
  queued: "Waiting to be sent (for example until quiet hours end).",
  sending: "Being handed to the email provider right now.",
  sent: "Accepted by the email provider.",
  failed: "The email provider refused it, or every retry failed.",
  suppressed: "Not sent: the address is on the suppression list.",
  skipped:
    "Not sent: no marketing consent, the topic was unsubscribed, or the frequency cap was reached.",
}

const REASON_LABELS: Record<string, string> = {
  test: "Test send",
  double_opt_in: "Subscription confirmation",
  flow_step: "Flow",
  campaign: "Campaign",
}

/** "flow_step" → "Flow"; unknown reasons read as words. */
export const describeReason = (reasonType: string): string => {
  const known = REASON_LABELS[reasonType]
  if (known) {
    return known
  }
  const words = reasonType.replace(/[._-]+/g, " ").trim()
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Other"
}
