import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { UpsertContactInput } from "../../../types"
import { upsertContactsStep } from "../steps"

export const upsertContactsWorkflowId = "upsert-marketing-contacts"

/** Finds or creates contacts by email; compensation undoes what it created or changed. */
export const upsertContactsWorkflow = createWorkflow(
  upsertContactsWorkflowId,
  (input: { contacts: UpsertContactInput[] }) => new WorkflowResponse(upsertContactsStep(input.contacts))
)
