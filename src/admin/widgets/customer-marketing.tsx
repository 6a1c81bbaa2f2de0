import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type {
  AdminCustomer,
  DetailWidgetProps,
} from "@medusajs/framework/types"
import { TriangleRightMini } from "@medusajs/icons"
import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ConsentBadge } from "../components/consent-badge"
import { Fact, FactsList } from "../components/facts-list"
import { RelativeTime } from "../components/relative-time"
import { Timeline } from "../components/timeline"
import { useContact, useContacts } from "../hooks/api/contacts"
import { ContactScores } from "../components/contact-scores"
import { formatCount, formatSpend } from "../lib/format"
import type { Contact } from "../lib/types"

/** How many timeline entries the customer page shows. */
const RECENT_EVENTS = 5

const RecentActivity = ({ contactId }: { contactId: string }) => {
  const { contact, isPending, isError } = useContact(contactId)

  if (isPending) {
    return (
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-full" />
      </div>
    )
  }

  if (isError || !contact) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        Recent activity could not be loaded.
      </Text>
    )
  }

  return (
    <>
      <Timeline events={(contact.events ?? []).slice(0, RECENT_EVENTS)} />
      <ContactScores contact={contact} embedded />
    </>
  )
}

const ContactSummary = ({ contact }: { contact: Contact }) => {
  const facts: Fact[] = [
    {
      id: "orders-count",
      label: "Orders",
      value: formatCount(contact.orders_count),
    },
    {
      id: "total-spent",
      label: "Total spent",
      value: formatSpend(contact.total_spent, contact.currency_code),
    },
    {
      id: "last-order-at",
      label: "Last order",
      value: <RelativeTime date={contact.last_order_at} />,
    },
    {
      id: "last-seen-at",
      label: "Last seen",
      value: <RelativeTime date={contact.last_seen_at} />,
    },
  ]

  return (
    <>
      <FactsList facts={facts} />
      <div>
        <div className="px-6 pt-4">
          <Text size="small" leading="compact" weight="plus">
            Recent activity
          </Text>
        </div>
        <RecentActivity contactId={contact.id} />
      </div>
      <Link
        to={`/marketing/contacts/${contact.id}`}
        className="hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover transition-fg txt-compact-small-plus text-ui-fg-interactive flex items-center justify-between px-6 py-4 outline-none"
        data-testid="customer-marketing-profile-link"
      >
        View marketing profile
        <TriangleRightMini className="text-ui-fg-muted" />
      </Link>
    </>
  )
}

const CustomerMarketingWidget = ({
  data,
}: DetailWidgetProps<AdminCustomer>) => {
  const { contacts, isPending, isError } = useContacts({
    customer_id: data.id,
    limit: 1,
  })
  const contact = contacts?.[0]

  return (
    <Container
      className="divide-y p-0"
      data-testid="customer-marketing-widget"
    >
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Marketing</Heading>
        {contact && <ConsentBadge status={contact.consent_status} suppressedAt={contact.suppressed_at} />}
      </div>
      {isPending ? (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-5 w-2/3" />
        </div>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Marketing data could not be loaded.
        </Text>
      ) : contact ? (
        <ContactSummary contact={contact} />
      ) : (
        <Text
          size="small"
          className="text-ui-fg-subtle px-6 py-4"
          data-testid="customer-marketing-empty"
        >
          No marketing activity recorded yet
        </Text>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
  // Keeps a merchant's placement of the widget if this file is renamed.
  id: "marketing-automation:customer-marketing",
})

export default CustomerMarketingWidget
