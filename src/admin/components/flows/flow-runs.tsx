import {
  Badge,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  StatusBadge,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { useFlowRuns } from "../../hooks/api/flows"
import { EMPTY_VALUE, pluralize } from "../../lib/format"
import { describeRunEnd, RUN_STATUS_COLORS, RUN_STATUS_LABELS } from "../../lib/flow-status"
import { FLOW_RUN_STATUSES, type FlowRun, type FlowRunStatus } from "../../lib/flow-types"
import { RelativeTime } from "../relative-time"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<FlowRun>()

/** Why a run stopped, or what went wrong: the reason a merchant looks a run up for. */
const reasonOf = (run: FlowRun) =>
  run.status === "failed" ? (run.last_error ?? describeRunEnd(run.exit_reason)) : describeRunEnd(run.exit_reason)

const columns = [
  columnHelper.accessor("email", {
    header: "Contact",
    cell: ({ row }) => (
      <Link
        to={`/marketing/contacts/${row.original.contact_id}`}
        className="text-ui-fg-base hover:text-ui-fg-interactive outline-none focus-visible:underline"
        data-testid="flow-run-contact"
      >
        {row.original.email ?? row.original.contact_id}
      </Link>
    ),
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ row }) => (
      <div className="flex items-center gap-x-1">
        <StatusBadge color={RUN_STATUS_COLORS[row.original.status] ?? "grey"} data-testid="flow-run-status" data-status={row.original.status}>
          {RUN_STATUS_LABELS[row.original.status] ?? row.original.status}
        </StatusBadge>
        {row.original.holdout && (
          <Badge size="2xsmall" title="Kept out to measure the flow: nothing was done to this contact.">
            Holdout
          </Badge>
        )}
        {row.original.converted_at && (
          <Badge size="2xsmall" color="green">
            Converted
          </Badge>
        )}
      </div>
    ),
  }),
  columnHelper.accessor("current_step", {
    header: "Step",
    cell: ({ getValue }) => <span className="font-mono">{getValue() ?? EMPTY_VALUE}</span>,
  }),
  columnHelper.accessor("entered_at", {
    header: "Entered",
    cell: ({ getValue }) => <RelativeTime date={getValue()} />,
  }),
  columnHelper.accessor("finished_at", {
    header: "Ended / wakes",
    cell: ({ row }) => <RelativeTime date={row.original.finished_at ?? row.original.wake_at} />,
  }),
  columnHelper.display({
    id: "reason",
    header: "Reason",
    cell: ({ row }) => {
      const reason = reasonOf(row.original)
      return reason ? (
        <span
          className={row.original.status === "failed" ? "text-ui-fg-error whitespace-normal break-words" : "whitespace-normal break-words"}
          data-testid="flow-run-reason"
        >
          {reason}
          {row.original.status === "failed" && row.original.failures > 1 ? ` (${row.original.failures} attempts)` : ""}
        </span>
      ) : (
        <span className="text-ui-fg-muted">{EMPTY_VALUE}</span>
      )
    },
  }),
]

const filterHelper = createDataTableFilterHelper<FlowRun>()

const filters = [
  filterHelper.accessor("status", {
    type: "radio",
    label: "Status",
    options: FLOW_RUN_STATUSES.map((status) => ({ label: RUN_STATUS_LABELS[status], value: status })),
  }),
]

/** Every contact's pass through the flow, newest first, with where it is and why it ended. */
export const FlowRuns = ({ flowId }: { flowId: string }) => {
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })

  const query = useMemo(() => {
    const status = filtering.status
    return {
      status: typeof status === "string" && FLOW_RUN_STATUSES.includes(status as FlowRunStatus) ? (status as FlowRunStatus) : undefined,
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    }
  }, [filtering, pagination])

  const { runs, count, isPending, isError, error } = useFlowRuns(flowId, query, { placeholderData: keepPreviousData })

  const table = useDataTable({
    columns,
    data: runs ?? [],
    getRowId: (run) => run.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    filters,
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="flow-runs">
      <div className="px-6 py-4">
        <Heading level="h2">Runs</Heading>
        <Text size="small" className="text-ui-fg-muted" data-testid="flow-runs-count">
          {isPending ? "Loading runs…" : count === undefined ? EMPTY_VALUE : pluralize(count, "run", "runs")}
        </Text>
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert">
          <Text size="small" weight="plus">
            Runs could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex items-center justify-between gap-2">
            <DataTable.FilterMenu tooltip="Filter by status" />
          </DataTable.Toolbar>
          <DataTable.Table
            emptyState={{
              empty: {
                heading: "No runs yet",
                description: "A run starts when a contact enters the active flow.",
              },
              filtered: {
                heading: "No runs with this status",
                description: "Try another status.",
              },
            }}
          />
          <DataTable.Pagination />
        </DataTable>
      )}
    </Container>
  )
}
