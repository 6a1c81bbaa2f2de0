import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
} from "@xyflow/react"
import "@xyflow/react/dist/style.css"
import { useEffect, useMemo, useState } from "react"
import { TRIGGER_NODE_ID } from "../../lib/flow-draft"
import type { FlowNode, LinkEdge } from "../../lib/flow-graph"
import { NODE_TYPES } from "./flow-nodes"

type FlowCanvasProps = {
  nodes: FlowNode[]
  edges: LinkEdge[]
  selectedId: string | null
  onSelect: (id: string | null) => void
  /** A link dragged from a handle (`sourceHandle`) of `source` to `target`. */
  onConnect: (source: string, sourceHandle: string | null, target: string) => void
  /** Links removed with Delete or Backspace. */
  onDisconnect: (edges: { source: string; sourceHandle: string | null }[]) => void
}

const edgeStyle = (selected: boolean) => ({
  stroke: selected ? "var(--fg-interactive, #3b82f6)" : "var(--fg-muted, #71717a)",
  strokeWidth: selected ? 2 : 1.5,
})

const CanvasInner = ({ nodes, edges, selectedId, onSelect, onConnect, onDisconnect }: FlowCanvasProps) => {
  const { fitView } = useReactFlow()
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null)

  // Fit again when steps come or go, so a new step is never off screen.
  useEffect(() => {
    const timer = setTimeout(() => fitView({ duration: 200, padding: 0.15, maxZoom: 1 }), 50)
    return () => clearTimeout(timer)
  }, [nodes.length, fitView])

  const shownNodes = useMemo(
    () => nodes.map((node) => ({ ...node, selected: node.id === selectedId, draggable: false })),
    [nodes, selectedId]
  )
  const shownEdges = useMemo<Edge[]>(
    () =>
      edges.map((edge) => {
        const selected = edge.id === selectedEdge
        return {
          ...edge,
          type: "smoothstep",
          selected,
          // The trigger's link is the flow's entry: set it from a step instead of deleting it.
          deletable: edge.source !== TRIGGER_NODE_ID,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          style: edgeStyle(selected),
          labelStyle: { fontSize: 11 },
          labelBgPadding: [6, 2] as [number, number],
          labelBgBorderRadius: 4,
        }
      }),
    [edges, selectedEdge]
  )

  return (
    <ReactFlow
      nodes={shownNodes}
      edges={shownEdges}
      nodeTypes={NODE_TYPES}
      nodesDraggable={false}
      nodesConnectable
      elementsSelectable
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      minZoom={0.2}
      connectionRadius={40}
      deleteKeyCode={["Backspace", "Delete"]}
      onNodeClick={(_, node) => {
        setSelectedEdge(null)
        onSelect(node.id)
      }}
      onEdgeClick={(_, edge) => setSelectedEdge(edge.id)}
      onPaneClick={() => {
        setSelectedEdge(null)
        onSelect(null)
      }}
      onConnect={(connection: Connection) => {
        if (connection.source && connection.target) {
          onConnect(connection.source, connection.sourceHandle ?? null, connection.target)
        }
      }}
      onEdgesDelete={(removed) =>
        onDisconnect(removed.map((edge) => ({ source: edge.source, sourceHandle: edge.sourceHandle ?? null })))
      }
    >
      <Background gap={16} size={1} />
      <Controls showInteractive={false} />
    </ReactFlow>
  )
}

/** Tall enough to show a flow of a few steps at full size, without taking over the page. */
const canvasHeight = (nodes: FlowNode[]) => {
  const bottom = nodes.reduce((max, node) => Math.max(max, node.position.y), 0)
  return Math.min(960, Math.max(480, bottom + 240))
}

/**
 * The flow drawn top to bottom. Drag from a step's handle to another step
 * to link them; click a link and press Delete to remove it; click a step to
 * edit it. Nodes sit where the layout puts them.
 */
export const FlowCanvas = (props: FlowCanvasProps) => (
  <div className="bg-ui-bg-subtle w-full" style={{ height: canvasHeight(props.nodes) }} data-testid="flow-canvas">
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  </div>
)
