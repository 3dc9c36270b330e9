/** What cross-field checks know about the rest of the document. */
export interface CheckContext {
  /** Dimension d of the state, when the objective is well-formed enough to fix it. */
  dim?: number;
  /** JSON path of the field that fixes d, quoted in shape-mismatch messages. */
  dimSource: string;
  /** The objective's kind, when it is a known kind. */
  objectiveKind?: string;
}
