import type { MessageEvent } from "./types"

export type EventTone = "green" | "red" | "orange" | "blue" | "grey"

const withDetail = (label: string, detail?: string | null) =>
  detail ? `${label}: ${detail}` : label

/**
 * The sentence a merchandiser reads for one delivery event. Opens and
 * clicks made by a privacy proxy or a link scanner are named as such, so
 * nobody takes them for a person's interest.
 */
export const describeMessageEvent = (event: MessageEvent): string => {
  switch (event.type) {
    case "delivered":
      return "Delivered"
    case "opened":
      return event.machine
        ? "Machine open (privacy proxy or scanner)"
        : "Opened"
    case "clicked":
      return withDetail(
        event.machine ? "Machine click (link scanner)" : "Clicked",
        event.url
      )
    case "bounced": {
      const kind =
        event.bounce_type === "hard"
          ? "Bounced (permanent)"
          : event.bounce_type === "soft"
            ? "Bounced (temporary)"
            : "Bounced"
      return withDetail(kind, event.reason)
    }
    case "complained":
      return "Marked as spam"
    case "unsubscribed":
      return "Unsubscribed"
    case "deferred":
      return withDetail("Delivery delayed", event.reason)
    default:
      return withDetail(String(event.type), event.reason)
  }
}

export const messageEventTone = (event: MessageEvent): EventTone => {
  if (event.machine) {
    return "grey"
  }
  switch (event.type) {
    case "delivered":
    case "opened":
    case "clicked":
      return "green"
    case "bounced":
    case "complained":
    case "unsubscribed":
      return "red"
    case "deferred":
      return "orange"
    default:
      return "grey"
  }
}
