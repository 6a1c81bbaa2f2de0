import { CheckMini } from "@medusajs/icons"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { RecentSend } from "../../hooks/api/overview"
import { EMPTY_VALUE } from "../../lib/format"
import { describeReason } from "../../lib/message-status"
import { RelativeTime } from "../relative-time"

const Done = ({ at, label }: { at: string | null; label: string }) =>
  at ? (
    <span className="text-ui-tag-green-icon inline-flex" role="img" aria-label={label}>
      <CheckMini />
    </span>
  ) : (
    <span className="text-ui-fg-muted" aria-label={`Not ${label.toLowerCase()}`}>
      {EMPTY_VALUE}
    </span>
  )

/** What sent it: the flow's or campaign's name, with the step or variant. */
const origin = (send: RecentSend) => {
  const name = send.reason_name ?? describeReason(send.reason_type)
  const detail = send.variant ? `variant ${send.variant}` : send.reason_step
  return detail ? `${name} · ${detail}` : name
}

/** The latest marketing emails that went out. */
export const RecentSends = ({ sends }: { sends: RecentSend[] }) => (
  <Container className="divide-y p-0" data-testid="overview-recent-sends">
    <div className="flex items-center justify-between px-6 py-4">
      <div>
        <Heading level="h2">Recent sends</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The latest marketing emails and what their recipients did.
        </Text>
      </div>
      <Link
        to="/marketing/messages"
        className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover outline-none focus-visible:underline"
      >
        All messages
      </Link>
    </div>
    {sends.length === 0 ? (
      <Text size="small" className="text-ui-fg-muted px-6 py-4">
        No marketing email has been sent yet.
      </Text>
    ) : (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Recipient</Table.HeaderCell>
            <Table.HeaderCell>Subject</Table.HeaderCell>
            <Table.HeaderCell>From</Table.HeaderCell>
            <Table.HeaderCell>Sent</Table.HeaderCell>
            <Table.HeaderCell className="text-center">Opened</Table.HeaderCell>
            <Table.HeaderCell className="text-center">Clicked</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {sends.map((send) => (
            <Table.Row key={send.id} data-testid="overview-recent-send">
              <Table.Cell>
                <Link
                  to={`/marketing/messages/${send.id}`}
                  className="text-ui-fg-base hover:text-ui-fg-interactive outline-none focus-visible:underline"
                >
                  {send.to_email}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <span className="block max-w-[240px] truncate" title={send.subject ?? ""}>
                  {send.subject || EMPTY_VALUE}
                </span>
              </Table.Cell>
              <Table.Cell>
                <span className="block max-w-[220px] truncate">{origin(send)}</span>
              </Table.Cell>
              <Table.Cell>
                <RelativeTime date={send.sent_at} />
              </Table.Cell>
              <Table.Cell className="text-center">
                <Done at={send.opened_at} label="Opened" />
              </Table.Cell>
              <Table.Cell className="text-center">
                <Done at={send.clicked_at} label="Clicked" />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    )}
  </Container>
)
