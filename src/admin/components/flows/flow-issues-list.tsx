import { CheckCircleSolid, ExclamationCircle } from "@medusajs/icons"
import { Text } from "@medusajs/ui"
import type { FlowIssue } from "../../lib/flow-types"
import { stepOfPath } from "../../lib/flow-issues"

type FlowIssuesListProps = {
  issues: FlowIssue[]
  isChecking: boolean
  /** Opens the step (or, for the trigger and settings, the settings) an issue is about. */
  onOpen: (issue: FlowIssue) => void
}

/** What stops the flow from being activated, each leading to where it can be fixed. */
export const FlowIssuesList = ({ issues, isChecking, onOpen }: FlowIssuesListProps) => {
  if (!issues.length) {
    return (
      <div className="flex items-center gap-x-2 px-6 py-3" data-testid="flow-issues" data-count="0" role="status">
        <span className="text-ui-tag-green-icon">
          <CheckCircleSolid />
        </span>
        <Text size="small" className="text-ui-fg-subtle">
          {isChecking ? "Checking the flow…" : "No problems found: the flow can be activated."}
        </Text>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-y-1 px-6 py-3" data-testid="flow-issues" data-count={issues.length}>
      <Text size="small" weight="plus">
        {issues.length === 1 ? "1 problem" : `${issues.length} problems`} to fix before activating
      </Text>
      <ul className="flex flex-col gap-y-1">
        {issues.map((issue, index) => {
          const step = issue.step ?? stepOfPath(issue.path)
          return (
            <li key={`${issue.path}-${index}`}>
              <button
                type="button"
                className="txt-compact-small text-ui-fg-error hover:text-ui-fg-base flex items-start gap-x-2 text-left outline-none focus-visible:underline"
                onClick={() => onOpen(issue)}
                data-testid="flow-issue"
                data-step={step}
                data-code={issue.code}
              >
                <span className="mt-0.5 shrink-0">
                  <ExclamationCircle />
                </span>
                <span>
                  {issue.path && <span className="font-mono">{issue.path}: </span>}
                  {issue.message}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
