import { clx, Text } from "@medusajs/ui"
import { describeEvent, eventTone } from "../lib/events"
import type { ContactEvent } from "../lib/types"
import { RelativeTime } from "./relative-time"

const DOT_COLORS: Record<ReturnType<typeof eventTone>, string> = {
  green: "bg-ui-tag-green-icon",
  red: "bg-ui-tag-red-icon",
  orange: "bg-ui-tag-orange-icon",
  blue: "bg-ui-tag-blue-icon",
  grey: "bg-ui-tag-neutral-icon",
}

type TimelineProps = {
  /** Newest first, as the API returns them. */
  events: ContactEvent[]
  emptyText?: string
  className?: string
}

/**
 * A contact's activity, newest first, in the style of the order activity
 * section: a dot per entry on a vertical line, the label and its time.
 */
export const Timeline = ({
  events,
  emptyText = "No activity recorded yet",
  className,
}: TimelineProps) => {
  if (!events.length) {
    return (
      <div className={clx("px-6 py-4", className)}>
        <Text
          size="small"
          leading="compact"
          className="text-ui-fg-subtle"
          data-testid="timeline-empty"
        >
          {emptyText}
        </Text>
      </div>
    )
  }

  return (
    <ol
      className={clx("flex flex-col px-6 py-4", className)}
      data-testid="timeline"
      aria-label="Activity timeline"
    >
      {events.map((event, index) => {
        const isLast = index === events.length - 1

        return (
          <li
            key={event.id}
            className="grid grid-cols-[20px_1fr] items-start gap-x-2"
            data-testid="timeline-entry"
            data-event-type={event.type}
          >
            <div className="flex size-full flex-col items-center gap-y-0.5">
              <div className="flex size-5 items-center justify-center">
                <div className="bg-ui-bg-base shadow-borders-base flex size-2.5 items-center justify-center rounded-full">
                  <div
                    className={clx(
                      "size-1.5 rounded-full",
                      DOT_COLORS[eventTone(event.type)]
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
                className="text-ui-fg-base"
                data-testid="timeline-entry-label"
              >
                {describeEvent(event)}
              </Text>
              <Text
                size="small"
                leading="compact"
                className="text-ui-fg-subtle shrink-0"
                data-testid="timeline-entry-time"
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
