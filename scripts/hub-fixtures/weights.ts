import { CHAIN_LOGIT, COLOUR_GAIN, COLOUR_TOKENS, COLOURS, EOT, N_EMBD, type WordToken } from './design';

/**
 * The designed weights. The decoder's hidden state is a one-hot "what comes next" code looked up from the current
 * token, so every position's logits depend only on its own token and on the image: the chain
 * <|endoftext|> → a → Ġphoto → Ġof → Ġsomething → COLOUR → . → <|endoftext|>, with COLOUR read from the mean of the
 * encoder features at the one step whose code is the colour slot.
 */

/** Slots of the hidden code: what the next token is (COLOUR = decided by the image). */
const SLOTS = ['a', 'Ġphoto', 'Ġof', 'Ġsomething', 'COLOUR', '.', EOT] as const;
type Slot = (typeof SLOTS)[number];
const COLOUR_SLOT = SLOTS.indexOf('COLOUR');

/** Which slot each token's embedding points at; any token not listed (bytes, merge pieces) ends the text. */
const NEXT: Partial<Record<WordToken | typeof EOT, Slot>> = {
  [EOT]: 'a',
  a: 'Ġphoto',
  Ġphoto: 'Ġof',
  Ġof: 'Ġsomething',
  Ġsomething: 'COLOUR',
  Ġred: '.',
  Ġgreen: '.',
  Ġblue: '.',
  '.': EOT,
};

export interface DesignedWeights {
  /** [3, N_EMBD]: a patch's mean RGB (normalized) into the first three features. */
  patchEmbed: Float32Array;
  /** [V, N_EMBD] token → hidden code. */
  wte: Float32Array;
  /** [N_EMBD, V] hidden code → chain logits. */
  lmHead: Float32Array;
  /** [N_EMBD, 1] hidden code → 1 at the colour step, else 0. */
  colourGate: Float32Array;
  /** [N_EMBD, V] mean encoder feature → colour logits. */
  colourHead: Float32Array;
  /** Per layer [N_EMBD, N_EMBD] projections whose results fill the key/value cache. */
  keyProj: Float32Array[];
  valueProj: Float32Array[];
}

function idOf(vocab: Map<string, number>, token: string): number {
  const id = vocab.get(token);
  if (id === undefined) throw new Error(`token ${token} is not in the vocabulary`);
  return id;
}

function scaledIdentity(n: number, s: number): Float32Array {
  const m = new Float32Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = s;
  return m;
}

export function designedWeights(vocab: Map<string, number>, nLayer: number): DesignedWeights {
  if (SLOTS.length > N_EMBD) throw new Error('the hidden code needs one feature per slot');
  const V = vocab.size;

  const patchEmbed = new Float32Array(3 * N_EMBD);
  for (let c = 0; c < 3; c++) patchEmbed[c * N_EMBD + c] = 1;

  const wte = new Float32Array(V * N_EMBD);
  const endSlot = SLOTS.indexOf(EOT);
  for (let id = 0; id < V; id++) wte[id * N_EMBD + endSlot] = 1;
  for (const [token, slot] of Object.entries(NEXT)) {
    const id = idOf(vocab, token);
    wte.fill(0, id * N_EMBD, (id + 1) * N_EMBD);
    wte[id * N_EMBD + SLOTS.indexOf(slot)] = 1;
  }

  const colourIds = COLOURS.map((c) => idOf(vocab, COLOUR_TOKENS[c]));
  const lmHead = new Float32Array(N_EMBD * V);
  SLOTS.forEach((slot, k) => {
    if (slot === 'COLOUR') {
      // Everything but a colour is pushed down; the colours are left to colourHead.
      for (let id = 0; id < V; id++) if (!colourIds.includes(id)) lmHead[k * V + id] = -CHAIN_LOGIT;
    } else {
      lmHead[k * V + idOf(vocab, slot)] = CHAIN_LOGIT;
    }
  });

  const colourGate = new Float32Array(N_EMBD);
  colourGate[COLOUR_SLOT] = 1;

  // Column of colour c: GAIN·(2·f_c − f_other1 − f_other2) over the first three (RGB) features.
  const colourHead = new Float32Array(N_EMBD * V);
  colourIds.forEach((id, c) => {
    for (let f = 0; f < 3; f++) colourHead[f * V + id] = COLOUR_GAIN * (f === c ? 2 : -1);
  });

  const keyProj: Float32Array[] = [];
  const valueProj: Float32Array[] = [];
  for (let i = 0; i < nLayer; i++) {
    // Distinct per layer and per kind, so a test can tell the cache entries apart.
    keyProj.push(scaledIdentity(N_EMBD, i + 1));
    valueProj.push(scaledIdentity(N_EMBD, -(i + 1)));
  }

  return { patchEmbed, wte, lmHead, colourGate, colourHead, keyProj, valueProj };
}
