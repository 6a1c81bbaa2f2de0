import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Plus } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  Text,
  Tooltip,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { CampaignStatusBadge } from "../../../components/campaigns/campaign-status-badge"
import { CampaignWizard } from "../../../components/campaigns/campaign-wizard"
import { useCampaigns } from "../../../hooks/api/campaigns"
import { useSegments } from "../../../hooks/api/segments"
import { formatRate, formatRevenue } from "../../../lib/campaign-results"
import { formatCampaignTime } from "../../../lib/campaign-schedule"
import { CAMPAIGN_STATUS_LABELS, campaignMoment, hasResults } from "../../../lib/campaign-status"
import { type Campaign, CAMPAIGN_STATUSES, type CampaignStats, type CampaignStatus } from "../../../lib/campaign-types"
import { EMPTY_VALUE, formatCount, pluralize } from "../../../lib/format"

const PAGE_SIZE = 20

type CampaignRow = Campaign & {
  /** The segments it goes to, by name. */
  audience: string
  totals?: CampaignStats
}

const columnHelper = createDataTableColumnHelper<CampaignRow>()

/** A figure of a started campaign; "-" before it starts. */
const Figure = ({ row, testId, value }: { row: CampaignRow; testId: string; value: (totals: CampaignStats) => string }) => {
  if (!hasResults(row) || !row.totals) {
    return <span className="text-ui-fg-muted">{EMPTY_VALUE}</span>
  }
  return <span data-testid={testId}>{value(row.totals)}</span>
}

const columns = [
  columnHelper.accessor("name", {
    header: "Name",
    cell: ({ row }) => (
      <div className="flex min-w-0 flex-col py-2">
        <Link
          to={`/marketing/campaigns/${row.original.id}`}
          className="text-ui-fg-base hover:text-ui-fg-interactive truncate outline-none focus-visible:underline"
          // The row navigates too: one click must not navigate twice.
          onClick={(event) => event.stopPropagation()}
          data-testid="campaign-row-name"
        >
          {row.original.name}
        </Link>
        {row.original.ab_test && (
          <span className="text-ui-fg-subtle">A/B test of {row.original.ab_test.variants.length} variants</span>
        )}
      </div>
    ),
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => <CampaignStatusBadge status={getValue()} />,
  }),
  columnHelper.accessor("audience", {
    header: "Audience",
    cell: ({ row }) =>
      row.original.audience_count !== null ? (
        <span data-testid="campaign-row-audience">{pluralize(row.original.audience_count, "contact", "contacts")}</span>
      ) : (
        <span className="block max-w-[220px] truncate" title={row.original.audience} data-testid="campaign-row-audience">
          {row.original.audience}
        </span>
      ),
  }),
  columnHelper.display({
    id: "sent",
    header: "Sent",
    cell: ({ row }) => <Figure row={row.original} testId="campaign-row-sent" value={(t) => formatCount(t.sent)} />,
  }),
  columnHelper.display({
    id: "open_rate",
    header: "Open rate",
    cell: ({ row }) => (
      <Figure row={row.original} testId="campaign-row-open-rate" value={(t) => formatRate(t.open_rate, t.sent)} />
    ),
  }),
  columnHelper.display({
    id: "click_rate",
    header: "Click rate",
    cell: ({ row }) => (
      <Figure row={row.original} testId="campaign-row-click-rate" value={(t) => formatRate(t.click_rate, t.sent)} />
    ),
  }),
  columnHelper.display({
    id: "revenue",
    header: "Revenue",
    cell: ({ row }) => <Figure row={row.original} testId="campaign-row-revenue" value={formatRevenue} />,
  }),
  columnHelper.display({
    id: "when",
    header: "When",
    cell: ({ row }) => {
      const moment = campaignMoment(row.original)
      if (!moment.at) {
        return <span className="text-ui-fg-muted">{EMPTY_VALUE}</span>
      }
      const time = formatCampaignTime(moment.at, moment.localTime)
      return (
        <Tooltip content={time}>
          <span className="block max-w-[240px] truncate" data-testid="campaign-row-when">
            {moment.label} {time}
          </span>
        </Tooltip>
      )
    },
  }),
]

const filterHelper = createDataTableFilterHelper<CampaignRow>()

const filters = [
  filterHelper.accessor("status", {
    type: "multiselect",
    label: "Status",
    searchable: false,
    options: CAMPAIGN_STATUSES.map((status) => ({ label: CAMPAIGN_STATUS_LABELS[status], value: status })),
  }),
]

const toStatuses = (value: unknown): CampaignStatus[] | undefined => {
  const list = (Array.isArray(value) ? value : value ? [value] : []).filter((status): status is CampaignStatus =>
    CAMPAIGN_STATUSES.includes(status as CampaignStatus)
  )
  return list.length ? list : undefined
}

const CampaignsPage = () => {
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })

  const query = useMemo(
    () => ({
      q: search.trim() || undefined,
      status: toStatuses(filtering.status),
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    }),
    [search, filtering, pagination]
  )

  const { campaigns, count, isPending, isError, error } = useCampaigns(query, { placeholderData: keepPreviousData })
  const { segments } = useSegments({ limit: 200, offset: 0, order: "name", fields: "id,name" })

  const rows = useMemo<CampaignRow[]>(() => {
    const names = new Map((segments ?? []).map((segment) => [segment.id, segment.name]))
    const named = (ids: string[] | null) => (ids ?? []).map((id) => names.get(id) ?? "deleted segment").join(", ")
    return (campaigns ?? []).map((campaign) => ({
      ...campaign,
      audience: campaign.exclude_segment_ids?.length
        ? `${named(campaign.segment_ids)}, leaving out ${named(campaign.exclude_segment_ids)}`
        : named(campaign.segment_ids),
      totals: campaign.results,
    }))
  }, [campaigns, segments])

  const table = useDataTable({
    columns,
    data: rows,
    getRowId: (campaign) => campaign.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    filters,
    search: { state: search, onSearchChange: setSearch },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/marketing/campaigns/${row.id}`),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h1">Campaigns</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            One-off emails to your segments: now, at a set time, or at the same hour in each contact's time zone, with an
            optional A/B test whose winner goes to everyone else.
          </Text>
          <Text size="small" className="text-ui-fg-muted" data-testid="campaigns-count">
            {isPending ? "Loading campaigns…" : count === undefined ? EMPTY_VALUE : pluralize(count, "campaign", "campaigns")}
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          className="shrink-0"
          onClick={() => setCreating(true)}
          data-testid="create-campaign"
        >
          <Plus />
          Create campaign
        </Button>
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="campaigns-error">
          <Text size="small" weight="plus">
            Campaigns could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <div data-testid="campaigns-table">
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex items-center justify-between gap-2">
              <DataTable.FilterMenu tooltip="Filter by status" />
              <DataTable.Search placeholder="Search campaigns" />
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No campaigns yet",
                  description: "Create a campaign to send an email to your segments, now or at a time you choose.",
                },
                filtered: {
                  heading: "No matching campaigns",
                  description: "Try another search or status.",
                },
              }}
            />
            <DataTable.Pagination />
          </DataTable>
        </div>
      )}
      <CampaignWizard
        open={creating}
        onOpenChange={setCreating}
        onDone={(campaign) => navigate(`/marketing/campaigns/${campaign.id}`)}
      />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Campaigns",
  // After Templates (2) and before Messages (3): campaigns send templates, and their emails show in Messages.
  rank: 2.5,
})

export const handle = {
  breadcrumb: () => "Campaigns",
}

export default CampaignsPage
