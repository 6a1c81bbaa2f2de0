import { Select } from "@medusajs/ui"
import { useSegments } from "../../hooks/api/segments"
import { FormField } from "../form-field"
import type { DataConditionDraft } from "./data-conditions-input"

/** The events whose data names a segment; their trigger is chosen by segment, not by typing its id. */
export const SEGMENT_TRIGGER_EVENTS = new Set(["marketing.segment_entered", "marketing.segment_exited"])

const SEGMENT_OPTIONS = 200
const ANY = "__any__"

/** Whether a data condition is the one this picker manages: `segment_id is …`. */
export const isSegmentCondition = (condition: DataConditionDraft) =>
  condition.path === "segment_id" && condition.operator === "eq"

type TriggerSegmentInputProps = {
  event: string
  conditions: DataConditionDraft[]
  onChange: (conditions: DataConditionDraft[]) => void
}

/**
 * "Entered a segment" and "Left a segment" pick their segment by name. The
 * choice is stored as the `segment_id is …` data condition the flow engine
 * already filters on, so flows saved through the API read the same.
 */
export const TriggerSegmentInput = ({ event, conditions, onChange }: TriggerSegmentInputProps) => {
  const { segments, isPending } = useSegments({
    limit: SEGMENT_OPTIONS,
    offset: 0,
    order: "name",
    fields: "id,name",
  })
  const chosen = conditions.find(isSegmentCondition)?.value
  const chosenId = typeof chosen === "string" && chosen ? chosen : null
  // A segment deleted since (or beyond the first page) still shows, by its id.
  const unknown = chosenId && !isPending && !segments?.some((segment) => segment.id === chosenId) ? chosenId : null
  const others = conditions.filter((condition) => !isSegmentCondition(condition))
  const choose = (segmentId: string) =>
    onChange(segmentId === ANY ? others : [{ path: "segment_id", operator: "eq", value: segmentId }, ...others])

  return (
    <FormField
      id="flow-trigger-segment"
      label="Segment"
      hint={
        event === "marketing.segment_exited"
          ? "The flow starts for each contact who leaves this segment."
          : "The flow starts for each contact who joins this segment."
      }
    >
      <Select value={chosenId ?? ANY} onValueChange={choose} disabled={isPending}>
        <Select.Trigger id="flow-trigger-segment" data-testid="flow-trigger-segment">
          <Select.Value placeholder={isPending ? "Loading segments…" : undefined} />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ANY}>Any segment</Select.Item>
          {(segments ?? []).map((segment) => (
            <Select.Item key={segment.id} value={segment.id}>
              {segment.name}
            </Select.Item>
          ))}
          {unknown && <Select.Item value={unknown}>Deleted segment ({unknown})</Select.Item>}
        </Select.Content>
      </Select>
    </FormField>
  )
}
