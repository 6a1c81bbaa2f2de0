import { ArrowUpRightOnBox } from "@medusajs/icons"
import {
  Alert,
  Container,
  Heading,
  Skeleton,
  StatusBadge,
  Text,
} from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import {
  CONSENT_LABELS,
  ConsentBadge,
} from "../../../../components/consent-badge"
import { ContactScores } from "../../../../components/contact-scores"
import { Fact, FactsList } from "../../../../components/facts-list"
import { RelativeTime } from "../../../../components/relative-time"
import { Timeline } from "../../../../components/timeline"
import { useContact } from "../../../../hooks/api/contacts"
import {
  EMPTY_VALUE,
  formatAmount,
  formatCount,
  formatDate,
  formatDateTime,
  formatSpend,
  fullName,
} from "../../../../lib/format"
import type { Contact, ContactWithEvents } from "../../../../lib/types"

/** The detail route returns at most this many events. */
const EVENTS_SHOWN = 50

const DateWithRelative = ({ date }: { date?: string | null }) => {
  if (!date) {
    return <>{EMPTY_VALUE}</>
  }
  return (
    <span>
      {formatDate(date)}{" "}
      <span className="text-ui-fg-muted">
        (<RelativeTime date={date} />)
      </span>
    </span>
  )
}

const otherCurrencySpend = (contact: Contact) => {
  const main = contact.currency_code?.toLowerCase()
  return Object.entries(contact.spent_by_currency ?? {}).filter(
    ([currency]) => currency.toLowerCase() !== main
  )
}

const GeneralSection = ({ contact }: { contact: Contact }) => {
  const facts: Fact[] = [
    { id: "name", label: "Name", value: fullName(contact) || EMPTY_VALUE },
    { id: "phone", label: "Phone", value: contact.phone || EMPTY_VALUE },
    { id: "locale", label: "Locale", value: contact.locale || EMPTY_VALUE },
    {
      id: "timezone",
      label: "Timezone",
      value: contact.timezone || EMPTY_VALUE,
    },
    {
      id: "customer",
      label: "Customer account",
      value: contact.customer_id ? (
        <Link
          to={`/customers/${contact.customer_id}`}
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover inline-flex items-center gap-x-1"
          data-testid="contact-customer-link"
        >
          View customer
          <ArrowUpRightOnBox />
        </Link>
      ) : (
        "No account"
      ),
    },
    {
      id: "created-at",
      label: "Contact since",
      value: formatDateTime(contact.created_at),
    },
  ]

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Heading
          level="h1"
          className="min-w-0 break-all"
          data-testid="contact-email"
        >
          {contact.email}
        </Heading>
        <div className="flex shrink-0 items-center gap-x-2">
          {contact.suppressed_at && (
            <StatusBadge color="red" data-testid="suppressed-badge">
              Suppressed
            </StatusBadge>
          )}
          <ConsentBadge status={contact.consent_status} />
        </div>
      </div>
      <FactsList facts={facts} />
    </Container>
  )
}

const ConsentSection = ({ contact }: { contact: Contact }) => {
  const facts: Fact[] = [
    {
      id: "consent-status",
      label: "Status",
      value: CONSENT_LABELS[contact.consent_status] ?? contact.consent_status,
    },
    {
      id: "consent-source",
      label: "Source",
      value: contact.consent_source || EMPTY_VALUE,
    },
    {
      id: "consent-at",
      label: "When",
      value: formatDateTime(contact.consent_at),
    },
    {
      id: "consent-ip",
      label: "IP address",
      value: contact.consent_ip || EMPTY_VALUE,
    },
    {
      id: "consent-text",
      label: "Consent text shown",
      value: contact.consent_text ? (
        <blockquote className="border-ui-border-strong whitespace-pre-wrap border-l-2 pl-2 italic">
          {contact.consent_text}
        </blockquote>
      ) : (
        EMPTY_VALUE
      ),
    },
  ]

  if (contact.suppressed_at || contact.suppression_reason) {
    facts.push(
      {
        id: "suppression-reason",
        label: "Suppression reason",
        value: contact.suppression_reason || EMPTY_VALUE,
      },
      {
        id: "suppressed-at",
        label: "Suppressed",
        value: formatDateTime(contact.suppressed_at),
      }
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="contact-consent-section">
      <div className="px-6 py-4">
        <Heading level="h2">Consent</Heading>
      </div>
      <FactsList facts={facts} />
    </Container>
  )
}

const ProfileSection = ({ contact }: { contact: Contact }) => {
  const otherSpend = otherCurrencySpend(contact)

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
      id: "average-order-value",
      label: "Average order value",
      value: formatSpend(contact.average_order_value, contact.currency_code),
    },
    {
      id: "first-order-at",
      label: "First order",
      value: <DateWithRelative date={contact.first_order_at} />,
    },
    {
      id: "last-order-at",
      label: "Last order",
      value: <DateWithRelative date={contact.last_order_at} />,
    },
    {
      id: "last-seen-at",
      label: "Last seen",
      value: <DateWithRelative date={contact.last_seen_at} />,
    },
    {
      id: "last-cart-at",
      label: "Last cart activity",
      value: <DateWithRelative date={contact.last_cart_at} />,
    },
    {
      id: "products-count",
      label: "Products bought",
      value: formatCount(contact.product_ids?.length ?? 0),
    },
    {
      id: "categories-count",
      label: "Categories bought from",
      value: formatCount(contact.category_ids?.length ?? 0),
    },
    {
      id: "other-currencies",
      label: "Spend in other currencies",
      value: otherSpend.length ? (
        <ul>
          {otherSpend.map(([currency, amount]) => (
            <li key={currency}>{formatAmount(amount, currency)}</li>
          ))}
        </ul>
      ) : (
        EMPTY_VALUE
      ),
    },
  ]

  return (
    <Container className="divide-y p-0" data-testid="contact-profile-section">
      <div className="px-6 py-4">
        <Heading level="h2">Profile</Heading>
      </div>
      <FactsList facts={facts} />
    </Container>
  )
}

const TimelineSection = ({ contact }: { contact: ContactWithEvents }) => {
  const events = contact.events ?? []

  return (
    <Container className="divide-y p-0" data-testid="contact-timeline-section">
      <div className="px-6 py-4">
        <Heading level="h2">Timeline</Heading>
        {events.length >= EVENTS_SHOWN && (
          <Text size="small" className="text-ui-fg-subtle">
            Showing the latest {EVENTS_SHOWN} events.
          </Text>
        )}
      </div>
      <Timeline events={events} />
    </Container>
  )
}

const ErasedNotice = ({ erasedAt }: { erasedAt: string }) => (
  <Alert variant="warning" data-testid="contact-erased-notice">
    This contact was erased on {formatDateTime(erasedAt)}. Their personal data
    has been removed.
  </Alert>
)

const ContactDetailSkeleton = () => (
  <div
    className="flex flex-col gap-y-3"
    data-testid="contact-loading"
    aria-busy="true"
  >
    {[4, 6].map((rows, index) => (
      <Container key={index} className="divide-y p-0">
        <div className="px-6 py-4">
          <Skeleton className="h-7 w-64" />
        </div>
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="grid grid-cols-2 px-6 py-4">
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-5 w-32" />
          </div>
        ))}
      </Container>
    ))}
  </div>
)

const ContactUnavailable = ({
  notFound,
  message,
}: {
  notFound: boolean
  message?: string
}) => (
  <Container
    className="px-6 py-8"
    data-testid="contact-not-found"
    role="alert"
  >
    <Heading level="h2">
      {notFound ? "Contact not found" : "The contact could not be loaded"}
    </Heading>
    <Text size="small" className="text-ui-fg-subtle mb-4">
      {notFound ? "It may have been removed, or the link is wrong." : message}
    </Text>
    <Link
      to="/marketing/contacts"
      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
    >
      Back to contacts
    </Link>
  </Container>
)

const ContactDetailPage = () => {
  const { id } = useParams<{ id: string }>()
  const { contact, isPending, isError, error } = useContact(id ?? "", {
    enabled: Boolean(id),
  })

  if (isError || !id) {
    return (
      <ContactUnavailable
        notFound={!id || error?.status === 404}
        message={error?.message}
      />
    )
  }

  if (isPending || !contact) {
    return <ContactDetailSkeleton />
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="contact-detail">
      {contact.erased_at && <ErasedNotice erasedAt={contact.erased_at} />}
      <div className="flex w-full flex-col items-start gap-x-4 gap-y-3 xl:grid xl:grid-cols-[minmax(0,_1fr)_440px]">
        <div className="flex w-full min-w-0 flex-col gap-y-3">
          <GeneralSection contact={contact} />
          <TimelineSection contact={contact} />
        </div>
        <div className="flex w-full flex-col gap-y-3">
          <ConsentSection contact={contact} />
          <ProfileSection contact={contact} />
          <ContactScores contact={contact} />
        </div>
      </div>
    </div>
  )
}

const ContactBreadcrumb = ({ id }: { id?: string }) => {
  const { contact } = useContact(id ?? "", { enabled: Boolean(id) })
  return <span>{contact?.email ?? "Contact"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <ContactBreadcrumb id={match.params.id} />,
}

export default ContactDetailPage
