import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import { SegmentEditor } from "../../../../components/segments/segment-editor"
import { SegmentMembers } from "../../../../components/segments/segment-members"
import { useSegment } from "../../../../hooks/api/segments"

const SegmentSkeleton = () => (
  <div className="flex flex-col gap-y-3" data-testid="segment-loading" aria-busy="true">
    <Container className="px-6 py-4">
      <Skeleton className="h-7 w-64" />
    </Container>
    <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      {[0, 1].map((column) => (
        <Container key={column} className="flex flex-col gap-y-4 px-6 py-4">
          <Skeleton className="h-6 w-32" />
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-[240px] w-full" />
        </Container>
      ))}
    </div>
  </div>
)

const SegmentUnavailable = ({ notFound, message }: { notFound: boolean; message?: string }) => (
  <Container className="px-6 py-8" data-testid="segment-not-found" role="alert">
    <Heading level="h2">{notFound ? "Segment not found" : "The segment could not be loaded"}</Heading>
    <Text size="small" className="text-ui-fg-subtle mb-4">
      {notFound ? "It may have been deleted, or the link is wrong." : message}
    </Text>
    <Link
      to="/marketing/segments"
      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
    >
      Back to segments
    </Link>
  </Container>
)

const SegmentPage = () => {
  const { id } = useParams<{ id: string }>()
  const { segment, isPending, isError, error } = useSegment(id ?? "", { enabled: Boolean(id) })

  if (isError || !id) {
    return <SegmentUnavailable notFound={!id || error?.status === 404} message={error?.message} />
  }

  if (isPending || !segment) {
    return <SegmentSkeleton />
  }

  return (
    <div className="flex flex-col gap-y-3">
      {/* A new key starts a fresh draft when another segment is opened. */}
      <SegmentEditor key={segment.id} segment={segment} />
      <SegmentMembers segment={segment} />
    </div>
  )
}

const SegmentBreadcrumb = ({ id }: { id?: string }) => {
  const { segment } = useSegment(id ?? "", { enabled: Boolean(id) })
  return <span>{segment?.name ?? "Segment"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <SegmentBreadcrumb id={match.params.id} />,
}

export default SegmentPage
