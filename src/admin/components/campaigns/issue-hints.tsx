import { Alert, Hint } from "@medusajs/ui"
import { type CampaignIssue, issuesFor } from "../../lib/campaign-issues"

/** Problems in red, one under the other. */
export const IssueList = ({ issues, testId }: { issues: CampaignIssue[]; testId: string }) => {
  if (!issues.length) {
    return null
  }
  return (
    <div className="flex flex-col gap-y-1" role="alert" data-testid={testId}>
      {issues.map((issue, index) => (
        <Hint key={`${issue.field}-${index}`} variant="error">
          {issue.message}
        </Hint>
      ))}
    </div>
  )
}

type FieldIssuesProps = {
  issues: CampaignIssue[]
  field: string
  /** `data-testid` of the hints; defaults to `campaign-issue-<field>`. */
  testId?: string
}

/** The problems with one field (and what is inside it), under it. */
export const FieldIssues = ({ issues, field, testId }: FieldIssuesProps) => (
  <IssueList issues={issuesFor(issues, field)} testId={testId ?? `campaign-issue-${field}`} />
)

/** Problems the server named no field for, at the top of the step on screen. */
export const GeneralIssues = ({ issues }: { issues: CampaignIssue[] }) => {
  if (!issues.length) {
    return null
  }
  return (
    <Alert variant="error" data-testid="campaign-issue-general">
      {issues.map((issue) => issue.message).join(" ")}
    </Alert>
  )
}
