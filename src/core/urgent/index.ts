/**
 * Urgent messages, the platform-free part: which expressions count as urgent (the shipped list and the
 * office's file), and whether a text, a sticker's keywords or an image's accompanying text holds one.
 * No Slack, LINE or database here; the relay decides what to do with a hit.
 */
export { findUrgent, type UrgentHit, type UrgentMatch } from './find-urgent.js';
export { DEFAULT_URGENT_LIST, DEFAULT_GROUPS, DEFAULT_EXPRESSIONS } from './default-list.js';
export {
  compileUrgentList,
  UrgentListError,
  MIN_FOLDED_LENGTH,
  type UrgentList,
  type UrgentListDefinition,
  type UrgentGroupDefinition,
  type UrgentExpressionDefinition,
  type CompiledExpression,
} from './list.js';
export { parseUrgentFile, mergeUrgentFile, UrgentWordsFileError, type EmergencyGuidanceOverride, type UrgentFile, type UrgentSettings } from './list-file.js';
export { foldText, foldExpression, type FoldedText } from './normalize.js';
