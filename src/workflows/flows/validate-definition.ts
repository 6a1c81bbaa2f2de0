import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  findFlowReferences,
  parseFlowDefinition,
  validateFlowAll,
  type FlowDefinition,
  type FlowValidationIssue,
} from "../../lib/flows"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { flowExtensions } from "./registry"

const invalid = (path: string, message: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `definition${path ? `.${path}`.replace(".[", "[") : ""}: ${message}`)

/** The definition's shape, by the step types the store has; a 400 names the first bad place. */
export async function parseDefinitionOrThrow(container: MedusaContainer, json: unknown): Promise<FlowDefinition> {
  const { registry } = await flowExtensions(container)
  const parsed = parseFlowDefinition(json, { registry })
  if (!parsed.ok) {
    throw invalid(parsed.error.path, parsed.error.message)
  }
  return parsed.definition
}

/**
 * Every problem that stops a flow from running: dangling and unreachable
 * steps, loops without a wait, and templates, segments or customer groups
 * that do not exist. The builder shows them all; activation refuses the first.
 */
export async function flowIssues(container: MedusaContainer, definition: FlowDefinition): Promise<FlowValidationIssue[]> {
  const references = findFlowReferences(definition)
  const ids = (kind: string) => [...new Set(references.filter((r) => r.kind === kind).map((r) => r.id))]
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const templates = ids("template").length
    ? await marketing.listTemplates({ id: ids("template") }, { select: ["id"] })
    : []
  const segments = ids("segment").length ? await marketing.listSegments({ id: ids("segment") }, { select: ["id"] }) : []
  const groups = ids("group").length
    ? await container.resolve(Modules.CUSTOMER).listCustomerGroups({ id: ids("group") }, { select: ["id"] })
    : []
  return validateFlowAll(definition, {
    templateIds: new Set(templates.map((t) => t.id)),
    segmentIds: new Set(segments.map((s) => s.id)),
    groupIds: new Set(groups.map((g) => g.id)),
  })
}

/** Parses and validates a definition for activation; a 400 names the step. */
export async function assertRunnableDefinition(container: MedusaContainer, json: unknown): Promise<FlowDefinition> {
  const definition = await parseDefinitionOrThrow(container, json)
  const [issue] = await flowIssues(container, definition)
  if (issue) {
    throw invalid(issue.path, issue.message)
  }
  return definition
}
