import { Container, Heading, Input, Text, Textarea } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { SegmentDraft } from "../../lib/segment-draft"
import { FormField, SwitchField } from "../form-field"

type SegmentDetailsProps = {
  draft: SegmentDraft
  onChange: (patch: Partial<Omit<SegmentDraft, "rules">>) => void
  showErrors: boolean
  customerGroupId?: string | null
}

/** Name, description and whether members are mirrored into a customer group. */
export const SegmentDetails = ({ draft, onChange, showErrors, customerGroupId }: SegmentDetailsProps) => (
  <Container className="divide-y p-0" data-testid="segment-details">
    <div className="px-6 py-4">
      <Heading level="h2">Details</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Only you and your team see the name and description.
      </Text>
    </div>
    <div className="flex flex-col gap-y-4 px-6 py-4">
      <FormField
        id="segment-name"
        label="Name"
        error={showErrors && !draft.name.trim() ? "Give the segment a name" : null}
      >
        <Input
          id="segment-name"
          value={draft.name}
          placeholder="e.g. Subscribers who bought this quarter"
          onChange={(event) => onChange({ name: event.target.value })}
          data-testid="segment-name"
        />
      </FormField>
      <FormField id="segment-description" label="Description" optional>
        <Textarea
          id="segment-description"
          value={draft.description}
          rows={2}
          onChange={(event) => onChange({ description: event.target.value })}
          placeholder="Who this is for and what you send them"
          data-testid="segment-description"
        />
      </FormField>
      <SwitchField
        id="segment-sync-customer-group"
        label="Sync to a Medusa customer group"
        description={
          <>
            Members with a customer account are kept in a customer group
            named after the segment, for price lists and promotions.
            {customerGroupId && (
              <>
                {" "}
                <Link
                  to={`/customers/groups/${customerGroupId}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                  data-testid="segment-customer-group-link"
                >
                  View the customer group
                </Link>
              </>
            )}
          </>
        }
        checked={draft.sync_customer_group}
        onCheckedChange={(sync_customer_group) => onChange({ sync_customer_group })}
      />
    </div>
  </Container>
)
