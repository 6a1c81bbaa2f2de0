import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createTemplateStep,
  createTemplateVersionStep,
  validateTemplateContentStep,
  validateTemplateTopicStep,
} from "../steps"
import { TemplateContentInput } from "../types"

export type CreateTemplateWorkflowInput = {
  name: string
  description?: string | null
  transactional?: boolean
  /** Preference topic of its messages. */
  topic?: string | null
  /** Marks a template the plugin installed from its starters. */
  starter_key?: string | null
  content: TemplateContentInput
}

export const createTemplateWorkflowId = "create-template"

/** Creates a template with its first version, refusing invalid MJML or Liquid. */
export const createTemplateWorkflow = createWorkflow(
  createTemplateWorkflowId,
  (input: CreateTemplateWorkflowInput) => {
    // The starters' topics are the default settings' own; a merchant may since have renamed them.
    when({ input }, ({ input }) => !input.starter_key).then(() => {
      validateTemplateTopicStep(transform({ input }, ({ input }) => ({ topic: input.topic })))
    })
    const compiledHtml = validateTemplateContentStep(input.content)
    const template = createTemplateStep(
      transform({ input }, ({ input }) => ({
        name: input.name,
        description: input.description ?? null,
        transactional: input.transactional ?? false,
        topic: input.topic ?? null,
        starter_key: input.starter_key ?? null,
      }))
    )
    const version = createTemplateVersionStep(
      transform({ template, input, compiledHtml }, ({ template, input, compiledHtml }) => ({
        template_id: template.id,
        content: input.content,
        compiled_html: compiledHtml,
      }))
    )
    return new WorkflowResponse({ template, version })
  }
)
