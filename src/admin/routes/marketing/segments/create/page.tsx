import { SegmentEditor } from "../../../../components/segments/segment-editor"

const CreateSegmentPage = () => <SegmentEditor />

export const handle = {
  breadcrumb: () => "Create segment",
}

export default CreateSegmentPage
