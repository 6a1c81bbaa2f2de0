import { clx, Text } from "@medusajs/ui"
import {
  describeMessageEvent,
  EventTone,
  messageEventTone,
} from "../lib/message-events"
import type { MessageEvent } from "../lib/types"
import { RelativeTime } from "./relative-time"

const DOT_COLORS: Record<EventTone, string> = {
  green: "bg-ui-tag-green-icon",
  red: "bg-ui-tag-red-icon",
  orange: "bg-ui-tag-orange-icon",
  blue: "bg-ui-tag-blue-icon",
  grey: "bg-ui-tag-neutral-icon",
}

/**
 * What happened to a message after it was sent, in the order it happened,
 * drawn like the contact timeline.
 */
export const MessageEventsTimeline = ({
  events,
}: {
  /** Oldest first, as the API returns them. */
  events: MessageEvent[]
}) => {
  if (!events.length) {
    return (
      <Text
        size="small"
        leading="compact"
        className="text-ui-fg-subtle px-6 py-4"
        data-testid="message-events-empty"
      >
        No delivery events yet. Deliveries, opens, clicks and bounces appear
        here as they are reported.
      </Text>
    )
  }

  return (
    <ol
      className="flex flex-col px-6 py-4"
      data-testid="message-events"
      aria-label="Delivery events"
    >
      {events.map((event, index) => {
        const isLast = index === events.length - 1

        return (
          <li
            key={event.id}
            className="grid grid-cols-[20px_1fr] items-start gap-x-2"
            data-testid="message-event"
            data-event-type={event.type}
            data-machine={event.machine || undefined}
          >
            <div className="flex size-full flex-col items-center gap-y-0.5">
              <div className="flex size-5 items-center justify-center">
                <div className="bg-ui-bg-base shadow-borders-base flex size-2.5 items-center justify-center rounded-full">
                  <div
                    className={clx(
                      "size-1.5 rounded-full",
                      DOT_COLORS[messageEventTone(event)]
                    )}
                  />
                </div>
              </div>
              {!isLast && <div className="bg-ui-border-base w-px flex-1" />}
            </div>
            <div
              className={clx("flex items-start justify-between gap-x-4", {
                "pb-4": !isLast,
              })}
            >
              <Text
                size="small"
                leading="compact"
                weight="plus"
                className={clx("min-w-0 break-words", {
                  "text-ui-fg-subtle": event.machine,
                  "text-ui-fg-base": !event.machine,
                })}
                data-testid="message-event-label"
              >
                {describeMessageEvent(event)}
              </Text>
              <Text
                size="small"
                leading="compact"
                className="text-ui-fg-subtle shrink-0"
              >
                <RelativeTime date={event.occurred_at} />
              </Text>
            </div>
          </li>
        )
      })}
    </ol>
  )
}
