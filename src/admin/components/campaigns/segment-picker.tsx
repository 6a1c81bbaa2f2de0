import { Checkbox, Input, Label, Skeleton, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { pluralize } from "../../lib/format"
import type { Segment } from "../../lib/segment-types"

/** Below this many segments a search field only gets in the way. */
const SEARCH_FROM = 8

type SegmentPickerProps = {
  id: string
  segments?: Pick<Segment, "id" | "name" | "member_count">[]
  isLoading: boolean
  selected: string[]
  /** Chosen in the other list: a segment cannot be both sent to and left out. */
  unavailable: string[]
  unavailableHint: string
  onChange: (ids: string[]) => void
}

/**
 * A checklist of segments with their member counts. A chosen segment that
 * no longer exists stays listed by its id, so it can be taken out.
 */
export const SegmentPicker = ({
  id,
  segments,
  isLoading,
  selected,
  unavailable,
  unavailableHint,
  onChange,
}: SegmentPickerProps) => {
  const [search, setSearch] = useState("")
  const options = useMemo(() => {
    const known = segments ?? []
    const knownIds = new Set(known.map((segment) => segment.id))
    const missing = selected.filter((segmentId) => !knownIds.has(segmentId))
    const term = search.trim().toLowerCase()
    return [
      ...missing.map((segmentId) => ({ id: segmentId, name: `Deleted segment (${segmentId})`, member_count: null })),
      ...known.filter((segment) => !term || segment.name.toLowerCase().includes(term)),
    ]
  }, [segments, selected, search])

  if (isLoading) {
    return (
      <div className="flex flex-col gap-y-2" aria-busy="true">
        <Skeleton className="h-7 w-full" />
        <Skeleton className="h-7 w-full" />
      </div>
    )
  }

  const toggle = (segmentId: string, checked: boolean) =>
    onChange(checked ? [...selected, segmentId] : selected.filter((chosen) => chosen !== segmentId))

  return (
    <div className="flex flex-col gap-y-2" data-testid={id}>
      {(segments?.length ?? 0) >= SEARCH_FROM && (
        <Input
          size="small"
          type="search"
          placeholder="Search segments"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-label="Search segments"
        />
      )}
      {!segments?.length && !options.length ? (
        <Text size="small" className="text-ui-fg-muted">
          No segments yet: create one under Segments first.
        </Text>
      ) : (
        <ul className="shadow-borders-base divide-y rounded-lg" role="list">
          {options.map((segment) => {
            const checked = selected.includes(segment.id)
            const disabled = !checked && unavailable.includes(segment.id)
            const inputId = `${id}-${segment.id}`
            return (
              <li
                key={segment.id}
                className="flex items-center gap-x-3 px-3 py-2"
                data-testid={`${id}-option`}
                data-segment-id={segment.id}
              >
                <Checkbox
                  id={inputId}
                  checked={checked}
                  disabled={disabled}
                  onCheckedChange={(value) => toggle(segment.id, value === true)}
                />
                <Label
                  htmlFor={inputId}
                  size="small"
                  className={disabled ? "text-ui-fg-disabled flex-1" : "flex-1"}
                  title={disabled ? unavailableHint : undefined}
                >
                  {segment.name}
                </Label>
                <Text size="small" className="text-ui-fg-muted shrink-0">
                  {segment.member_count === null ? "" : pluralize(segment.member_count, "member", "members")}
                </Text>
              </li>
            )
          })}
          {!options.length && (
            <li className="px-3 py-2">
              <Text size="small" className="text-ui-fg-muted">
                No segment matches “{search}”.
              </Text>
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
