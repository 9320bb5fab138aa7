import { AppError } from '../../lib/errors.js';
import { foldExpression } from './normalize.js';

/**
 * The urgent-expression list: groups (self-harm, emergencies, violence and abuse, missing persons, and
 * whatever an office adds), each expression with the forms people type and why it is on the list.
 * `UrgentListDefinition` is what people write (the defaults, an office's file); `UrgentList` is the
 * same, checked and folded for matching (`compileUrgentList`).
 */

export interface UrgentGroupDefinition {
  /** Stable id (`self-harm`): hits, logs and audit entries carry it. */
  id: string;
  /** What staff read in Slack (the office may reword it). */
  label: { ja: string; en: string };
  /** Why the group exists: a citation or a rationale. */
  why: string;
  /** The record category (src/records/categories.ts key) the record form offers for a hit of this group. */
  recordCategory: string;
  /** false: the office switched the whole group off. */
  enabled: boolean;
}

export interface UrgentExpressionDefinition {
  /** Stable id (`shinitai`), unique across the list: hits, logs and audit entries carry it. */
  id: string;
  group: string;
  /** Forms as people type them. Variants that folding already covers need not be listed (see normalize.ts). */
  forms: readonly string[];
  /**
   * Longer words that contain a form but mean something else (OD錠 is a kind of tablet; だけが contains
   * けが). A hit inside one of them does not count. Never negations or quotes: 「死にたいとは思わない」
   * is flagged, because a word list cannot tell a denial from a cry for help.
   */
  except?: readonly string[];
  /** Why it is on the list: a citation or a rationale. */
  why: string;
}

export interface UrgentListDefinition {
  groups: readonly UrgentGroupDefinition[];
  expressions: readonly UrgentExpressionDefinition[];
}

export interface CompiledExpression {
  id: string;
  group: string;
  why: string;
  /** The forms as written (for documents and for the office). */
  written: readonly string[];
  /** The forms folded for matching, without duplicates. */
  forms: readonly string[];
  except: readonly string[];
}

export interface UrgentList {
  groups: readonly UrgentGroupDefinition[];
  /** The expressions of enabled groups, in list order. */
  expressions: readonly CompiledExpression[];
}

/** A folded form must hold at least this many characters: shorter ones would flag almost anything. */
export const MIN_FOLDED_LENGTH = 2;

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The list (or an office's file) is not usable; `problems` says every reason, one a line. */
export class UrgentListError extends AppError {
  constructor(readonly problems: readonly string[]) {
    super('urgent_list_invalid', `The urgent-expression list has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Checks a definition and folds its forms for matching; throws UrgentListError naming every problem. */
export function compileUrgentList(definition: UrgentListDefinition): UrgentList {
  const problems: string[] = [];
  const groups = new Map<string, UrgentGroupDefinition>();
  for (const g of definition.groups) {
    if (!ID.test(g.id)) problems.push(`group id "${g.id}": use lower-case letters, digits and -`);
    if (groups.has(g.id)) problems.push(`group "${g.id}" is defined twice`);
    if (g.label.ja.trim() === '' || g.label.en.trim() === '') problems.push(`group "${g.id}": the label is empty`);
    groups.set(g.id, g);
  }

  const seen = new Set<string>();
  const expressions: CompiledExpression[] = [];
  for (const e of definition.expressions) {
    if (!ID.test(e.id)) problems.push(`expression id "${e.id}": use lower-case letters, digits and -`);
    if (seen.has(e.id)) problems.push(`expression "${e.id}" is defined twice`);
    seen.add(e.id);
    const group = groups.get(e.group);
    if (!group) problems.push(`expression "${e.id}": there is no group "${e.group}"`);
    if (e.forms.length === 0) problems.push(`expression "${e.id}" has no forms`);
    const forms: string[] = [];
    for (const form of e.forms) {
      const folded = foldExpression(form);
      if (folded.length < MIN_FOLDED_LENGTH) {
        problems.push(
          `expression "${e.id}": the form "${form}" keeps fewer than ${MIN_FOLDED_LENGTH} letters once spaces, punctuation and ー are ignored ("${folded}"), so it would flag almost every message`,
        );
      } else if (!forms.includes(folded)) {
        forms.push(folded);
      }
    }
    const except: string[] = [];
    for (const word of e.except ?? []) {
      const folded = foldExpression(word);
      if (folded === '') problems.push(`expression "${e.id}": the exception "${word}" has no letters`);
      else if (!except.includes(folded)) except.push(folded);
    }
    if (group?.enabled) {
      expressions.push({ id: e.id, group: e.group, why: e.why, written: [...e.forms], forms, except });
    }
  }
  if (problems.length > 0) throw new UrgentListError(problems);
  return { groups: [...groups.values()], expressions };
}
