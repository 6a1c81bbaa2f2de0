import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createTemplateVersionStep,
  updateTemplateStep,
  validateTemplateContentStep,
  validateTemplateTopicStep,
} from "../steps"
import { TemplateContentInput } from "../types"

export type UpdateTemplateWorkflowInput = {
  id: string
  name?: string
  description?: string | null
  transactional?: boolean
  topic?: string | null
  /** New content publishes a new version; earlier versions stay as they were. */
  content?: TemplateContentInput
}

export const updateTemplateWorkflowId = "update-template"

export const updateTemplateWorkflow = createWorkflow(
  updateTemplateWorkflowId,
  (input: UpdateTemplateWorkflowInput) => {
    validateTemplateTopicStep(transform({ input }, ({ input }) => ({ topic: input.topic })))
    const version = when({ input }, ({ input }) => !!input.content).then(() => {
      const compiledHtml = validateTemplateContentStep(
        transform({ input }, ({ input }) => input.content!)
      )
      return createTemplateVersionStep(
        transform({ input, compiledHtml }, ({ input, compiledHtml }) => ({
          template_id: input.id,
          content: input.content!,
          compiled_html: compiledHtml,
        }))
      )
    })
    const template = updateTemplateStep(
      transform({ input }, ({ input }) => ({
        id: input.id,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.transactional !== undefined ? { transactional: input.transactional } : {}),
        ...(input.topic !== undefined ? { topic: input.topic } : {}),
      }))
    )
    return new WorkflowResponse({ template, version })
  }
)
