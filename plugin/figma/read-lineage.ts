import { decodeLineage, type DecodedLineage, LINEAGE_KEY } from '../../protocol/lineage'

/** Reads and validates a node's lineage entry; plugin data is untrusted input like any other. */
export function readLineage(node: Pick<BaseNodeMixin, 'getPluginData'>): DecodedLineage {
  return decodeLineage(node.getPluginData(LINEAGE_KEY))
}
