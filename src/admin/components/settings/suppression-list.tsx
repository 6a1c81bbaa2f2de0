import { Trash } from "@medusajs/icons"
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
  usePrompt,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import {
  useRemoveSuppression,
  useSuppressions,
} from "../../hooks/api/suppressions"
import { EMPTY_VALUE, formatCount, fullName, pluralize } from "../../lib/format"
import type { SuppressedContact } from "../../lib/types"
import { RelativeTime } from "../relative-time"
import { AddSuppressionsDrawer } from "./add-suppressions-drawer"

const PAGE_SIZE = 20

/** Reasons the plugin records, as a merchant would say them. */
const REASON_LABELS: Record<string, string> = {
  manual: "Added by hand",
  hard_bounce: "Address does not exist (hard bounce)",
  soft_bounces: "Kept bouncing (soft bounces)",
  complaint: "Marked an email as spam",
}

const describeReason = (reason: string | null) =>
  reason ? (REASON_LABELS[reason] ?? reason) : EMPTY_VALUE

const RemoveButton = ({ contact }: { contact: SuppressedContact }) => {
  const prompt = usePrompt()
  const { mutateAsync, isPending } = useRemoveSuppression()

  const remove = async () => {
    const confirmed = await prompt({
      title: "Remove from the suppression list?",
      description: `${contact.email} can get email again. Marketing email still needs their consent.`,
      confirmText: "Remove",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      await mutateAsync(contact.id)
      toast.success("Removed from the suppression list", {
        description: contact.email,
      })
    } catch (error) {
      toast.error("Could not remove the address", {
        description: (error as Error).message,
      })
    }
  }

  return (
    <Button
      size="small"
      variant="transparent"
      onClick={(event) => {
        event.stopPropagation()
        void remove()
      }}
      isLoading={isPending}
      aria-label={`Remove ${contact.email} from the suppression list`}
      data-testid="suppression-remove"
    >
      <Trash />
      Remove
    </Button>
  )
}

const columnHelper = createDataTableColumnHelper<SuppressedContact>()

const columns = [
  columnHelper.accessor("email", {
    header: "Email",
    cell: ({ row }) => (
      <Link
        to={`/marketing/contacts/${row.original.id}`}
        className="text-ui-fg-base hover:text-ui-fg-interactive outline-none focus-visible:underline"
        data-testid="suppression-email"
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
  columnHelper.accessor("suppression_reason", {
    header: "Reason",
    cell: ({ getValue }) => describeReason(getValue()),
  }),
  columnHelper.accessor("soft_bounces", {
    header: "Soft bounces",
    align: "right",
    cell: ({ getValue }) => formatCount(getValue()),
  }),
  columnHelper.accessor("suppressed_at", {
    header: "Since",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
  columnHelper.display({
    id: "actions",
    header: "",
    cell: ({ row }) => (
      <div className="flex justify-end">
        <RemoveButton contact={row.original} />
      </div>
    ),
  }),
]

/**
 * Addresses nothing is sent to: hard bounces, spam complaints, repeated
 * soft bounces, and whoever a merchant adds by hand.
 */
export const SuppressionList = () => {
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
    }),
    [search, pagination]
  )
  const { contacts, count, isPending, isError, error } = useSuppressions(query, {
    placeholderData: keepPreviousData,
  })

  const table = useDataTable({
    columns,
    data: contacts ?? [],
    getRowId: (contact) => contact.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="suppression-list">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h2">Suppression list</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Addresses that get no email at all. Hard bounces and spam
            complaints land here by themselves, so your sender reputation
            stays good.
          </Text>
          <Text
            size="small"
            className="text-ui-fg-muted"
            data-testid="suppressions-count"
          >
            {isPending
              ? "Loading…"
              : count === undefined
                ? EMPTY_VALUE
                : pluralize(count, "suppressed address", "suppressed addresses")}
          </Text>
        </div>
        <AddSuppressionsDrawer />
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert">
          <Text size="small" weight="plus">
            The suppression list could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex items-center justify-end gap-2">
            <DataTable.Search placeholder="Search email or name" />
          </DataTable.Toolbar>
          <DataTable.Table
            emptyState={{
              empty: {
                heading: "Nobody is suppressed",
                description:
                  "Addresses that bounce hard or report spam appear here. You can add addresses by hand too.",
              },
              filtered: {
                heading: "No matching addresses",
                description: "Try another search.",
              },
            }}
          />
          <DataTable.Pagination />
        </DataTable>
      )}
    </Container>
  )
}
