import { Plus } from "@medusajs/icons"
import { Button, Drawer, Input, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { useNavigate } from "react-router-dom"
import { useCreateTemplate } from "../hooks/api/templates"
import { STARTER_CONTENT } from "../lib/starter-content"
import { FormField } from "./form-field"

/**
 * Names a new template and opens it in the editor, starting from a simple
 * layout with the footer every marketing email needs.
 */
export const CreateTemplateDrawer = () => {
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState("")
  const [description, setDescription] = useState("")
  const [showErrors, setShowErrors] = useState(false)
  const { mutate, isPending, error, reset } = useCreateTemplate()

  const changeOpen = (next: boolean) => {
    setOpen(next)
    if (!next) {
      setName("")
      setDescription("")
      setShowErrors(false)
      reset()
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) {
      setShowErrors(true)
      return
    }
    mutate(
      {
        name: name.trim(),
        description: description.trim() || null,
        content: STARTER_CONTENT,
      },
      {
        onSuccess: ({ template }) => {
          toast.success("Template created", {
            description: "Write your email; the preview updates as you type.",
          })
          changeOpen(false)
          navigate(`/marketing/templates/${template.id}`)
        },
      }
    )
  }

  return (
    <Drawer open={open} onOpenChange={changeOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="create-template">
          <Plus />
          Create template
        </Button>
      </Drawer.Trigger>
      <Drawer.Content data-testid="create-template-drawer">
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Create template</Drawer.Title>
            <Drawer.Description>
              A template is an email your flows and campaigns send. You
              write it in the editor next.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormField
              id="new-template-name"
              label="Name"
              hint="For your team, e.g. “Spring sale announcement”."
              error={showErrors && !name.trim() ? "Enter a name" : null}
            >
              <Input
                id="new-template-name"
                value={name}
                onChange={(event) => setName(event.target.value)}
                autoFocus
                data-testid="new-template-name"
              />
            </FormField>
            <FormField id="new-template-description" label="Description" optional>
              <Textarea
                id="new-template-description"
                value={description}
                rows={3}
                onChange={(event) => setDescription(event.target.value)}
                placeholder="When this email is sent and to whom"
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
            <Button
              size="small"
              type="submit"
              isLoading={isPending}
              data-testid="new-template-submit"
            >
              Create and edit
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
