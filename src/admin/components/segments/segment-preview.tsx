import { Container, Heading, Skeleton, Table, Text } from "@medusajs/ui"
import { EMPTY_VALUE, formatCount, fullName } from "../../lib/format"
import type { SegmentPreviewResponse } from "../../lib/segment-types"

type SegmentPreviewProps = {
  preview?: SegmentPreviewResponse
  /** Why there is no count to show: rules not filled in, or refused. */
  waiting: string | null
  isLoading: boolean
  isUpdating: boolean
}

/** How many contacts the rules on screen match right now, and a few of them. */
export const SegmentPreview = ({ preview, waiting, isLoading, isUpdating }: SegmentPreviewProps) => (
  <Container className="divide-y p-0" data-testid="segment-preview" aria-busy={isUpdating}>
    <div className="px-6 py-4">
      <Heading level="h2">Preview</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Who the rules on screen match now, before you save.
      </Text>
    </div>
    <div className="px-6 py-4" role="status" aria-live="polite">
      {waiting ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="segment-preview-waiting">
          {waiting}
        </Text>
      ) : isLoading || !preview ? (
        <Skeleton className="h-8 w-40" />
      ) : (
        <div className={isUpdating ? "opacity-60 transition-opacity" : undefined}>
          <Text size="xlarge" weight="plus" as="p">
            <span data-testid="segment-preview-count">{formatCount(preview.count)}</span>{" "}
            {preview.count === 1 ? "contact matches" : "contacts match"}
          </Text>
        </div>
      )}
    </div>
    {!waiting && preview && preview.sample.length > 0 && (
      <div data-testid="segment-preview-sample">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Email</Table.HeaderCell>
              <Table.HeaderCell>Name</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {preview.sample.map((contact) => (
              <Table.Row key={contact.id} data-testid="segment-preview-row">
                <Table.Cell className="max-w-0 truncate" data-testid="segment-preview-email">
                  {contact.email}
                </Table.Cell>
                <Table.Cell className="max-w-0 truncate">{fullName(contact) || EMPTY_VALUE}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        {preview.count > preview.sample.length && (
          <Text size="xsmall" className="text-ui-fg-muted px-6 py-3">
            Showing {preview.sample.length} of {formatCount(preview.count)}, most recently seen first.
          </Text>
        )}
      </div>
    )}
  </Container>
)
