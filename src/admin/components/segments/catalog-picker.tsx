import { XMarkMini } from "@medusajs/icons"
import { Badge, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { useCatalogNames, useCatalogSearch, type CatalogKind } from "../../hooks/api/catalog"
import { useDebouncedValue } from "../../hooks/use-debounced-value"

const SEARCH_DELAY_MS = 250

/** What an id of each kind looks like, so a pasted id can be added as it is. */
const ID_PATTERNS: Record<CatalogKind, RegExp> = {
  product: /^prod_[A-Za-z0-9]+$/,
  category: /^pcat_[A-Za-z0-9]+$/,
}

const NOUNS: Record<CatalogKind, string> = { product: "products", category: "categories" }

type CatalogPickerProps = {
  id: string
  kind: CatalogKind
  value: string[]
  onChange: (ids: string[]) => void
  "data-testid"?: string
}

/**
 * Chooses products or categories by name from the store's catalogue, as a
 * search with the matches listed under it; an id pasted in is taken as it
 * is. The chosen ones show by name, and one the store no longer has shows
 * by its id so it can be taken out.
 */
export const CatalogPicker = ({ id, kind, value, onChange, ...rest }: CatalogPickerProps) => {
  const testId = rest["data-testid"] ?? id
  const [text, setText] = useState("")
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS)
  const search = useCatalogSearch(kind, ID_PATTERNS[kind].test(q) ? "" : q)
  const names = useCatalogNames(kind, value)
  const typedId = ID_PATTERNS[kind].test(text.trim()) ? text.trim() : null

  const add = (itemId: string) => {
    if (!value.includes(itemId)) {
      onChange([...value, itemId])
    }
    setText("")
  }
  const matches = (search.data ?? []).filter((item) => !value.includes(item.id))
  const open = text.trim().length > 0

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-y-1.5" data-testid={testId}>
      {value.length > 0 && (
        <div className="flex flex-wrap gap-1" data-testid={`${testId}-chosen`}>
          {value.map((itemId) => {
            const title = names.data?.get(itemId)
            return (
              <Badge key={itemId} size="2xsmall" className="gap-x-1" data-testid={`${testId}-item`} data-id={itemId}>
                <span className={title ? undefined : "font-mono"}>{title ?? itemId}</span>
                <button
                  type="button"
                  className="text-ui-fg-muted hover:text-ui-fg-base"
                  aria-label={`Remove ${title ?? itemId}`}
                  onClick={() => onChange(value.filter((chosen) => chosen !== itemId))}
                >
                  <XMarkMini />
                </button>
              </Badge>
            )
          })}
        </div>
      )}
      <Input
        id={id}
        size="small"
        type="search"
        value={text}
        placeholder={`Search ${NOUNS[kind]} or paste an id`}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault()
            const first = typedId ?? matches[0]?.id
            if (first) {
              add(first)
            }
          }
        }}
        aria-controls={`${id}-matches`}
        aria-expanded={open}
        data-testid={`${testId}-search`}
      />
      {open && (
        <ul
          id={`${id}-matches`}
          role="listbox"
          aria-label={`Matching ${NOUNS[kind]}`}
          className="shadow-elevation-flyout bg-ui-bg-base flex flex-col rounded-md p-1"
        >
          {typedId && !value.includes(typedId) && (
            <li role="option" aria-selected={false}>
              <button type="button" className="hover:bg-ui-bg-base-hover w-full rounded px-2 py-1 text-left" onClick={() => add(typedId)}>
                <Text size="small">
                  Add id <span className="font-mono">{typedId}</span>
                </Text>
              </button>
            </li>
          )}
          {!typedId &&
            matches.map((item) => (
              <li key={item.id} role="option" aria-selected={false}>
                <button
                  type="button"
                  className="hover:bg-ui-bg-base-hover w-full rounded px-2 py-1 text-left"
                  onClick={() => add(item.id)}
                  data-testid={`${testId}-match`}
                >
                  <Text size="small">{item.title}</Text>
                </button>
              </li>
            ))}
          {!typedId && !matches.length && (
            <li className="px-2 py-1">
              <Text size="small" className="text-ui-fg-muted">
                {search.isFetching || q !== text.trim() ? "Searching…" : `No ${NOUNS[kind]} match “${text.trim()}”.`}
              </Text>
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
