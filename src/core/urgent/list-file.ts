import { z } from 'zod';
import {
  compileUrgentList,
  UrgentListError,
  type UrgentExpressionDefinition,
  type UrgentGroupDefinition,
  type UrgentList,
  type UrgentListDefinition,
} from './list.js';

/**
 * The office's own file of urgent expressions (URGENT_WORDS_FILE), JSON, merged over the defaults:
 *
 * {
 *   "groups":   { "violence": { "label": "暴力・虐待", "labelEn": "Violence" },       reword a group
 *                 "missing":  { "enabled": false },                                      switch one off
 *                 "money":    { "label": "金銭トラブル", "labelEn": "Money trouble",       add a group
 *                               "why": "…", "recordCategory": "money" } },
 *   "add":      [ { "id": "shinitai", "forms": ["しにたひ"] },                           more forms for a default
 *                 { "id": "sagi", "group": "money", "forms": ["詐欺"], "why": "…" } ],   a new expression
 *   "remove":   [ "keisatsu" ],                                                          drop defaults by id
 *   "guidance": { "sections": [ … ] }                   the emergency guidance families get (see below)
 * }
 *
 * Every key is optional; an empty object `{}` means "the defaults". Unknown keys are errors, so that a
 * typo (`"remvoe"`) is reported instead of silently ignored. docs/urgent-words.md has the full format
 * and the ids of the defaults.
 */

const id = (what: string) =>
  z
    .string({ error: `${what} must be a text` })
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: `${what} may hold lower-case letters, digits and - (like "self-harm")` });
const text = (what: string) =>
  z
    .string({ error: `${what} must be a text` })
    .trim()
    .min(1, { error: `${what} is empty` });

/** An object whose unknown keys are errors that list the known ones (a typo is reported, not ignored). */
const strictObject = <T extends z.ZodRawShape>(what: string, shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => `"${k}"`).join(', ')}; ${what} may have ${Object.keys(shape)
            .map((k) => `"${k}"`)
            .join(', ')}`
        : issue.code === 'invalid_type'
          ? `${what} must be an object { … }`
          : undefined,
  });
const textList = (what: string) => z.array(text(what), { error: `${what} must be a list of texts, like ["…", "…"]` });

const groupSchema = strictObject('a group', {
  label: text('label').optional(),
  labelEn: text('labelEn').optional(),
  why: text('why').optional(),
  recordCategory: id('recordCategory').optional(),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
});

const addSchema = strictObject('an entry of "add"', {
  id: id('id'),
  group: id('group').optional(),
  forms: textList('forms').min(1, { error: 'forms needs at least one form' }),
  except: textList('except').optional(),
  why: text('why').optional(),
});

const contactSchema = strictObject('a contact', {
  name: text('name'),
  number: z
    .string({ error: 'number must be a text' })
    .trim()
    .regex(/^[0-9#*+\-() ]{2,20}$/, { error: 'number must be a telephone number like "0120-279-338", "110" or "#7119"' }),
  note: text('note').optional(),
});

/** The emergency guidance's wording, as the office may change it (src/line/family/family-text.ts has the defaults). */
export const guidanceSchema = strictObject('"guidance"', {
  /** The first lines (that the message reached the office, when to call). */
  intro: text('intro').optional(),
  /** Headed lists of numbers; replaces the default lists as a whole when given. */
  sections: z
    .array(strictObject('a section', { heading: text('heading'), contacts: z.array(contactSchema).min(1, { error: 'contacts needs at least one number' }) }))
    .min(1, { error: 'sections needs at least one section' })
    .optional(),
  /** The last line, before the time staff will read the message. */
  closing: text('closing').optional(),
  /** The "if it is urgent" line of the ordinary out-of-hours answer. */
  outOfHoursNote: text('outOfHoursNote').optional(),
});

export type EmergencyGuidanceOverride = z.infer<typeof guidanceSchema>;

export const urgentFileSchema = strictObject('the file', {
  groups: z.record(id('a group id'), groupSchema, { error: '"groups" must be an object { "group-id": { … } }' }).optional(),
  add: z.array(addSchema, { error: '"add" must be a list [ { "id": …, "forms": [ … ] } ]' }).optional(),
  remove: z.array(id('an id to remove'), { error: '"remove" must be a list of ids, like ["keisatsu"]' }).optional(),
  guidance: guidanceSchema.optional(),
});

export type UrgentFile = z.infer<typeof urgentFileSchema>;

/** What the office's file yields: the merged list, and its guidance wording (when it has one). */
export interface UrgentSettings {
  list: UrgentList;
  guidance: EmergencyGuidanceOverride | undefined;
}

/** The file could not be used; `problems` names every reason, each with where it is in the file. */
export class UrgentWordsFileError extends UrgentListError {
  constructor(
    readonly file: string,
    problems: readonly string[],
  ) {
    super(problems);
    this.message = `The urgent-words file ${file} cannot be used (${problems.length} problem(s)):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee docs/urgent-words.md for the format.`;
  }
}

/** Reads the file's text: JSON, checked, merged over `defaults`. Throws UrgentWordsFileError. */
export function parseUrgentFile(file: string, source: string, defaults: UrgentListDefinition): UrgentSettings {
  let json: unknown;
  try {
    json = JSON.parse(source.replace(/^\uFEFF/, '')); // a byte-order mark (Windows editors) is not an error
  } catch (error) {
    throw new UrgentWordsFileError(file, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = urgentFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new UrgentWordsFileError(
      file,
      parsed.error.issues.map((issue) => {
        const where =
          issue.path.length > 0
            ? issue.path
                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
                .join('')
                .replace(/^\./, '')
            : 'the file';
        return `${where}: ${issue.message}`;
      }),
    );
  }
  try {
    return { list: compileUrgentList(mergeUrgentFile(parsed.data, defaults)), guidance: parsed.data.guidance };
  } catch (error) {
    if (error instanceof UrgentWordsFileError) throw error;
    if (error instanceof UrgentListError) throw new UrgentWordsFileError(file, error.problems);
    throw error;
  }
}

/** The defaults with the office's changes applied. Throws UrgentListError naming every problem. */
export function mergeUrgentFile(file: UrgentFile, defaults: UrgentListDefinition): UrgentListDefinition {
  const problems: string[] = [];
  const groups = new Map<string, UrgentGroupDefinition>(defaults.groups.map((g) => [g.id, { ...g, label: { ...g.label } }]));

  for (const [groupId, change] of Object.entries(file.groups ?? {})) {
    const known = groups.get(groupId);
    if (known) {
      groups.set(groupId, {
        ...known,
        label: { ja: change.label ?? known.label.ja, en: change.labelEn ?? known.label.en },
        why: change.why ?? known.why,
        recordCategory: change.recordCategory ?? known.recordCategory,
        enabled: change.enabled ?? known.enabled,
      });
    } else if (change.label === undefined || change.why === undefined) {
      problems.push(`groups.${groupId}: a new group needs "label" and "why" (the groups of the defaults are ${[...groups.keys()].join(', ')})`);
    } else {
      groups.set(groupId, {
        id: groupId,
        label: { ja: change.label, en: change.labelEn ?? change.label },
        why: change.why,
        recordCategory: change.recordCategory ?? 'emergency',
        enabled: change.enabled ?? true,
      });
    }
  }

  const expressions = new Map<string, UrgentExpressionDefinition>(defaults.expressions.map((e) => [e.id, e]));
  const removed = new Set<string>();
  for (const [i, removeId] of (file.remove ?? []).entries()) {
    if (expressions.has(removeId)) removed.add(removeId);
    else if (groups.has(removeId))
      problems.push(`remove[${i}]: "${removeId}" is a group; to switch a whole group off write "groups": { "${removeId}": { "enabled": false } }`);
    else problems.push(`remove[${i}]: there is no expression "${removeId}" (the ids are listed in docs/urgent-words.md)`);
  }

  for (const [i, entry] of (file.add ?? []).entries()) {
    const known = expressions.get(entry.id);
    if (removed.has(entry.id)) {
      problems.push(`add[${i}]: "${entry.id}" is also in "remove"; keep it in one of them`);
    } else if (known) {
      if (entry.group !== undefined && entry.group !== known.group) {
        problems.push(`add[${i}]: "${entry.id}" belongs to the group "${known.group}"; leave "group" out to add forms to it, or choose a new id`);
        continue;
      }
      expressions.set(entry.id, {
        ...known,
        forms: [...known.forms, ...entry.forms],
        except: [...(known.except ?? []), ...(entry.except ?? [])],
        why: entry.why ? `${known.why} / ${entry.why}` : known.why,
      });
    } else if (entry.group === undefined || entry.why === undefined) {
      problems.push(`add[${i}]: "${entry.id}" is a new expression; it needs "group" and "why"`);
    } else if (!groups.has(entry.group)) {
      problems.push(`add[${i}]: there is no group "${entry.group}" (define it under "groups", or use one of ${[...groups.keys()].join(', ')})`);
    } else {
      expressions.set(entry.id, { id: entry.id, group: entry.group, forms: entry.forms, except: entry.except ?? [], why: entry.why });
    }
  }
  if (problems.length > 0) throw new UrgentListError(problems);
  return { groups: [...groups.values()], expressions: [...expressions.values()].filter((e) => !removed.has(e.id)) };
}
