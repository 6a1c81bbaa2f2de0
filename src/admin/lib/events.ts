import { formatAmount, pluralize } from "./format"
import type { ContactEvent } from "./types"

const readNumber = (data: ContactEvent["data"], key: string) => {
  const value = data?.[key]
  if (value === null || value === undefined || value === "") {
    return null
  }
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}

const readString = (data: ContactEvent["data"], key: string) => {
  const value = data?.[key]
  return typeof value === "string" || typeof value === "number"
    ? String(value)
    : null
}

const orderRef = (data: ContactEvent["data"]) => {
  const displayId = readString(data, "display_id")
  return displayId ? `order #${displayId}` : "order"
}

const withAmount = (
  label: string,
  data: ContactEvent["data"],
  key: string
) => {
  const amount = readNumber(data, key)
  if (amount === null) {
    return label
  }
  return `${label} · ${formatAmount(amount, readString(data, "currency_code"))}`
}

const cartLabel = (verb: string, data: ContactEvent["data"]) => {
  const items = readNumber(data, "item_count")
  return items === null
    ? `${verb} cart`
    : `${verb} cart with ${pluralize(items, "item", "items")}`
}

/** "review_written" → "Review written", for types other plugins record. */
const humanize = (type: string) => {
  const words = type.replace(/[._-]+/g, " ").trim()
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Activity"
}

/**
 * The sentence a merchandiser reads for one timeline entry, e.g.
 * "Placed order #12 · €45.00" or "Abandoned cart with 2 items".
 */
export const describeEvent = (event: Pick<ContactEvent, "type" | "data">) => {
  const { data } = event

  switch (event.type) {
    case "signed_up":
      return "Signed up"
    case "subscribed":
      return "Subscribed"
    case "unsubscribed":
      return "Unsubscribed"
    case "cart_updated":
      return cartLabel("Updated", data)
    case "cart_abandoned":
      return cartLabel("Abandoned", data)
    case "order_placed":
      return withAmount(`Placed ${orderRef(data)}`, data, "total")
    case "order_canceled":
      return withAmount(`Canceled ${orderRef(data)}`, data, "total")
    case "order_fulfilled": {
      const ref = orderRef(data)
      return `${ref.charAt(0).toUpperCase()}${ref.slice(1)} fulfilled`
    }
    case "refund": {
      const amount = readNumber(data, "amount")
      const label =
        amount === null
          ? "Refunded"
          : `Refunded ${formatAmount(amount, readString(data, "currency_code"))}`
      const displayId = readString(data, "display_id")
      return displayId ? `${label} on order #${displayId}` : label
    }
    case "erased":
      return "Personal data erased"
    default:
      return humanize(event.type)
  }
}

type EventTone = "green" | "red" | "orange" | "blue" | "grey"

/** The colour of the entry's dot on the timeline. */
export const eventTone = (type: ContactEvent["type"]): EventTone => {
  switch (type) {
    case "order_placed":
    case "order_fulfilled":
    case "subscribed":
      return "green"
    case "unsubscribed":
    case "order_canceled":
    case "refund":
    case "erased":
      return "red"
    case "cart_abandoned":
      return "orange"
    case "signed_up":
    case "cart_updated":
      return "blue"
    default:
      return "grey"
  }
}
