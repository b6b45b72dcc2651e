/**
 * How captions name the 80 COCO classes: singular and plural, keyed by the COCO name (the order of COCO_LABELS
 * does not matter here). Choices (docs/caption-grammar.md, part 2): 'dining table' is a table, 'tv' a screen
 * (COCO's tv includes monitors), 'cell phone' a phone, 'sports ball' a ball, 'skis' and 'scissors' a pair, 'hair
 * drier' the common spelling 'hair dryer', 'broccoli' a head of broccoli, 'person' person/people.
 */

/** [singular, plural] per COCO name. */
// prettier-ignore
export const NOUNS: Readonly<Record<string, readonly [string, string]>> = {
  person: ['person', 'people'], bicycle: ['bicycle', 'bicycles'], car: ['car', 'cars'],
  motorcycle: ['motorcycle', 'motorcycles'], airplane: ['airplane', 'airplanes'], bus: ['bus', 'buses'],
  train: ['train', 'trains'], truck: ['truck', 'trucks'], boat: ['boat', 'boats'],
  'traffic light': ['traffic light', 'traffic lights'], 'fire hydrant': ['fire hydrant', 'fire hydrants'],
  'stop sign': ['stop sign', 'stop signs'], 'parking meter': ['parking meter', 'parking meters'],
  bench: ['bench', 'benches'], bird: ['bird', 'birds'], cat: ['cat', 'cats'], dog: ['dog', 'dogs'],
  horse: ['horse', 'horses'], sheep: ['sheep', 'sheep'], cow: ['cow', 'cows'],
  elephant: ['elephant', 'elephants'], bear: ['bear', 'bears'], zebra: ['zebra', 'zebras'],
  giraffe: ['giraffe', 'giraffes'], backpack: ['backpack', 'backpacks'], umbrella: ['umbrella', 'umbrellas'],
  handbag: ['handbag', 'handbags'], tie: ['tie', 'ties'], suitcase: ['suitcase', 'suitcases'],
  frisbee: ['frisbee', 'frisbees'], skis: ['pair of skis', 'pairs of skis'], snowboard: ['snowboard', 'snowboards'],
  'sports ball': ['ball', 'balls'], kite: ['kite', 'kites'], 'baseball bat': ['baseball bat', 'baseball bats'],
  'baseball glove': ['baseball glove', 'baseball gloves'], skateboard: ['skateboard', 'skateboards'],
  surfboard: ['surfboard', 'surfboards'], 'tennis racket': ['tennis racket', 'tennis rackets'],
  bottle: ['bottle', 'bottles'], 'wine glass': ['wine glass', 'wine glasses'], cup: ['cup', 'cups'],
  fork: ['fork', 'forks'], knife: ['knife', 'knives'], spoon: ['spoon', 'spoons'], bowl: ['bowl', 'bowls'],
  banana: ['banana', 'bananas'], apple: ['apple', 'apples'], sandwich: ['sandwich', 'sandwiches'],
  orange: ['orange', 'oranges'], broccoli: ['head of broccoli', 'heads of broccoli'], carrot: ['carrot', 'carrots'],
  'hot dog': ['hot dog', 'hot dogs'], pizza: ['pizza', 'pizzas'], donut: ['donut', 'donuts'], cake: ['cake', 'cakes'],
  chair: ['chair', 'chairs'], couch: ['couch', 'couches'], 'potted plant': ['potted plant', 'potted plants'],
  bed: ['bed', 'beds'], 'dining table': ['table', 'tables'], toilet: ['toilet', 'toilets'], tv: ['screen', 'screens'],
  laptop: ['laptop', 'laptops'], mouse: ['mouse', 'mice'], remote: ['remote', 'remotes'],
  keyboard: ['keyboard', 'keyboards'], 'cell phone': ['phone', 'phones'], microwave: ['microwave', 'microwaves'],
  oven: ['oven', 'ovens'], toaster: ['toaster', 'toasters'], sink: ['sink', 'sinks'],
  refrigerator: ['refrigerator', 'refrigerators'], book: ['book', 'books'], clock: ['clock', 'clocks'],
  vase: ['vase', 'vases'], scissors: ['pair of scissors', 'pairs of scissors'], 'teddy bear': ['teddy bear', 'teddy bears'],
  'hair drier': ['hair dryer', 'hair dryers'], toothbrush: ['toothbrush', 'toothbrushes'],
};

/** The noun for `count` objects of a COCO class; an unknown label is said as itself (plural + 's'). */
export function noun(label: string, count: number): string {
  const entry = NOUNS[label];
  if (!entry) return count === 1 ? label : `${label}s`;
  return count === 1 ? entry[0] : entry[1];
}

/** 'a' or 'an' before a word (by its first letter: no COCO noun starts with a silent h or a 'you' sound). */
export function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** Every noun form (singular and plural) -> its COCO name and whether it is plural; for the parser. */
export const NOUN_FORMS: ReadonlyMap<string, { label: string; plural: boolean }> = new Map(
  Object.entries(NOUNS).flatMap(([label, [one, many]]): [string, { label: string; plural: boolean }][] => [
    [many, { label, plural: true }],
    [one, { label, plural: false }], // 'sheep': the singular wins
  ]),
);
