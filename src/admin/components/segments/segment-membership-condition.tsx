import { Select } from "@medusajs/ui"
import { useSegments } from "../../hooks/api/segments"
import type { SegmentMembershipDraft } from "../../lib/segment-rule-tree"

/** Segments offered; a store rarely has more. */
const SEGMENT_OPTIONS = 200

type SegmentMembershipConditionProps = {
  condition: SegmentMembershipDraft
  onChange: (condition: SegmentMembershipDraft) => void
  /** The segment being edited: it cannot be built from itself. */
  currentSegmentId?: string
}

export const SegmentMembershipCondition = ({
  condition,
  onChange,
  currentSegmentId,
}: SegmentMembershipConditionProps) => {
  const { segments, isPending } = useSegments({
    limit: SEGMENT_OPTIONS,
    offset: 0,
    fields: "id,name,member_count",
  })
  const options = (segments ?? []).filter((segment) => segment.id !== currentSegmentId)
  // A segment outside the first page, or deleted since, still shows by its id.
  const unknown =
    condition.segment_id && !isPending && !options.some((segment) => segment.id === condition.segment_id)
      ? condition.segment_id
      : null

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select
        size="small"
        value={condition.in ? "in" : "not_in"}
        onValueChange={(value) => onChange({ ...condition, in: value === "in" })}
      >
        <Select.Trigger className="w-44" aria-label="Member or not" data-testid="segment-membership">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value="in">Is a member of</Select.Item>
          <Select.Item value="not_in">Is not a member of</Select.Item>
        </Select.Content>
      </Select>
      <Select
        size="small"
        value={condition.segment_id || undefined}
        onValueChange={(segment_id) => onChange({ ...condition, segment_id })}
        disabled={isPending}
      >
        <Select.Trigger className="w-64" aria-label="Segment" data-testid="segment-picker">
          <Select.Value placeholder={isPending ? "Loading segments…" : "Choose a segment"} />
        </Select.Trigger>
        <Select.Content>
          {options.map((segment) => (
            <Select.Item key={segment.id} value={segment.id}>
              {segment.name}
            </Select.Item>
          ))}
          {unknown && <Select.Item value={unknown}>{unknown}</Select.Item>}
          {!options.length && !unknown && (
            <Select.Item value="__none__" disabled>
              No other segments yet
            </Select.Item>
          )}
        </Select.Content>
      </Select>
    </div>
  )
}
