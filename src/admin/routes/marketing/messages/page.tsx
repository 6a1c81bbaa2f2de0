import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CheckMini } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  Input,
  Label,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { MessageStatusBadge } from "../../../components/message-status-badge"
import { RelativeTime } from "../../../components/relative-time"
import { useMessages } from "../../../hooks/api/messages"
import { useTemplates } from "../../../hooks/api/templates"
import { dayRangeToIso } from "../../../lib/date-range"
import { EMPTY_VALUE, pluralize } from "../../../lib/format"
import {
  describeReason,
  MESSAGE_STATUS_LABELS,
} from "../../../lib/message-status"
import {
  type Message,
  MESSAGE_STATUSES,
  type MessageStatus,
} from "../../../lib/types"

const PAGE_SIZE = 20
/** Templates offered in the filter; a store rarely has more. */
const TEMPLATE_OPTIONS = 100

const Tick = ({ at, label }: { at: string | null; label: string }) =>
  at ? (
    <span
      className="text-ui-tag-green-icon inline-flex"
      role="img"
      aria-label={`${label}`}
      title={`${label} ${new Date(at).toLocaleString()}`}
      data-testid={`message-${label.toLowerCase()}`}
    >
      <CheckMini />
    </span>
  ) : (
    <span className="text-ui-fg-muted" aria-label={`Not ${label.toLowerCase()}`}>
      {EMPTY_VALUE}
    </span>
  )

const columnHelper = createDataTableColumnHelper<Message>()

const columns = [
  columnHelper.accessor("to_email", {
    header: "Recipient",
    cell: ({ row }) => (
      <Link
        to={`/marketing/messages/${row.original.id}`}
        className="text-ui-fg-base hover:text-ui-fg-interactive outline-none focus-visible:underline"
        onClick={(event) => event.stopPropagation()}
        data-testid="message-row-recipient"
      >
        {row.original.to_email}
      </Link>
    ),
  }),
  columnHelper.accessor("subject", {
    header: "Subject",
    cell: ({ getValue }) => (
      <span className="block max-w-[280px] truncate" title={getValue() ?? ""}>
        {getValue() || EMPTY_VALUE}
      </span>
    ),
  }),
  columnHelper.accessor("template", {
    header: "Template",
    cell: ({ getValue }) => {
      const template = getValue()
      return template ? `${template.name} v${template.version}` : EMPTY_VALUE
    },
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => <MessageStatusBadge status={getValue()} />,
  }),
  columnHelper.accessor("reason_type", {
    header: "Reason",
    cell: ({ getValue }) => describeReason(getValue()),
  }),
  columnHelper.accessor("sent_at", {
    header: "Sent",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
  columnHelper.accessor("opened_at", {
    header: "Opened",
    align: "center",
    cell: ({ getValue }) => <Tick at={getValue()} label="Opened" />,
  }),
  columnHelper.accessor("clicked_at", {
    header: "Clicked",
    align: "center",
    cell: ({ getValue }) => <Tick at={getValue()} label="Clicked" />,
  }),
]

const filterHelper = createDataTableFilterHelper<Message>()

const statusFilter = filterHelper.accessor("status", {
  type: "multiselect",
  label: "Status",
  searchable: false,
  options: MESSAGE_STATUSES.map((status) => ({
    label: MESSAGE_STATUS_LABELS[status],
    value: status,
  })),
})

const toStatuses = (value: unknown): MessageStatus[] | undefined => {
  const list = (Array.isArray(value) ? value : value ? [value] : []).filter(
    (status): status is MessageStatus =>
      MESSAGE_STATUSES.includes(status as MessageStatus)
  )
  return list.length ? list : undefined
}

const MessagesPage = () => {
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const [search, setSearch] = useState("")
  // A link from a template opens the log filtered to it.
  const [filtering, setFiltering] = useState<DataTableFilteringState>(() => {
    const templateId = searchParams.get("template_id")
    return templateId ? { template: templateId } : {}
  })
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })

  const { templates } = useTemplates({ limit: TEMPLATE_OPTIONS, order: "name" })
  const filters = useMemo(
    () => [
      statusFilter,
      filterHelper.accessor("template", {
        type: "radio",
        label: "Template",
        options: (templates ?? []).map((template) => ({
          label: template.name,
          value: template.id,
        })),
      }),
    ],
    [templates]
  )

  const query = useMemo(() => {
    const template = filtering.template
    return {
      q: search.trim() || undefined,
      status: toStatuses(filtering.status),
      template_id: typeof template === "string" && template ? template : undefined,
      ...dayRangeToIso(from, to),
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    }
  }, [search, filtering, from, to, pagination])

  const { messages, count, isPending, isError, error } = useMessages(query, {
    placeholderData: keepPreviousData,
  })

  const table = useDataTable({
    columns,
    data: messages ?? [],
    getRowId: (message) => message.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    filters,
    search: { state: search, onSearchChange: setSearch },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/marketing/messages/${row.id}`),
  })

  const changeDay = (set: (value: string) => void) => (value: string) => {
    set(value)
    setPagination((current) => ({ ...current, pageIndex: 0 }))
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">Messages</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Every email the store sent or tried to send, with what happened to
          it. Select one to see it as it was sent.
        </Text>
        <Text size="small" className="text-ui-fg-muted" data-testid="messages-count">
          {isPending
            ? "Loading messages…"
            : count === undefined
              ? EMPTY_VALUE
              : pluralize(count, "message", "messages")}
        </Text>
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="messages-error">
          <Text size="small" weight="plus">
            Messages could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <div data-testid="messages-table">
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
              <DataTable.FilterMenu tooltip="Filter by status or template" />
              <div className="flex flex-wrap items-center gap-2">
                <div className="flex items-center gap-x-2">
                  <Label htmlFor="messages-from" size="small" className="text-ui-fg-subtle">
                    From
                  </Label>
                  <Input
                    id="messages-from"
                    type="date"
                    size="small"
                    value={from}
                    max={to || undefined}
                    onChange={(event) => changeDay(setFrom)(event.target.value)}
                    data-testid="messages-from"
                  />
                  <Label htmlFor="messages-to" size="small" className="text-ui-fg-subtle">
                    To
                  </Label>
                  <Input
                    id="messages-to"
                    type="date"
                    size="small"
                    value={to}
                    min={from || undefined}
                    onChange={(event) => changeDay(setTo)(event.target.value)}
                    data-testid="messages-to"
                  />
                  {(from || to) && (
                    <Button
                      size="small"
                      variant="transparent"
                      onClick={() => {
                        changeDay(setFrom)("")
                        setTo("")
                      }}
                    >
                      Any date
                    </Button>
                  )}
                </div>
                <DataTable.Search placeholder="Search recipient email" />
              </div>
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                // The table counts only its own search and filters as filtering, not the dates beside it.
                empty:
                  from || to
                    ? {
                        heading: "No messages in these dates",
                        description: "Choose other dates, or Any date to see every message.",
                      }
                    : {
                        heading: "No emails sent yet",
                        description:
                          "Emails appear here as soon as a flow, a campaign or a test send queues them.",
                      },
                filtered: {
                  heading: "No matching messages",
                  description: "Try another search, date range or filter.",
                },
              }}
            />
            <DataTable.Pagination />
          </DataTable>
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Messages",
  rank: 3,
})

export const handle = {
  breadcrumb: () => "Messages",
}

export default MessagesPage
