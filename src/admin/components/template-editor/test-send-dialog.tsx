import { Button, Input, Prompt, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTestSendTemplate } from "../../hooks/api/templates"
import { useMe } from "../../hooks/api/users"
import { FormField } from "../form-field"

type TestSendDialogProps = {
  templateId: string
  /** The saved version to send. */
  version: number
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Unsaved edits are not sent: the dialog says so. */
  hasUnsavedChanges: boolean
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Asks for an address (the signed-in user's by default) and sends the
 * version there now, then says how it went.
 */
export const TestSendDialog = ({
  templateId,
  version,
  open,
  onOpenChange,
  hasUnsavedChanges,
}: TestSendDialogProps) => {
  const { user } = useMe({ enabled: open })
  const [email, setEmail] = useState("")
  const [invalid, setInvalid] = useState(false)
  const { mutate, isPending } = useTestSendTemplate(templateId)

  useEffect(() => {
    if (open && !email && user?.email) {
      setEmail(user.email)
    }
  }, [open, email, user?.email])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const address = email.trim()
    if (!EMAIL.test(address)) {
      setInvalid(true)
      return
    }
    mutate(
      { email: address, version },
      {
        onSuccess: ({ message }) => {
          onOpenChange(false)
          switch (message.status) {
            case "sent":
              toast.success("Test email sent", {
                description: `Version ${version} went to ${address}.`,
              })
              break
            case "queued":
            case "sending":
              toast.info("Test email queued", {
                description: `It goes to ${address} as soon as the provider accepts it.${message.last_error ? ` Last try: ${message.last_error}` : ""}`,
              })
              break
            case "suppressed":
              toast.warning("Not sent: address is suppressed", {
                description: `${address} is on the suppression list. Remove it there to send to it.`,
              })
              break
            default:
              toast.error("Test email not sent", {
                description: message.last_error || `Status: ${message.status}`,
              })
          }
        },
        onError: (error) => {
          toast.error("Test email not sent", { description: error.message })
        },
      }
    )
  }

  return (
    <Prompt open={open} onOpenChange={onOpenChange} variant="confirmation">
      <Prompt.Content data-testid="test-send-dialog">
        <form onSubmit={submit}>
          <Prompt.Header>
            <Prompt.Title>Send a test email</Prompt.Title>
            <Prompt.Description>
              Sends version {version} now. Carts, orders and products are
              sample data; the name and links are the recipient's. Consent
              and sending limits do not apply, the suppression list does.
            </Prompt.Description>
          </Prompt.Header>
          <div className="border-ui-border-base mt-6 flex flex-col gap-y-3 border-y p-6">
            <FormField
              id="test-send-email"
              label="Send to"
              error={invalid ? "Enter an email address" : null}
            >
              <Input
                id="test-send-email"
                type="email"
                value={email}
                onChange={(event) => {
                  setEmail(event.target.value)
                  setInvalid(false)
                }}
                aria-invalid={invalid}
                autoFocus
                data-testid="test-send-email"
              />
            </FormField>
            {hasUnsavedChanges && (
              <Text size="small" className="text-ui-fg-subtle">
                Your unsaved changes are not included: save first to test them.
              </Text>
            )}
          </div>
          <Prompt.Footer>
            <Button
              type="button"
              variant="secondary"
              size="small"
              onClick={() => onOpenChange(false)}
              disabled={isPending}
            >
              Cancel
            </Button>
            <Button
              type="submit"
              size="small"
              isLoading={isPending}
              data-testid="test-send-submit"
            >
              Send test
            </Button>
          </Prompt.Footer>
        </form>
      </Prompt.Content>
    </Prompt>
  )
}
