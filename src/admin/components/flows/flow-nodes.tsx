import { ExclamationCircle } from "@medusajs/icons"
import { Badge, clx, Text, Tooltip } from "@medusajs/ui"
import { Handle, Position, type NodeProps } from "@xyflow/react"
import { formatAmount, formatCount } from "../../lib/format"
import type { StepNode, TriggerNode } from "../../lib/flow-graph"
import type { StepResults } from "../../lib/flow-types"
import { StepIcon } from "./step-icon"

const KIND_TINTS: Record<string, string> = {
  wait: "bg-ui-tag-orange-bg text-ui-tag-orange-icon",
  control: "bg-ui-tag-purple-bg text-ui-tag-purple-icon",
  action: "bg-ui-tag-blue-bg text-ui-tag-blue-icon",
  trigger: "bg-ui-tag-green-bg text-ui-tag-green-icon",
}

const handleClass = "!bg-ui-fg-interactive !h-2.5 !w-2.5 !border-2 !border-ui-bg-base"

const IssueMarker = ({ issues, testId }: { issues: string[]; testId: string }) =>
  issues.length ? (
    <Tooltip content={issues.join("\n")}>
      <span className="text-ui-fg-error flex shrink-0 items-center gap-x-1" data-testid={testId}>
        <ExclamationCircle />
        <span className="txt-compact-xsmall-plus">{issues.length}</span>
      </span>
    </Tooltip>
  ) : null

const revenueLine = (revenue: Record<string, number>) =>
  Object.entries(revenue)
    .map(([currency, amount]) => formatAmount(amount, currency))
    .join(" + ")

const ResultsLine = ({ results }: { results: StepResults }) => (
  <div className="text-ui-fg-subtle txt-compact-xsmall flex flex-wrap gap-x-2" data-testid="flow-node-results">
    <span>Sent {formatCount(results.sent)}</span>
    <span>Opened {formatCount(results.opened)}</span>
    <span>Clicked {formatCount(results.clicked)}</span>
    {Object.keys(results.revenue).length > 0 && <span>{revenueLine(results.revenue)}</span>}
  </div>
)

/**
 * A step on the canvas: its type, title and settings in a line, what
 * happened there so far, the problems that stop the flow from running, and
 * a handle for each way on (yes/no, on event/timeout, each branch).
 */
export const StepNodeView = ({ data, selected }: NodeProps<StepNode>) => {
  const invalid = data.issues.length > 0
  const counts = data.counts
  return (
    <div
      className={clx(
        "bg-ui-bg-base shadow-elevation-card-rest flex w-[280px] flex-col gap-y-1.5 rounded-lg px-3 pb-3 pt-2.5",
        selected && "shadow-borders-interactive-with-active",
        invalid && "shadow-borders-error"
      )}
      data-testid="flow-node"
      data-step={data.stepId}
      data-type={data.type}
      data-invalid={invalid ? "true" : undefined}
      data-entry={data.isEntry ? "true" : undefined}
    >
      <Handle type="target" position={Position.Top} className={handleClass} />
      <div className="flex items-center gap-x-2">
        <span className={clx("flex size-6 shrink-0 items-center justify-center rounded-md", KIND_TINTS[data.kind])}>
          <StepIcon type={data.type} />
        </span>
        <div className="flex min-w-0 flex-1 flex-col">
          <Text size="small" weight="plus" leading="compact" className="truncate" data-testid="flow-node-title">
            {data.title}
          </Text>
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
            {data.typeLabel} · {data.stepId}
          </Text>
        </div>
        <IssueMarker issues={data.issues} testId="flow-node-issues" />
      </div>
      <Text size="small" leading="compact" className="text-ui-fg-subtle truncate" data-testid="flow-node-summary">
        {data.summary}
      </Text>
      {counts && counts.visits > 0 && (
        <div className="text-ui-fg-subtle txt-compact-xsmall flex flex-wrap gap-x-2" data-testid="flow-node-counts">
          <span>Reached {formatCount(counts.visits)}</span>
          {counts.executed > 0 && <span>Done {formatCount(counts.executed)}</span>}
          {counts.skipped > 0 && <span>Held out {formatCount(counts.skipped)}</span>}
          {counts.failed > 0 && <span className="text-ui-fg-error">Failed {formatCount(counts.failed)}</span>}
        </div>
      )}
      {data.results && <ResultsLine results={data.results} />}
      {data.slots.length > 1 && (
        <div className="mt-1 flex justify-around">
          {data.slots.map((slot) => (
            <Text key={slot.handle} size="xsmall" leading="compact" className="text-ui-fg-muted">
              {slot.label}
            </Text>
          ))}
        </div>
      )}
      {data.slots.map((slot, index) => (
        <Handle
          key={slot.handle}
          type="source"
          id={slot.handle}
          position={Position.Bottom}
          className={handleClass}
          style={{ left: `${((index + 0.5) / data.slots.length) * 100}%` }}
          data-testid="flow-node-handle"
          data-handle={slot.handle}
        />
      ))}
    </div>
  )
}

/** Where every run starts: what starts it, and who may start it again. */
export const TriggerNodeView = ({ data, selected }: NodeProps<TriggerNode>) => {
  const invalid = data.issues.length > 0
  return (
    <div
      className={clx(
        "bg-ui-bg-base shadow-elevation-card-rest flex w-[280px] flex-col gap-y-1.5 rounded-lg px-3 pb-3 pt-2.5",
        selected && "shadow-borders-interactive-with-active",
        invalid && "shadow-borders-error"
      )}
      data-testid="flow-trigger-node"
      data-invalid={invalid ? "true" : undefined}
    >
      <div className="flex items-center gap-x-2">
        <span className={clx("flex size-6 shrink-0 items-center justify-center rounded-md", KIND_TINTS.trigger)}>
          <StepIcon type="trigger" />
        </span>
        <Text size="small" weight="plus" leading="compact" className="flex-1">
          Trigger
        </Text>
        {data.entered !== undefined && data.entered > 0 && (
          <Badge size="2xsmall" data-testid="flow-trigger-entered">
            {formatCount(data.entered)} entered
          </Badge>
        )}
        <IssueMarker issues={data.issues} testId="flow-trigger-issues" />
      </div>
      <Text size="small" leading="compact" className="truncate" data-testid="flow-trigger-summary">
        {data.summary}
      </Text>
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        {data.hasEntry ? data.reentry : "Connect the first step"}
      </Text>
      <Handle
        type="source"
        id="entry"
        position={Position.Bottom}
        className={handleClass}
        data-testid="flow-trigger-handle"
      />
    </div>
  )
}

export const NODE_TYPES = { step: StepNodeView, trigger: TriggerNodeView }
