import { Plus } from "@medusajs/icons"
import { Button, Drawer, Input, Select, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { useNavigate } from "react-router-dom"
import { useCreateFlow, useFlowCatalog } from "../../hooks/api/flows"
import { newFlowDefinition } from "../../lib/flow-draft"
import { FormField } from "../form-field"

const DEFAULT_EVENT = "customer.created"

/**
 * Names a new flow and picks the event that starts it, then opens it in
 * the builder as a draft: nothing runs until it is activated.
 */
export const CreateFlowDrawer = () => {
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState("")
  const [description, setDescription] = useState("")
  const [event, setEvent] = useState(DEFAULT_EVENT)
  const [showErrors, setShowErrors] = useState(false)
  const { triggers = [] } = useFlowCatalog({ enabled: open })
  const { mutate, isPending, error, reset } = useCreateFlow()

  const changeOpen = (next: boolean) => {
    setOpen(next)
    if (!next) {
      setName("")
      setDescription("")
      setEvent(DEFAULT_EVENT)
      setShowErrors(false)
      reset()
    }
  }

  const submit = (submitted: FormEvent) => {
    submitted.preventDefault()
    if (!name.trim()) {
      setShowErrors(true)
      return
    }
    mutate(
      { name: name.trim(), description: description.trim() || null, definition: newFlowDefinition(event) },
      {
        onSuccess: ({ flow }) => {
          toast.success("Flow created", { description: "Add its steps; it runs once you activate it." })
          changeOpen(false)
          navigate(`/marketing/flows/${flow.id}`)
        },
      }
    )
  }

  const known = triggers.find((trigger) => trigger.event === event)

  return (
    <Drawer open={open} onOpenChange={changeOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="create-flow">
          <Plus />
          Create flow
        </Button>
      </Drawer.Trigger>
      <Drawer.Content data-testid="create-flow-drawer">
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Create flow</Drawer.Title>
            <Drawer.Description>
              A flow sends emails and takes actions for each contact the trigger lets in. You add its steps in the
              builder next.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormField
              id="new-flow-name"
              label="Name"
              hint="For your team, e.g. “Welcome series”."
              error={showErrors && !name.trim() ? "Enter a name" : null}
            >
              <Input
                id="new-flow-name"
                value={name}
                onChange={(change) => setName(change.target.value)}
                autoFocus
                data-testid="new-flow-name"
              />
            </FormField>
            <FormField
              id="new-flow-trigger"
              label="Starts when"
              hint={known?.description ?? "Dates and inactivity triggers are in the builder's settings."}
            >
              <Select value={event} onValueChange={setEvent}>
                <Select.Trigger id="new-flow-trigger" data-testid="new-flow-trigger">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {(triggers.length ? triggers : [{ event: DEFAULT_EVENT, label: "Customer signed up" }]).map((trigger) => (
                    <Select.Item key={trigger.event} value={trigger.event}>
                      {trigger.label}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </FormField>
            <FormField id="new-flow-description" label="Description" optional>
              <Textarea
                id="new-flow-description"
                value={description}
                rows={3}
                onChange={(change) => setDescription(change.target.value)}
                placeholder="Who enters and what they get"
              />
            </FormField>
            {error && (
              <Text size="small" className="text-ui-fg-error" role="alert">
                {error.message}
              </Text>
            )}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={isPending} data-testid="new-flow-submit">
              Create and build
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
