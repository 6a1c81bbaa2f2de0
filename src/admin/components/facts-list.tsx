import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

export type Fact = {
  /** Stable key; the value gets `data-testid="fact-<id>"`. */
  id: string
  label: string
  value: ReactNode
}

/**
 * Label/value rows laid out like the admin's own detail sections.
 */
export const FactsList = ({ facts }: { facts: Fact[] }) => {
  return (
    <dl className="divide-y">
      {facts.map((fact) => (
        <div
          key={fact.id}
          className="text-ui-fg-subtle grid grid-cols-2 items-start gap-x-4 px-6 py-4"
        >
          <dt>
            <Text size="small" leading="compact" weight="plus">
              {fact.label}
            </Text>
          </dt>
          <dd
            data-testid={`fact-${fact.id}`}
            className="txt-compact-small min-w-0 break-words"
          >
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  )
}
