import { Tooltip } from "@medusajs/ui"
import { EMPTY_VALUE, formatDateTime, formatRelative } from "../lib/format"

/**
 * "3 hours ago", with the exact date and time on hover and in the
 * `dateTime` attribute.
 */
export const RelativeTime = ({ date }: { date?: string | null }) => {
  if (!date) {
    return <span>{EMPTY_VALUE}</span>
  }

  const absolute = formatDateTime(date)

  return (
    <Tooltip content={absolute}>
      <time dateTime={date}>
        {formatRelative(date)}
      </time>
    </Tooltip>
  )
}
