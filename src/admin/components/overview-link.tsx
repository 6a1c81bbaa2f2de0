import { TriangleRightMini } from "@medusajs/icons"
import { IconBadge, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"

type OverviewLinkProps = {
  to: string
  icon: ReactNode
  title: string
  summary: ReactNode
  testId: string
}

/** One row of the Marketing overview: a page, and a line on what is in it. */
export const OverviewLink = ({
  to,
  icon,
  title,
  summary,
  testId,
}: OverviewLinkProps) => (
  <Link
    to={to}
    className="hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover transition-fg flex items-center gap-x-4 px-6 py-4 outline-none"
    data-testid={testId}
  >
    <IconBadge>{icon}</IconBadge>
    <div className="flex flex-1 flex-col">
      <Text size="small" leading="compact" weight="plus">
        {title}
      </Text>
      <Text
        as="div"
        size="small"
        leading="compact"
        className="text-ui-fg-subtle"
      >
        {summary}
      </Text>
    </div>
    <TriangleRightMini className="text-ui-fg-muted" />
  </Link>
)
