import { ArrowDownTray } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  Heading,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { useExportSegmentCsv, useSegmentMembers } from "../../hooks/api/segments"
import { EMPTY_VALUE, formatCount, formatSpend, fullName, pluralize } from "../../lib/format"
import type { Segment, SegmentMember } from "../../lib/segment-types"
import { RelativeTime } from "../relative-time"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<SegmentMember>()

const columns = [
  columnHelper.accessor("email", {
    header: "Email",
    cell: ({ row }) => (
      <Link
        to={`/marketing/contacts/${row.original.id}`}
        className="text-ui-fg-base hover:text-ui-fg-interactive outline-none focus-visible:underline"
        // The row navigates too: one click must not navigate twice.
        onClick={(event) => event.stopPropagation()}
        data-testid="segment-member-email"
      >
        {row.original.email}
      </Link>
    ),
  }),
  columnHelper.display({
    id: "name",
    header: "Name",
    cell: ({ row }) => fullName(row.original) || EMPTY_VALUE,
  }),
  columnHelper.accessor("orders_count", {
    header: "Orders",
    align: "right",
    cell: ({ getValue }) => formatCount(getValue()),
  }),
  columnHelper.accessor("total_spent", {
    header: "Spent",
    align: "right",
    cell: ({ row }) => formatSpend(row.original.total_spent, row.original.currency_code),
  }),
  columnHelper.accessor("entered_at", {
    header: "Member since",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
]

const ExportButton = ({ segment }: { segment: Segment }) => {
  const { mutate, isPending } = useExportSegmentCsv(segment.id)

  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={isPending}
      disabled={segment.member_count === 0}
      onClick={() =>
        mutate(undefined, {
          onSuccess: (filename) => toast.success("Export downloaded", { description: filename }),
          onError: (error) => toast.error("The export failed", { description: error.message }),
        })
      }
      data-testid="segment-export-csv"
    >
      <ArrowDownTray />
      Export CSV
    </Button>
  )
}

/** The segment's current members, newest first, and the CSV of all of them. */
export const SegmentMembers = ({ segment }: { segment: Segment }) => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const { members, count, isPending, isError, error } = useSegmentMembers(
    segment.id,
    { limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize },
    { placeholderData: keepPreviousData }
  )

  const table = useDataTable({
    columns,
    data: members ?? [],
    getRowId: (member) => member.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/marketing/contacts/${row.id}`),
  })

  return (
    <Container className="divide-y p-0" data-testid="segment-members">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row md:items-center">
        <div>
          <Heading level="h2">Members</Heading>
          <Text size="small" className="text-ui-fg-subtle" data-testid="segment-members-count">
            {isPending
              ? "Loading members…"
              : count === undefined
                ? EMPTY_VALUE
                : pluralize(count, "member", "members")}
          </Text>
        </div>
        <ExportButton segment={segment} />
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="segment-members-error">
          <Text size="small" weight="plus">
            Members could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Table
            emptyState={{
              empty: {
                heading: "No members yet",
                description:
                  "Contacts join as soon as they match the rules; the preview shows who would match now.",
              },
            }}
          />
          <DataTable.Pagination />
        </DataTable>
      )}
    </Container>
  )
}
