export {
  diffTrees,
  isEmptyReport,
  REPORT_FORMAT_VERSION,
  type AccessReport,
  type AccountRef,
  type FieldChange,
  type Grant,
  type Replacement,
  type ReplacementReason,
  type ReportSummary,
  type ScopeChange,
  type SetDelta,
  type ZoneChangeKind,
  type ZoneReport,
} from './diff';
export { renderJson } from './render-json';
export { renderMarkdown, REPORT_MARKER } from './render-markdown';
