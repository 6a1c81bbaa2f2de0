import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteTemplateStep } from "../steps"

export const deleteTemplateWorkflowId = "delete-template"

/** Deletes a template no flow, unsent campaign or waiting email needs; sent messages keep its versions. */
export const deleteTemplateWorkflow = createWorkflow(deleteTemplateWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(deleteTemplateStep(input.id))
})
