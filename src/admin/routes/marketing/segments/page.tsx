import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Plus } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { RelativeTime } from "../../../components/relative-time"
import { useSegments } from "../../../hooks/api/segments"
import { EMPTY_VALUE, formatCount, pluralize } from "../../../lib/format"
import type { Segment } from "../../../lib/segment-types"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<Segment>()

const columns = [
  columnHelper.accessor("name", {
    header: "Name",
    cell: ({ row }) => (
      <div className="flex min-w-0 flex-col py-2">
        <Link
          to={`/marketing/segments/${row.original.id}`}
          className="text-ui-fg-base hover:text-ui-fg-interactive truncate outline-none focus-visible:underline"
          // The row navigates too: one click must not navigate twice.
          onClick={(event) => event.stopPropagation()}
          data-testid="segment-row-name"
        >
          {row.original.name}
        </Link>
        {row.original.description && (
          <span className="text-ui-fg-subtle truncate">{row.original.description}</span>
        )}
      </div>
    ),
  }),
  columnHelper.accessor("member_count", {
    header: "Members",
    align: "right",
    cell: ({ getValue }) => <span data-testid="segment-row-count">{formatCount(getValue())}</span>,
  }),
  columnHelper.accessor("last_refreshed_at", {
    header: "Last refreshed",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
  columnHelper.accessor("sync_customer_group", {
    header: "Customer group",
    cell: ({ getValue }) =>
      getValue() ? (
        <Badge size="2xsmall" color="blue" data-testid="segment-row-synced">
          Synced
        </Badge>
      ) : (
        <span className="text-ui-fg-muted">{EMPTY_VALUE}</span>
      ),
  }),
]

const SegmentsPage = () => {
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })

  const query = useMemo(
    () => ({
      q: search.trim() || undefined,
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
      order: "name",
    }),
    [search, pagination]
  )

  const { segments, count, isPending, isError, error } = useSegments(query, {
    placeholderData: keepPreviousData,
  })

  const table = useDataTable({
    columns,
    data: segments ?? [],
    getRowId: (segment) => segment.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/marketing/segments/${row.id}`),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h1">Segments</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Groups of contacts defined by rules, kept up to date as they
            order, browse and read your emails.
          </Text>
          <Text size="small" className="text-ui-fg-muted" data-testid="segments-count">
            {isPending
              ? "Loading segments…"
              : count === undefined
                ? EMPTY_VALUE
                : pluralize(count, "segment", "segments")}
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <Link to="/marketing/segments/create" data-testid="create-segment">
            <Plus />
            Create segment
          </Link>
        </Button>
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="segments-error">
          <Text size="small" weight="plus">
            Segments could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <div data-testid="segments-table">
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex items-center justify-end gap-2">
              <DataTable.Search placeholder="Search segments" />
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No segments yet",
                  description:
                    "Create a segment to group contacts by what they bought, how they engage and what they agreed to.",
                },
                filtered: {
                  heading: "No matching segments",
                  description: "Try another search.",
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
  label: "Segments",
  // Between Contacts (1) and Templates (2): segments are built from contacts.
  rank: 1.5,
})

export const handle = {
  breadcrumb: () => "Segments",
}

export default SegmentsPage
