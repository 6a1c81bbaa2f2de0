import { MarketingEvents } from "../../types/events"
import { findSegmentReferences, requiredContext, type RuleNeeds } from "../segments/references"
import type { Rule } from "../segments/schema"
import type { DataCondition } from "./data-conditions"
import type { FlowDefinition } from "./definition"

/** Where a flow names something stored elsewhere, with the definition path of the mention. */
export type FlowReference = { kind: "template" | "segment" | "group"; id: string; path: string }

const SEGMENT_EVENTS: readonly string[] = [MarketingEvents.SEGMENT_ENTERED, MarketingEvents.SEGMENT_EXITED]

/** Segment ids a segment event trigger filters on (`segment_id eq/in …`). */
function triggerSegmentIds(conditions: readonly DataCondition[]): { id: string; index: number }[] {
  return conditions.flatMap((condition, index) => {
    if (condition.path !== "segment_id") return []
    if (condition.operator === "eq" && typeof condition.value === "string") return [{ id: condition.value, index }]
    if (condition.operator === "in") {
      return condition.value.filter((id): id is string => typeof id === "string").map((id) => ({ id, index }))
    }
    return []
  })
}

/**
 * Every template, segment and customer group a flow mentions, in document
 * order: validation checks them against what exists, and deleting one of
 * them can be refused while a live flow uses it.
 */
export function findFlowReferences(definition: FlowDefinition): FlowReference[] {
  const references: FlowReference[] = []
  const trigger = definition.trigger
  if (trigger.type === "event" && trigger.filter) {
    if (trigger.filter.contact) {
      for (const id of findSegmentReferences(trigger.filter.contact)) {
        references.push({ kind: "segment", id, path: "trigger.filter.contact" })
      }
    }
    if (trigger.filter.data && SEGMENT_EVENTS.includes(trigger.event)) {
      for (const { id, index } of triggerSegmentIds(trigger.filter.data)) {
        references.push({ kind: "segment", id, path: `trigger.filter.data[${index}].value` })
      }
    }
  }
  for (const [stepId, step] of Object.entries(definition.steps)) {
    if (step.type === "send_email") {
      references.push({ kind: "template", id: step.template_id, path: `steps.${stepId}.template_id` })
    } else if (step.type === "customer_group") {
      references.push({ kind: "group", id: step.group_id, path: `steps.${stepId}.group_id` })
    } else if (step.type === "condition" && step.rule) {
      for (const id of findSegmentReferences(step.rule)) {
        references.push({ kind: "segment", id, path: `steps.${stepId}.rule` })
      }
    }
  }
  return references
}

function rules(definition: FlowDefinition): Rule[] {
  const found: Rule[] = []
  if (definition.trigger.type === "event" && definition.trigger.filter?.contact) {
    found.push(definition.trigger.filter.contact)
  }
  for (const step of Object.values(definition.steps)) {
    if (step.type === "condition" && step.rule) {
      found.push(step.rule)
    }
  }
  return found
}

/**
 * Which of the contact's rows the flow's segment rules need, so the
 * executor loads only those into `env.evaluation` (the segment evaluator
 * refuses to guess when a needed list is missing).
 */
export function flowRequiredContext(definition: FlowDefinition): RuleNeeds {
  const needs: RuleNeeds = { events: false, messages: false, messageEvents: false, memberships: false }
  for (const rule of rules(definition)) {
    const ruleNeeds = requiredContext(rule)
    needs.events ||= ruleNeeds.events
    needs.messages ||= ruleNeeds.messages
    needs.messageEvents ||= ruleNeeds.messageEvents
    needs.memberships ||= ruleNeeds.memberships
  }
  return needs
}
