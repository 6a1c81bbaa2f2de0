/**
 * Places a flow's nodes top to bottom in layers, so a run reads downwards:
 * each node sits below every node that leads to it (loops aside), and
 * nodes of a layer are ordered by where their parents are, which keeps
 * most edges from crossing. Steps nothing leads to are laid out too, to
 * the right of those that follow from the root.
 */

export type LayoutEdge = { source: string; target: string }

export type LayoutOptions = {
  nodeWidth: number
  nodeHeight: number
  gapX: number
  gapY: number
}

export type Position = { x: number; y: number }

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 280, nodeHeight: 100, gapX: 48, gapY: 64 }

/**
 * Layers by longest path from the root once the edges that close a loop
 * are set aside; a layer's nodes are centred on x = 0.
 *
 * @param nodes ids in a stable order (the definition's), the root first
 */
export const layeredLayout = (
  nodes: string[],
  edges: LayoutEdge[],
  root: string,
  options: LayoutOptions = DEFAULT_LAYOUT
): Record<string, Position> => {
  const known = new Set(nodes)
  const children = new Map<string, string[]>(nodes.map((id) => [id, []]))
  for (const edge of edges) {
    if (known.has(edge.source) && known.has(edge.target) && edge.source !== edge.target) {
      children.get(edge.source)!.push(edge.target)
    }
  }

  // Depth-first from the root, then from every node not yet seen, in the
  // nodes' order: an edge back to a node still on the path closes a loop.
  const order = [root, ...nodes.filter((id) => id !== root)].filter((id) => known.has(id))
  const state = new Map<string, "open" | "done">()
  const forward = new Map<string, string[]>(nodes.map((id) => [id, []]))
  const finished: string[] = []
  for (const start of order) {
    if (state.has(start)) continue
    const stack: { id: string; index: number }[] = [{ id: start, index: 0 }]
    state.set(start, "open")
    while (stack.length) {
      const frame = stack[stack.length - 1]
      const next = children.get(frame.id)![frame.index++]
      if (next === undefined) {
        state.set(frame.id, "done")
        finished.push(frame.id)
        stack.pop()
        continue
      }
      if (state.get(next) === "open") continue
      forward.get(frame.id)!.push(next)
      if (!state.has(next)) {
        state.set(next, "open")
        stack.push({ id: next, index: 0 })
      }
    }
  }

  // Reverse finishing order is a topological order of the forward edges.
  const layer = new Map<string, number>(order.map((id) => [id, 0]))
  const hasParent = new Set<string>()
  for (const id of finished.slice().reverse()) {
    for (const child of forward.get(id)!) {
      hasParent.add(child)
      layer.set(child, Math.max(layer.get(child)!, layer.get(id)! + 1))
    }
  }
  // A step nothing leads to starts just under the root, beside the first steps.
  for (const id of order) {
    if (id !== root && !hasParent.has(id) && layer.get(id) === 0) {
      shiftDown(id, forward, layer)
    }
  }

  const layers: string[][] = []
  for (const id of order) {
    const index = layer.get(id)!
    ;(layers[index] ??= []).push(id)
  }

  const parents = new Map<string, string[]>(nodes.map((id) => [id, []]))
  for (const [source, targets] of forward) {
    for (const target of targets) parents.get(target)!.push(source)
  }

  const slot = new Map<string, number>()
  const positions: Record<string, Position> = {}
  layers.forEach((ids, depth) => {
    const discovered = new Map(ids.map((id, index) => [id, index]))
    const centre = (id: string) => {
      const placed = parents.get(id)!.filter((parent) => slot.has(parent))
      return placed.length
        ? placed.reduce((sum, parent) => sum + slot.get(parent)!, 0) / placed.length
        : Number.POSITIVE_INFINITY
    }
    const sorted = ids.slice().sort((a, b) => centre(a) - centre(b) || discovered.get(a)! - discovered.get(b)!)
    sorted.forEach((id, index) => {
      const offset = index - (sorted.length - 1) / 2
      slot.set(id, offset)
      positions[id] = {
        x: offset * (options.nodeWidth + options.gapX) - options.nodeWidth / 2,
        y: depth * (options.nodeHeight + options.gapY),
      }
    })
  })
  return positions
}

/** Moves a node that has no parent down one layer, and what follows it with it. */
const shiftDown = (id: string, forward: Map<string, string[]>, layer: Map<string, number>) => {
  const stack = [{ id, depth: 1 }]
  while (stack.length) {
    const { id: current, depth } = stack.pop()!
    if (layer.get(current)! >= depth) continue
    layer.set(current, Math.max(layer.get(current)!, depth))
    for (const child of forward.get(current)!) {
      if (layer.get(child)! < depth + 1) stack.push({ id: child, depth: depth + 1 })
    }
  }
}
