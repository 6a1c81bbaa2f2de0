import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import { FlowBuilder } from "../../../../components/flows/flow-builder"
import { useFlow } from "../../../../hooks/api/flows"

const FlowSkeleton = () => (
  <div className="flex flex-col gap-y-3" data-testid="flow-loading" aria-busy="true">
    <Container className="flex flex-col gap-y-2 px-6 py-4">
      <Skeleton className="h-7 w-64" />
      <Skeleton className="h-4 w-96" />
    </Container>
    <Container className="px-6 py-4">
      <Skeleton className="h-[640px] w-full" />
    </Container>
  </div>
)

const FlowUnavailable = ({ notFound, message }: { notFound: boolean; message?: string }) => (
  <Container className="px-6 py-8" data-testid="flow-not-found" role="alert">
    <Heading level="h2">{notFound ? "Flow not found" : "The flow could not be loaded"}</Heading>
    <Text size="small" className="text-ui-fg-subtle mb-4">
      {notFound ? "It may have been deleted, or the link is wrong." : message}
    </Text>
    <Link to="/marketing/flows" className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus">
      Back to flows
    </Link>
  </Container>
)

const FlowPage = () => {
  const { id } = useParams<{ id: string }>()
  const { flow, isPending, isError, error } = useFlow(id ?? "", { enabled: Boolean(id) })

  if (isError || !id) {
    return <FlowUnavailable notFound={!id || error?.status === 404} message={error?.message} />
  }

  if (isPending || !flow) {
    return <FlowSkeleton />
  }

  // A new key starts a fresh draft when another flow is opened.
  return <FlowBuilder key={flow.id} flow={flow} />
}

const FlowBreadcrumb = ({ id }: { id?: string }) => {
  const { flow } = useFlow(id ?? "", { enabled: Boolean(id) })
  return <span>{flow?.name ?? "Flow"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <FlowBreadcrumb id={match.params.id} />,
}

export default FlowPage
