/**
 * The real-world caption writer: described objects -> one caption of the grammar in docs/caption-grammar.md (part
 * 2, "The real-world captioner's grammar"). The coarse and the refined caption come from this same writer.
 */
import type { CaptionStyle } from '../bundle/config';
import { POSITION_PHRASES } from '../../world/captions';
import { DETAILED_MAX_GROUPS, MEMBER_CLAUSES_MAX, NOTHING_CAPTION, SHORT_MAX_GROUPS } from './constants';
import { countWord, groupCells, groupObjects, type ObjectGroup } from './group';
import { article, noun } from './nouns';
import { findRelations } from './relations';
import { guessScene } from './scene-guess';
import type { Relation, SeenObject } from './types';

/** 'short': one sentence naming the main things; 'detailed': every group with position, notes and relations. */
export type { CaptionStyle };

/** A caption and what it is made of: the groups it names, its relations, its scene and the objects named. */
export interface CaptionPlan {
  text: string;
  groups: ObjectGroup[];
  relations: Relation[];
  scene: string | null;
  /** Indices of the objects the caption names (the second look's first candidates). */
  named: number[];
}

/** "a", "a and b", "a, b and c" (no Oxford comma). */
function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "one other thing" / "three other things" / "many other things". */
function restPhrase(n: number): string {
  return `${countWord(n)} other ${n === 1 ? 'thing' : 'things'}`;
}

/**
 * A group's noun phrase: [hedge] determiner [size] [colour] noun; adjectives only when every member shares them; the
 * determiner of a `more` group is "another" or "N more".
 */
function nounPhrase(objects: readonly SeenObject[], g: ObjectGroup, adjectives: boolean): string {
  const members = g.members.map((i) => objects[i]);
  const n = members.length;
  const shared = <T>(pick: (o: SeenObject) => T): T | null =>
    members.every((o) => pick(o) === pick(members[0])) ? pick(members[0]) : null;
  const size = shared((o) => (o.size === 'close' ? null : o.size));
  const colour = shared((o) => o.colour);
  const words: string[] = adjectives ? [size, colour].filter((w): w is NonNullable<typeof w> => w !== null) : [];
  words.push(noun(g.label, n));
  const rest = words.join(' ');
  // More of a class already said: "what looks like another horse", "what look like two more horses".
  const det = g.more ? (n === 1 ? 'another' : `${countWord(n)} more`) : n === 1 ? article(rest) : countWord(n);
  const hedge = g.hedged ? (n === 1 ? 'what looks like ' : 'what look like ') : '';
  return `${hedge}${det} ${rest}`;
}

function positionPhrase(objects: readonly SeenObject[], g: ObjectGroup): string {
  const cells = groupCells(objects, g);
  return cells.length <= 2 ? ' ' + joinList(cells.map((c) => POSITION_PHRASES[c])) : '';
}

/** Every note of one object as said: 'close to the camera' first, then its second-look notes. */
function notesOf(o: SeenObject): string[] {
  return [...(o.size === 'close' ? ['close to the camera'] : []), ...o.notes];
}

/**
 * Notes of a group too large to be said member by member (MEMBER_CLAUSES_MAX): "one of them smiling", "all of
 * them ...", at most two; a single object's own notes.
 */
function groupNotes(objects: readonly SeenObject[], g: ObjectGroup): string[] {
  if (g.members.length === 1) return notesOf(objects[g.members[0]]);
  const counts = new Map<string, number>();
  for (const i of g.members) for (const n of notesOf(objects[i])) counts.set(n, (counts.get(n) ?? 0) + 1);
  const all = g.members.length === 2 ? 'both' : 'all of them';
  return [...counts.entries()]
    .slice(0, 2)
    .map(([note, n]) => `${n === g.members.length ? all : `${countWord(n)} of them`} ${note}`);
}

/** What a member of a group carries: its own notes and the relations it is the subject of. */
function carried(objects: readonly SeenObject[], m: number, own: readonly Relation[]): string[] {
  return [...notesOf(objects[m]), ...own.filter((r) => r.subject === m).map((r) => `${r.kind} #${r.object}`)];
}

/**
 * Whether a group of two or three (MEMBER_CLAUSES_MAX) is said member by member, because "one of them" would not
 * say who: its members stand in different cells and one carries notes or a relation ("Two people: one on the left,
 * holding a cup; the other on the right"), or they share a cell and two carry different ones ("Two people in the
 * center: one smiling; the other raising both arms", not "one of them smiling, one of them raising both arms").
 * Null when the group's own form says it; else whether the members share one cell, and the members to say.
 */
function memberByMember(
  objects: readonly SeenObject[],
  g: ObjectGroup,
  own: readonly Relation[],
): { oneCell: boolean; said: number[] } | null {
  const n = g.members.length;
  if (n < 2 || n > MEMBER_CLAUSES_MAX) return null;
  const each = g.members.map((m) => carried(objects, m, own));
  if (each.every((c) => c.length === 0)) return null;
  // Different cells: every member, with its cell.
  if (groupCells(objects, g).length > 1) return { oneCell: false, said: g.members };
  // One cell: what every member carries is said "both" / "all of them"; the rest must belong to one kind of member.
  const shared = each[0].filter((c) => each.every((other) => other.includes(c)));
  const unshared = each.map((c) => c.filter((x) => !shared.includes(x)).join('|')).filter((c) => c !== '');
  if (new Set(unshared).size <= 1) return null;
  // The cell once, then the members that carry something.
  return { oneCell: true, said: g.members.filter((_, k) => each[k].length > 0) };
}

function writeDetailed(objects: readonly SeenObject[], shown: ObjectGroup[], rest: number, scene: string | null) {
  const groupOf = new Map<number, number>();
  shown.forEach((g, gi) => g.members.forEach((i) => groupOf.set(i, gi)));
  const at = (i: number) => groupOf.get(i)!;
  // A `more` group continues its class ("what look like two more clocks"): a target of that class said inline
  // from it or after it would be the class's first mention coming after its "more", and "two more clocks, next to
  // a clock" says nothing. Nor can a target with notes of its own be said inline ("next to a person, smiling" is
  // ambiguous). Such a target keeps its own clause, and a relation to it is said only from a later clause.
  const continued = (label: string, gi: number) => shown.some((g, k) => k <= gi && g.more && g.label === label);
  const inlineable = (r: Relation) =>
    notesOf(objects[r.object]).length === 0 && !continued(objects[r.object].label, at(r.subject));
  const relations = findRelations(objects, shown).filter(
    (r) =>
      !(shown[at(r.subject)].more && objects[r.object].label === objects[r.subject].label) &&
      (inlineable(r) || at(r.object) < at(r.subject)),
  );
  const inline = new Set(relations.filter(inlineable).map((r) => r.object));
  const clauses: string[] = [];
  /** "holding a small cup on the left" ("holding the cup" when the cup is said elsewhere), from `place`. */
  const relationPhrase = (r: Relation, place: ObjectGroup): string => {
    const t = shown[groupOf.get(r.object)!];
    // The target's position is left out when it is the subject's own (only) cell.
    const where = positionPhrase(objects, t) === positionPhrase(objects, place) ? '' : positionPhrase(objects, t);
    const target = inline.has(r.object) ? nounPhrase(objects, t, true) + where : `the ${noun(t.label, 1)}`;
    return `${r.kind} ${target}`;
  };
  shown.forEach((g) => {
    if (g.members.length === 1 && inline.has(g.members[0])) return;
    const own = relations.filter((r) => g.members.includes(r.subject));
    const byMember = memberByMember(objects, g, own);
    if (byMember) {
      const { oneCell } = byMember;
      const memberClauses = byMember.said.map((m, k) => {
        const single: ObjectGroup = { ...g, members: [m] };
        const who = k > 0 && g.members.length === 2 ? 'the other' : 'one';
        const mine = own.filter((r) => r.subject === m).map((r) => relationPhrase(r, single));
        const said = [...notesOf(objects[m]), ...mine];
        if (oneCell) return `${who} ${said.join(', ')}`;
        return [who + positionPhrase(objects, single), ...said].join(', ');
      });
      const head = nounPhrase(objects, g, true) + (oneCell ? positionPhrase(objects, g) : '');
      clauses.push(`${head}: ${memberClauses.join('; ')}`);
      return;
    }
    const parts = [nounPhrase(objects, g, true) + positionPhrase(objects, g), ...groupNotes(objects, g)];
    for (const r of own) parts.push(`${g.members.length > 1 ? 'one of them ' : ''}${relationPhrase(r, g)}`);
    clauses.push(parts.join(', '));
  });
  if (rest > 0) clauses.push(restPhrase(rest));
  const text = capitalise(clauses.join('; ')) + '.' + (scene ? ` ${capitalise(`probably ${scene}`)}.` : '');
  return { text, relations };
}

/** The caption of a set of objects (glance or refined) and what it names. */
export function planCaption(objects: readonly SeenObject[], style: CaptionStyle): CaptionPlan {
  const all = groupObjects(objects);
  if (all.length === 0) return { text: NOTHING_CAPTION, groups: all, relations: [], scene: null, named: [] };
  // A short caption names each class once, with its sure count: the hedged extras of a class it names ("what
  // look like two more") are a detail, and counting them as "other things" would say they are something else.
  // Those of a class it leaves out are counted with their class.
  const short = style === 'short';
  const shown = (short ? all.filter((g) => !g.more) : all).slice(0, short ? SHORT_MAX_GROUPS : DETAILED_MAX_GROUPS);
  const shownClasses = new Set(shown.map((g) => g.label));
  const rest = all
    .filter((g) => !shown.includes(g) && !(short && g.more && shownClasses.has(g.label)))
    .reduce((n, g) => n + g.members.length, 0);
  const scene = guessScene(objects);
  const named = shown.flatMap((g) => g.members);
  if (style === 'detailed') return { ...writeDetailed(objects, shown, rest, scene), groups: shown, scene, named };
  const items = shown.map((g) => nounPhrase(objects, g, false));
  if (rest > 0) items.push(restPhrase(rest));
  const text = capitalise(joinList(items)) + (scene ? `, probably ${scene}` : '') + '.';
  return { text, groups: shown, relations: [], scene, named };
}

/** The caption text alone. */
export function writeCaption(objects: readonly SeenObject[], style: CaptionStyle): string {
  return planCaption(objects, style).text;
}
