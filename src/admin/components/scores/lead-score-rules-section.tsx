import { PencilSquare, Plus, Trash } from "@medusajs/icons"
import { Button, Container, Heading, IconButton, Switch, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import {
  LeadScoreRule,
  useDeleteLeadScoreRule,
  useLeadScoreRules,
  useUpdateLeadScoreRule,
} from "../../hooks/api/lead-score-rules"
import { useConfirmedDelete } from "../../hooks/use-confirmed-delete"
import { EMPTY_VALUE, pluralize } from "../../lib/format"
import { describeCondition, eventTypeLabel } from "./lead-events"
import { LeadScoreRuleDrawer } from "./lead-score-rule-drawer"

const signed = (points: number) => (points > 0 ? `+${points}` : String(points))

const EnabledSwitch = ({ rule }: { rule: LeadScoreRule }) => {
  const { mutate, isPending } = useUpdateLeadScoreRule()
  return (
    <Switch
      checked={rule.enabled}
      disabled={isPending}
      aria-label={`${rule.enabled ? "Disable" : "Enable"} ${rule.name}`}
      onCheckedChange={(enabled) =>
        mutate(
          { id: rule.id, enabled },
          {
            onError: (error) => toast.error("Could not change the rule", { description: error.message }),
          }
        )
      }
      data-testid="lead-rule-enabled-switch"
    />
  )
}

const DeleteButton = ({ rule }: { rule: LeadScoreRule }) => {
  const { mutateAsync, isPending } = useDeleteLeadScoreRule()
  const remove = useConfirmedDelete({
    noun: "rule",
    name: rule.name,
    description: () => `“${rule.name}” stops counting, and the points it gave are taken back from every contact.`,
    remove: () => mutateAsync(rule.id),
  })

  return (
    <IconButton
      size="small"
      variant="transparent"
      onClick={() => void remove()}
      isLoading={isPending}
      aria-label={`Delete ${rule.name}`}
      data-testid="lead-rule-delete"
    >
      <Trash />
    </IconButton>
  )
}

/**
 * The lead-score rules, each switchable on and off in place, with a drawer
 * to create or edit one. A change rescores the contacts it concerns in the
 * background.
 */
export const LeadScoreRulesSection = () => {
  const { lead_score_rules: rules, isPending, isError, error } = useLeadScoreRules()
  const [editing, setEditing] = useState<LeadScoreRule | null>(null)
  const [open, setOpen] = useState(false)

  const openDrawer = (rule: LeadScoreRule | null) => {
    setEditing(rule)
    setOpen(true)
  }

  return (
    <Container className="divide-y p-0" data-testid="lead-score-rules">
      <div className="flex flex-col items-start justify-between gap-4 px-6 py-4 md:flex-row">
        <div>
          <Heading level="h2">Lead score</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Points for what contacts do, to spot who is ready to buy: signing up, opening emails,
            filling a cart. Scores use the last 365 days of activity.
          </Text>
          <Text size="small" className="text-ui-fg-muted" data-testid="lead-rules-count">
            {isPending ? "Loading rules…" : pluralize(rules?.length ?? 0, "rule", "rules")}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => openDrawer(null)} data-testid="create-lead-rule">
          <Plus />
          Create rule
        </Button>
      </div>
      {isError ? (
        <div className="px-6 py-8" role="alert">
          <Text size="small" weight="plus">
            The rules could not be loaded
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {error?.message}
          </Text>
        </div>
      ) : !isPending && !rules?.length ? (
        <div className="px-6 py-8" data-testid="lead-rules-empty">
          <Text size="small" weight="plus">
            No rules yet
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            Every contact's lead score is 0 until you add a rule, for example +10 for signing up.
          </Text>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>When the contact</Table.HeaderCell>
                <Table.HeaderCell>Condition</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
                <Table.HeaderCell>Counts for</Table.HeaderCell>
                <Table.HeaderCell>At most</Table.HeaderCell>
                <Table.HeaderCell>Enabled</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(rules ?? []).map((rule) => (
                <Table.Row key={rule.id} data-testid="lead-rule-row" data-rule-id={rule.id}>
                  <Table.Cell data-testid="lead-rule-row-name">{rule.name}</Table.Cell>
                  <Table.Cell data-testid="lead-rule-row-event">{eventTypeLabel(rule.event_type)}</Table.Cell>
                  <Table.Cell data-testid="lead-rule-row-condition">
                    {describeCondition(rule.property) ?? EMPTY_VALUE}
                  </Table.Cell>
                  <Table.Cell className="text-right" data-testid="lead-rule-row-points">
                    {signed(rule.points)}
                  </Table.Cell>
                  <Table.Cell>
                    {rule.expires_after_days ? pluralize(rule.expires_after_days, "day", "days") : "A year"}
                  </Table.Cell>
                  <Table.Cell>{rule.max_times ? pluralize(rule.max_times, "time", "times") : "No limit"}</Table.Cell>
                  <Table.Cell>
                    <EnabledSwitch rule={rule} />
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex justify-end gap-x-1">
                      <IconButton
                        size="small"
                        variant="transparent"
                        onClick={() => openDrawer(rule)}
                        aria-label={`Edit ${rule.name}`}
                        data-testid="lead-rule-edit"
                      >
                        <PencilSquare />
                      </IconButton>
                      <DeleteButton rule={rule} />
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <LeadScoreRuleDrawer open={open} onOpenChange={setOpen} rule={editing} />
    </Container>
  )
}
