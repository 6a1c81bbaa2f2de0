import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Users } from "@medusajs/icons"
import {
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { BackfillControl } from "../../../components/backfill-control"
import { CONSENT_LABELS, ConsentBadge } from "../../../components/consent-badge"
import { RelativeTime } from "../../../components/relative-time"
import { useContacts } from "../../../hooks/api/contacts"
import {
  EMPTY_VALUE,
  formatCount,
  formatSpend,
  fullName,
  pluralize,
} from "../../../lib/format"
import {
  CONSENT_STATUSES,
  type ConsentStatus,
  type Contact,
} from "../../../lib/types"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<Contact>()

const columns = [
  columnHelper.accessor("email", {
    header: "Email",
    cell: ({ row }) => (
      <Link
        to={`/marketing/contacts/${row.original.id}`}
        className="text-ui-fg-base hover:text-ui-fg-interactive outline-none focus-visible:underline"
        // The row navigates too: one click must not navigate twice.
        onClick={(event) => event.stopPropagation()}
        data-testid="contact-row-email"
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
  columnHelper.accessor("consent_status", {
    header: "Consent",
    cell: ({ getValue, row }) => <ConsentBadge status={getValue()} suppressedAt={row.original.suppressed_at} />,
  }),
  columnHelper.accessor("orders_count", {
    header: "Orders",
    align: "right",
    cell: ({ getValue }) => formatCount(getValue()),
  }),
  columnHelper.accessor("total_spent", {
    header: "Total spent",
    align: "right",
    cell: ({ row }) =>
      formatSpend(row.original.total_spent, row.original.currency_code),
  }),
  columnHelper.accessor("last_order_at", {
    header: "Last order",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
  columnHelper.accessor("last_seen_at", {
    header: "Last seen",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
]

const filterHelper = createDataTableFilterHelper<Contact>()

const filters = [
  filterHelper.accessor("consent_status", {
    type: "multiselect",
    label: "Consent",
    searchable: false,
    options: CONSENT_STATUSES.map((status) => ({
      label: CONSENT_LABELS[status],
      value: status,
    })),
  }),
]

const toConsentFilter = (
  filtering: DataTableFilteringState
): ConsentStatus[] | undefined => {
  const value = filtering.consent_status
  const statuses = (Array.isArray(value) ? value : value ? [value] : []).filter(
    (status): status is ConsentStatus =>
      CONSENT_STATUSES.includes(status as ConsentStatus)
  )
  return statuses.length ? statuses : undefined
}

const ContactsPage = () => {
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })

  const query = useMemo(
    () => ({
      q: search.trim() || undefined,
      consent_status: toConsentFilter(filtering),
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
      order: "-created_at",
    }),
    [search, filtering, pagination]
  )

  const { contacts, count, isPending, isError, error } = useContacts(query, {
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  })

  const table = useDataTable({
    columns,
    data: contacts ?? [],
    getRowId: (contact) => contact.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    filters,
    search: {
      state: search,
      onSearchChange: setSearch,
    },
    filtering: {
      state: filtering,
      onFilteringChange: setFiltering,
    },
    pagination: {
      state: pagination,
      onPaginationChange: setPagination,
    },
    // The row is the table's row model, whose id is the contact id.
    onRowClick: (_, row) => navigate(`/marketing/contacts/${row.id}`),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h1">Contacts</Heading>
          <Text
            size="small"
            className="text-ui-fg-subtle"
            data-testid="contacts-count"
          >
            {isPending
              ? "Loading contacts…"
              : count === undefined
                ? EMPTY_VALUE
                : pluralize(count, "contact", "contacts")}
          </Text>
        </div>
        <BackfillControl />
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="contacts-error">
          <Text size="small" weight="plus">
            Contacts could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <div data-testid="contacts-table">
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex items-center justify-between gap-2">
              <DataTable.FilterMenu tooltip="Filter contacts" />
              <DataTable.Search placeholder="Search email or name" />
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No contacts yet",
                  description:
                    "Contacts appear when customers sign up, subscribe or order. Import existing customers to start.",
                },
                filtered: {
                  heading: "No matching contacts",
                  description: "Try another search or remove a filter.",
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
  label: "Contacts",
  icon: Users,
  rank: 1,
})

export const handle = {
  breadcrumb: () => "Contacts",
}

export default ContactsPage
