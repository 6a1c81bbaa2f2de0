import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import { TemplateEditor } from "../../../../components/template-editor/template-editor"
import { useTemplate } from "../../../../hooks/api/templates"

const TemplateEditorSkeleton = () => (
  <div
    className="flex flex-col gap-y-3"
    data-testid="template-loading"
    aria-busy="true"
  >
    <Container className="px-6 py-4">
      <Skeleton className="h-7 w-64" />
    </Container>
    <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      {[0, 1].map((column) => (
        <Container key={column} className="flex flex-col gap-y-4 px-6 py-4">
          <Skeleton className="h-6 w-32" />
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-[360px] w-full" />
        </Container>
      ))}
    </div>
  </div>
)

const TemplateUnavailable = ({
  notFound,
  message,
}: {
  notFound: boolean
  message?: string
}) => (
  <Container className="px-6 py-8" data-testid="template-not-found" role="alert">
    <Heading level="h2">
      {notFound ? "Template not found" : "The template could not be loaded"}
    </Heading>
    <Text size="small" className="text-ui-fg-subtle mb-4">
      {notFound ? "It may have been removed, or the link is wrong." : message}
    </Text>
    <Link
      to="/marketing/templates"
      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
    >
      Back to templates
    </Link>
  </Container>
)

const TemplateEditorPage = () => {
  const { id } = useParams<{ id: string }>()
  const { template, isPending, isError, error } = useTemplate(id ?? "", {
    enabled: Boolean(id),
  })

  if (isError || !id) {
    return (
      <TemplateUnavailable
        notFound={!id || error?.status === 404}
        message={error?.message}
      />
    )
  }

  if (isPending || !template) {
    return <TemplateEditorSkeleton />
  }

  // A new key starts a fresh draft when another template is opened.
  return <TemplateEditor key={template.id} template={template} />
}

const TemplateBreadcrumb = ({ id }: { id?: string }) => {
  const { template } = useTemplate(id ?? "", { enabled: Boolean(id) })
  return <span>{template?.name ?? "Template"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <TemplateBreadcrumb id={match.params.id} />,
}

export default TemplateEditorPage
