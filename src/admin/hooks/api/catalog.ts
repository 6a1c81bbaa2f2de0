import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"

export type CatalogKind = "product" | "category"

export type CatalogItem = { id: string; title: string }

/** Medusa's own admin routes for each kind, and the field that names an item. */
const SOURCES: Record<CatalogKind, { path: string; list: string; name: "title" | "name" }> = {
  product: { path: "/admin/products", list: "products", name: "title" },
  category: { path: "/admin/product-categories", list: "product_categories", name: "name" },
}

const SEARCH_LIMIT = 8

const fetchItems = async (kind: CatalogKind, query: Record<string, unknown>): Promise<CatalogItem[]> => {
  const source = SOURCES[kind]
  const response = await sdk.client.fetch<Record<string, Record<string, string>[]>>(source.path, {
    query: { ...query, fields: `id,${source.name}` },
  })
  return (response[source.list] ?? []).map((row) => ({ id: row.id, title: row[source.name] ?? row.id }))
}

export const catalogQueryKeys = {
  all: ["marketing", "catalog"] as const,
  search: (kind: CatalogKind, q: string) => [...catalogQueryKeys.all, kind, "search", q] as const,
  named: (kind: CatalogKind, ids: string[]) => [...catalogQueryKeys.all, kind, "named", ids] as const,
}

/** Products or categories whose name matches what the merchant typed. */
export const useCatalogSearch = (kind: CatalogKind, q: string) =>
  useQuery({
    queryKey: catalogQueryKeys.search(kind, q),
    queryFn: () => fetchItems(kind, { q, limit: SEARCH_LIMIT }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  })

/** The names of chosen products or categories; an id the store no longer has is missing from the map. */
export const useCatalogNames = (kind: CatalogKind, ids: string[]) =>
  useQuery({
    queryKey: catalogQueryKeys.named(kind, [...ids].sort()),
    queryFn: async () => new Map((await fetchItems(kind, { id: ids, limit: ids.length })).map((item) => [item.id, item.title])),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  })
