import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Badge,
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
import { CreateTemplateDrawer } from "../../../components/create-template-drawer"
import { RelativeTime } from "../../../components/relative-time"
import { useSettings } from "../../../hooks/api/settings"
import { useTemplates } from "../../../hooks/api/templates"
import { EMPTY_VALUE, pluralize } from "../../../lib/format"
import type { Template } from "../../../lib/types"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<Template>()

const useColumns = () => {
  const { settings } = useSettings()

  return useMemo(() => {
    const topicNames = new Map(
      (settings?.topics ?? []).map((topic) => [topic.key, topic.name])
    )
    return [
      columnHelper.accessor("name", {
        header: "Name",
        cell: ({ row }) => (
          <div className="flex min-w-0 flex-col py-2">
            <Link
              to={`/marketing/templates/${row.original.id}`}
              className="text-ui-fg-base hover:text-ui-fg-interactive truncate outline-none focus-visible:underline"
              // The row navigates too: one click must not navigate twice.
              onClick={(event) => event.stopPropagation()}
              data-testid="template-row-name"
            >
              {row.original.name}
            </Link>
            {row.original.description && (
              <span className="text-ui-fg-subtle truncate">
                {row.original.description}
              </span>
            )}
          </div>
        ),
      }),
      columnHelper.accessor("transactional", {
        header: "Type",
        cell: ({ getValue }) => (
          <Badge size="2xsmall" color={getValue() ? "blue" : "grey"}>
            {getValue() ? "Transactional" : "Marketing"}
          </Badge>
        ),
      }),
      columnHelper.accessor("topic", {
        header: "Topic",
        cell: ({ getValue }) => {
          const topic = getValue()
          return topic ? (topicNames.get(topic) ?? topic) : EMPTY_VALUE
        },
      }),
      columnHelper.accessor("latest_version", {
        header: "Version",
        cell: ({ getValue }) => `v${getValue()}`,
      }),
      columnHelper.accessor("updated_at", {
        header: "Last edited",
        cell: ({ getValue }) => <RelativeTime date={getValue()} />,
      }),
    ]
  }, [settings?.topics])
}

const TemplatesPage = () => {
  const navigate = useNavigate()
  const columns = useColumns()
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
      order: "-updated_at",
    }),
    [search, pagination]
  )

  const { templates, count, isPending, isError, error } = useTemplates(query, {
    placeholderData: keepPreviousData,
  })

  const table = useDataTable({
    columns,
    data: templates ?? [],
    getRowId: (template) => template.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/marketing/templates/${row.id}`),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h1">Templates</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The emails your flows and campaigns send. Each save keeps a
            version, so sent emails always show what went out.
          </Text>
          <Text
            size="small"
            className="text-ui-fg-muted"
            data-testid="templates-count"
          >
            {isPending
              ? "Loading templates…"
              : count === undefined
                ? EMPTY_VALUE
                : pluralize(count, "template", "templates")}
          </Text>
        </div>
        <CreateTemplateDrawer />
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert" data-testid="templates-error">
          <Text size="small" weight="plus">
            Templates could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : (
        <div data-testid="templates-table">
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex items-center justify-end gap-2">
              <DataTable.Search placeholder="Search templates" />
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No templates yet",
                  description:
                    "Create a template to write your first email. The starter templates (welcome, abandoned cart and more) are added shortly after the store first starts.",
                },
                filtered: {
                  heading: "No matching templates",
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
  label: "Templates",
  rank: 2,
})

export const handle = {
  breadcrumb: () => "Templates",
}

export default TemplatesPage
