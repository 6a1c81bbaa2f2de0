import { Plus } from "@medusajs/icons"
import { Button, Drawer, Input, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { useAddSuppressions } from "../../hooks/api/suppressions"
import { pluralize } from "../../lib/format"
import { parseEmails } from "../../lib/parse-emails"
import { FormField } from "../form-field"

/** The server takes at most this many addresses per request. */
const MAX_PER_REQUEST = 1000

/** Pastes addresses onto the suppression list, known contacts or not. */
export const AddSuppressionsDrawer = () => {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState("")
  const [reason, setReason] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const { mutate, isPending } = useAddSuppressions()

  const { emails, invalid } = parseEmails(text)

  const changeOpen = (next: boolean) => {
    setOpen(next)
    if (!next) {
      setText("")
      setReason("")
      setProblem(null)
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (invalid.length) {
      setProblem(
        `Not email addresses: ${invalid.slice(0, 5).join(", ")}${invalid.length > 5 ? ", …" : ""}`
      )
      return
    }
    if (!emails.length) {
      setProblem("Enter at least one email address")
      return
    }
    if (emails.length > MAX_PER_REQUEST) {
      setProblem(`Add at most ${MAX_PER_REQUEST} addresses at a time`)
      return
    }
    mutate(
      { emails, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: ({ suppressed }) => {
          toast.success("Added to the suppression list", {
            description: `${pluralize(suppressed, "address", "addresses")} will get no more email.`,
          })
          changeOpen(false)
        },
        onError: (error) => setProblem(error.message),
      }
    )
  }

  return (
    <Drawer open={open} onOpenChange={changeOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="add-suppressions">
          <Plus />
          Add addresses
        </Button>
      </Drawer.Trigger>
      <Drawer.Content data-testid="add-suppressions-drawer">
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Add to the suppression list</Drawer.Title>
            <Drawer.Description>
              Nothing is sent to these addresses from here on: no
              campaigns, no flows, not even confirmations, until you remove
              them.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormField
              id="suppress-emails"
              label="Email addresses"
              hint="One per line. Commas and spaces work too, so you can paste a column from a spreadsheet."
              error={problem}
            >
              <Textarea
                id="suppress-emails"
                value={text}
                rows={10}
                onChange={(event) => {
                  setText(event.target.value)
                  setProblem(null)
                }}
                placeholder={"someone@example.com\nanother@example.com"}
                className="font-mono"
                autoFocus
                data-testid="suppress-emails"
              />
            </FormField>
            <Text size="small" className="text-ui-fg-subtle" role="status">
              {pluralize(emails.length, "address", "addresses")} to add
              {invalid.length
                ? `, ${pluralize(invalid.length, "entry", "entries")} not recognised`
                : ""}
            </Text>
            <FormField
              id="suppress-reason"
              label="Reason"
              optional
              hint="For your team, e.g. “asked by phone to stop”. Defaults to “manual”."
            >
              <Input
                id="suppress-reason"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            </FormField>
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
              data-testid="suppress-submit"
            >
              Add to list
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
