import {
  Alert,
  Container,
  Heading,
  Skeleton,
  Text,
} from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import { EmailPreview } from "../../../../components/email-preview"
import { Fact, FactsList } from "../../../../components/facts-list"
import { MessageEventsTimeline } from "../../../../components/message-events-timeline"
import { MessageStatusBadge } from "../../../../components/message-status-badge"
import { useMessage } from "../../../../hooks/api/messages"
import {
  EMPTY_VALUE,
  formatCount,
  formatDateTime,
  fullName,
} from "../../../../lib/format"
import { describeReason } from "../../../../lib/message-status"
import { describeGuardrailReason } from "../../../../../lib/delivery/reasons"
import type { MessageResponse, MessageWithDetails } from "../../../../lib/types"

const linkClass =
  "text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small"

const SummarySection = ({ message }: { message: MessageWithDetails }) => {
  const contactName = message.contact ? fullName(message.contact) : ""
  // A guardrail's reason is no error: the message did what the store's rules ask.
  const reason = describeGuardrailReason(message.last_error)
  const heldBack = reason && reason.charAt(0).toUpperCase() + reason.slice(1)
  const facts: Fact[] = [
    {
      id: "recipient",
      label: "Recipient",
      value: message.contact ? (
        <Link
          to={`/marketing/contacts/${message.contact.id}`}
          className={linkClass}
          data-testid="message-contact-link"
        >
          {contactName ? `${contactName} (${message.to_email})` : message.to_email}
        </Link>
      ) : (
        message.to_email
      ),
    },
    {
      id: "template",
      label: "Template",
      value: message.template ? (
        <Link
          to={`/marketing/templates/${message.template.id}`}
          className={linkClass}
          data-testid="message-template-link"
        >
          {message.template.name}, version {message.template.version}
        </Link>
      ) : (
        EMPTY_VALUE
      ),
    },
    {
      id: "reason",
      label: "Reason",
      value: describeReason(message.reason_type),
    },
    {
      id: "kind",
      label: "Kind",
      value: message.transactional
        ? "Transactional (sent without marketing consent)"
        : `Marketing${message.topic ? `, topic “${message.topic}”` : ""}`,
    },
    { id: "attempts", label: "Attempts", value: formatCount(message.attempts) },
    heldBack
      ? { id: "last-error", label: "Held back because", value: heldBack }
      : {
          id: "last-error",
          label: "Last error",
          value: message.last_error ? (
            <span className="text-ui-fg-error break-words">{message.last_error}</span>
          ) : (
            EMPTY_VALUE
          ),
        },
    { id: "created-at", label: "Queued", value: formatDateTime(message.created_at) },
  ]

  if (message.status === "queued") {
    facts.push({
      id: "send-after",
      label: "Goes out after",
      value: formatDateTime(message.send_after),
    })
  }
  facts.push(
    { id: "sent-at", label: "Sent", value: formatDateTime(message.sent_at) },
    {
      id: "delivered-at",
      label: "Delivered",
      value: formatDateTime(message.delivered_at),
    },
    { id: "opened-at", label: "Opened", value: formatDateTime(message.opened_at) },
    {
      id: "clicked-at",
      label: "Clicked",
      value: formatDateTime(message.clicked_at),
    },
    {
      id: "bounced-at",
      label: "Bounced",
      value: formatDateTime(message.bounced_at),
    }
  )

  return (
    <Container className="divide-y p-0" data-testid="message-summary">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="min-w-0">
          <Heading level="h1" className="break-words" data-testid="message-subject">
            {message.subject || "(no subject yet)"}
          </Heading>
          <Text size="small" className="text-ui-fg-subtle">
            To {message.to_email}
          </Text>
        </div>
        <MessageStatusBadge status={message.status} />
      </div>
      <FactsList facts={facts} />
    </Container>
  )
}

const RenderedSection = ({ data }: { data: MessageResponse }) => (
  <Container className="divide-y p-0" data-testid="message-rendered">
    <div className="px-6 py-4">
      <Heading level="h2">Email</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        As the recipient got it, rendered again from its template version.
        Links here are not tracked.
      </Text>
    </div>
    {data.rendered ? (
      <EmailPreview email={data.rendered} />
    ) : (
      <div className="px-6 py-4">
        <Alert variant={data.render_error ? "error" : "info"}>
          {data.render_error
            ? `The email cannot be shown: ${data.render_error}`
            : "The email cannot be shown: its contact's personal data was erased, or its template version is gone."}
        </Alert>
      </div>
    )}
  </Container>
)

const MessageDetailSkeleton = () => (
  <div
    className="flex flex-col gap-y-3"
    data-testid="message-loading"
    aria-busy="true"
  >
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Skeleton className="h-7 w-80" />
      </div>
      {Array.from({ length: 6 }, (_, row) => (
        <div key={row} className="grid grid-cols-2 px-6 py-4">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-5 w-40" />
        </div>
      ))}
    </Container>
  </div>
)

const MessageUnavailable = ({
  notFound,
  message,
}: {
  notFound: boolean
  message?: string
}) => (
  <Container className="px-6 py-8" data-testid="message-not-found" role="alert">
    <Heading level="h2">
      {notFound ? "Message not found" : "The message could not be loaded"}
    </Heading>
    <Text size="small" className="text-ui-fg-subtle mb-4">
      {notFound ? "The link may be wrong." : message}
    </Text>
    <Link to="/marketing/messages" className={`${linkClass} txt-compact-small-plus`}>
      Back to messages
    </Link>
  </Container>
)

/** The whole answer (message, rendered email, render error) for one id. */
const useMessageResponse = (id?: string) => {
  const { message, rendered, render_error, ...rest } = useMessage(id ?? "", {
    enabled: Boolean(id),
  })
  const data: MessageResponse | undefined = message
    ? { message, rendered: rendered ?? null, render_error: render_error ?? null }
    : undefined
  return { data, ...rest }
}

const MessageDetailPage = () => {
  const { id } = useParams<{ id: string }>()
  const { data, isPending, isError, error } = useMessageResponse(id)

  if (isError || !id) {
    return (
      <MessageUnavailable
        notFound={!id || error?.status === 404}
        message={error?.message}
      />
    )
  }

  if (isPending || !data) {
    return <MessageDetailSkeleton />
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="message-detail">
      <div className="flex w-full flex-col items-start gap-x-4 gap-y-3 xl:grid xl:grid-cols-[minmax(0,_1fr)_440px]">
        <div className="flex w-full min-w-0 flex-col gap-y-3">
          <SummarySection message={data.message} />
          <RenderedSection data={data} />
        </div>
        <Container className="w-full divide-y p-0" data-testid="message-events-section">
          <div className="px-6 py-4">
            <Heading level="h2">Delivery events</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Machine opens come from privacy proxies and scanners that fetch
              images, not from a person reading.
            </Text>
          </div>
          <MessageEventsTimeline events={data.message.events ?? []} />
        </Container>
      </div>
    </div>
  )
}

const MessageBreadcrumb = ({ id }: { id?: string }) => {
  const { message } = useMessage(id ?? "", { enabled: Boolean(id) })
  return <span>{message?.to_email ?? "Message"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <MessageBreadcrumb id={match.params.id} />,
}

export default MessageDetailPage
