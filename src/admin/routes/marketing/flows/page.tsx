import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  Skeleton,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { CreateFlowDrawer } from "../../../components/flows/create-flow-drawer"
import { FlowStatusBadge } from "../../../components/flows/flow-status-badge"
import { RelativeTime } from "../../../components/relative-time"
import { useFlowCatalog, useFlowRunCounts, useFlows } from "../../../hooks/api/flows"
import { useSegments } from "../../../hooks/api/segments"
import { draftFromDefinition } from "../../../lib/flow-draft"
import { FLOW_STATUS_LABELS } from "../../../lib/flow-status"
import { triggerSummary, type FlowLookups } from "../../../lib/flow-summary"
import { FLOW_STATUSES, type Flow, type FlowStatus, type RunCounts } from "../../../lib/flow-types"
import { EMPTY_VALUE, formatCount, pluralize } from "../../../lib/format"

const PAGE_SIZE = 20
/** Segments named in trigger summaries; a store rarely has more. */
const SEGMENT_OPTIONS = 200

type FlowRow = Flow & { trigger: string; counts?: RunCounts }

const columnHelper = createDataTableColumnHelper<FlowRow>()

const Count = ({ value, testId }: { value?: number; testId: string }) =>
  value === undefined ? <Skeleton className="inline-block h-3 w-6" /> : <span data-testid={testId}>{formatCount(value)}</span>

const columns = [
  columnHelper.accessor("name", {
    header: "Name",
    cell: ({ row }) => (
      <div className="flex min-w-0 max-w-[360px] flex-col py-2">
        <Link
          to={`/marketing/flows/${row.original.id}`}
          className="text-ui-fg-base hover:text-ui-fg-interactive truncate outline-none focus-visible:underline"
          // The row navigates too: one click must not navigate twice.
          onClick={(event) => event.stopPropagation()}
          data-testid="flow-row-name"
        >
          {row.original.name}
        </Link>
        {row.original.description && <span className="text-ui-fg-subtle truncate">{row.original.description}</span>}
      </div>
    ),
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => <FlowStatusBadge status={getValue()} />,
  }),
  columnHelper.accessor("trigger", {
    header: "Trigger",
    cell: ({ getValue }) => (
      <span className="block max-w-[240px] truncate" title={getValue()} data-testid="flow-row-trigger">
        {getValue()}
      </span>
    ),
  }),
  columnHelper.display({
    id: "entered",
    header: "Entered",
    cell: ({ row }) => <Count value={row.original.counts?.entered} testId="flow-row-entered" />,
  }),
  columnHelper.display({
    id: "converted",
    header: "Converted",
    cell: ({ row }) => <Count value={row.original.counts?.converted} testId="flow-row-converted" />,
  }),
  columnHelper.accessor("created_at", {
    header: "Created",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
]

const filterHelper = createDataTableFilterHelper<FlowRow>()

const filters = [
  filterHelper.accessor("status", {
    type: "radio",
    label: "Status",
    options: FLOW_STATUSES.map((status) => ({ label: FLOW_STATUS_LABELS[status], value: status })),
  }),
]

const FlowsPage = () => {
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })

  const query = useMemo(() => {
    const status = filtering.status
    return {
      q: search.trim() || undefined,
      status: typeof status === "string" && FLOW_STATUSES.includes(status as FlowStatus) ? (status as FlowStatus) : undefined,
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    }
  }, [search, filtering, pagination])

  const { flows, count, isPending, isError, error } = useFlows(query, { placeholderData: keepPreviousData })
  const { triggers } = useFlowCatalog()
  const { segments } = useSegments({ limit: SEGMENT_OPTIONS, offset: 0, fields: "id,name" })
  const counts = useFlowRunCounts((flows ?? []).map((flow) => flow.id))

  const rows = useMemo<FlowRow[]>(() => {
    const lookups: FlowLookups = {
      triggers: new Map((triggers ?? []).map((trigger) => [trigger.event, trigger])),
      segments: new Map((segments ?? []).map((segment) => [segment.id, segment.name])),
    }
    return (flows ?? []).map((flow) => ({
      ...flow,
      trigger: triggerSummary(draftFromDefinition(flow.definition).trigger, lookups),
      counts: counts.get(flow.id),
    }))
  }, [flows, triggers, segments, counts])

  const table = useDataTable({
    columns,
    data: rows,
    getRowId: (flow) => flow.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    filters,
    search: { state: search, onSearchChange: setSearch },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/marketing/flows/${row.id}`),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h1">Flows</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Automated sequences: a welcome series, abandoned-cart reminders, win-back and birthday emails, each run
            per contact from its trigger.
          </Text>
          <Text size="small" className="text-ui-fg-muted" data-testid="flows-count">
            {isPending ? "Loading flows…" : count === undefined ? EMPTY_VALUE : pluralize(count, "flow", "flows")}
          </Text>
        </div>
        <CreateFlowDrawer />
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="flows-error">
          <Text size="small" weight="plus">
            Flows could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <div data-testid="flows-table">
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex items-center justify-between gap-2">
              <DataTable.FilterMenu tooltip="Filter by status" />
              <DataTable.Search placeholder="Search flows" />
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No flows yet",
                  description: "Create a flow to greet new customers, remind abandoned carts or win back lapsed buyers.",
                },
                filtered: {
                  heading: "No matching flows",
                  description: "Try another search or status.",
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
  label: "Flows",
  // After Segments (1.5) and before Templates (2): flows send templates to segments' contacts.
  rank: 1.8,
})

export const handle = {
  breadcrumb: () => "Flows",
}

export default FlowsPage
