import { Container, Heading, Text } from "@medusajs/ui"
import type { TopEarner } from "../../hooks/api/overview"
import { formatAmount, pluralize } from "../../lib/format"

/** The flows or campaigns that earned most this month, best first. */
export const TopEarners = ({
  title,
  kind,
  entries,
  testId,
}: {
  title: string
  /** "flow" or "campaign", for the empty state and deleted ones. */
  kind: string
  entries: TopEarner[]
  testId: string
}) => (
  <Container className="divide-y p-0" data-testid={testId}>
    <div className="px-6 py-4">
      <Heading level="h2">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        By revenue attributed this month.
      </Text>
    </div>
    {entries.length === 0 ? (
      <Text size="small" className="text-ui-fg-muted px-6 py-4">
        No {kind} has earned an order this month yet.
      </Text>
    ) : (
      <ol className="divide-y">
        {entries.map((entry) => (
          <li
            key={`${entry.id}:${entry.currency_code}`}
            className="flex items-center justify-between gap-x-4 px-6 py-3"
            data-testid={`${testId}-entry`}
          >
            <div className="flex min-w-0 flex-col">
              <Text size="small" weight="plus" className="truncate" data-testid={`${testId}-name`}>
                {entry.name ?? `Deleted ${kind}`}
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {pluralize(entry.conversions, "order", "orders")}
              </Text>
            </div>
            <Text size="small" weight="plus" data-testid={`${testId}-revenue`}>
              {formatAmount(entry.revenue, entry.currency_code)}
            </Text>
          </li>
        ))}
      </ol>
    )}
  </Container>
)
