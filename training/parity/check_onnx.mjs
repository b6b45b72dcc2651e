// Runs a bundle's ONNX parts with onnxruntime-node on inputs written by training/parity.py and compares them
// with PyTorch's outputs. Usage: node training/parity/check_onnx.mjs <fixture.json>
// Prints a JSON report; exits 1 when a difference exceeds the fixture's tolerance or a greedy caption differs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const fixture = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const cfg = JSON.parse(readFileSync(join(fixture.bundle, 'config.json'), 'utf8'));
const sessions = {};
async function run(part, feeds) {
  sessions[part] ??= await ort.InferenceSession.create(join(fixture.bundle, 'onnx', `${part}.onnx`));
  return sessions[part].run(feeds);
}
const tensor = (t) =>
  t.type === 'int64'
    ? new ort.Tensor('int64', BigInt64Array.from(t.data.map(BigInt)), t.dims)
    : new ort.Tensor('float32', Float32Array.from(t.data), t.dims);
const maxDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const { num_layers: layers, num_heads: heads, head_dim: hd, hidden_size: D } = cfg.decoder;
const T = cfg.vision.grid ** 2;
const emptyPast = () => {
  const f = {};
  for (let i = 0; i < layers; i++)
    for (const k of ['key', 'value']) f[`past_key_values.${i}.${k}`] = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, hd]);
  return f;
};
const presentsAsPast = (out) => {
  const f = {};
  for (let i = 0; i < layers; i++)
    for (const k of ['key', 'value']) f[`past_key_values.${i}.${k}`] = out[`present.${i}.${k}`];
  return f;
};
const embed = async (ids) =>
  (await run('embed_tokens', { input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]) })).inputs_embeds;
const concat = (a, b) => {
  const data = new Float32Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return new ort.Tensor('float32', data, [1, a.dims[1] + b.dims[1], D]);
};

async function greedy(past, first, maxNew) {
  let p = past['past_key_values.0.key'].dims[2];
  let out = await run('decoder_model_merged', { inputs_embeds: first, attention_mask: ones(p + first.dims[1]), ...past });
  const ids = [];
  const rows = [Array.from(out.saliency.data.slice((first.dims[1] - 1) * (p + first.dims[1]), (first.dims[1] - 1) * (p + first.dims[1]) + T))];
  for (let step = 0; step < maxNew; step++) {
    const V = out.logits.dims[2];
    const last = out.logits.data.slice((out.logits.dims[1] - 1) * V, out.logits.dims[1] * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
    if (best === cfg.tokens.eos) break;
    ids.push(best);
    if (step === maxNew - 1) break;
    p = out['present.0.key'].dims[2];
    out = await run('decoder_model_merged', { inputs_embeds: await embed([best]), attention_mask: ones(p + 1), ...presentsAsPast(out) });
    rows.push(Array.from(out.saliency.data.slice(0, T)));
  }
  return { ids, rows };
}
const ones = (n) => new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);

const report = { parts: [], captions: [], ok: true };
for (const c of fixture.cases) {
  const out = await run(c.part, Object.fromEntries(Object.entries(c.feeds).map(([k, v]) => [k, tensor(v)])));
  for (const [name, exp] of Object.entries(c.expected)) {
    const got = out[name];
    const sameDims = JSON.stringify(Array.from(got.dims)) === JSON.stringify(exp.dims);
    const diff = sameDims ? maxDiff(Array.from(got.data), exp.data) : Infinity;
    report.parts.push({ case: c.name, output: name, dims: Array.from(got.dims), maxAbsDiff: diff });
    if (!(diff <= fixture.tolerance)) report.ok = false;
  }
}
for (const s of fixture.two_pass ?? []) {
  const img = (await run('vision_encoder', { pixel_values: tensor(s.global_pixels) })).image_embeds;
  const prefix = await run('decoder_model_merged', { inputs_embeds: img, attention_mask: ones(T), ...emptyPast() });
  const kvImg = presentsAsPast(prefix);
  const maxNew = cfg.generation.max_new_tokens[s.style];
  const task = cfg.tokens[s.style];
  const coarse = await greedy(kvImg, await embed([task]), maxNew);
  const heat = new Array(T).fill(0);
  const fed = [task, ...coarse.ids];
  coarse.rows.forEach((row, i) => {
    if (!cfg.saliency.content_token_ids.includes(fed[i])) return;
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => (heat[j] += v / sum));
  });
  const feats = (await run('vision_encoder', { pixel_values: tensor(s.crop_pixels) })).region_features;
  const k = s.crop_pixels.dims[0];
  const regionFeatures = new ort.Tensor('float32', feats.data, [1, k, T, feats.dims[2]]);
  const regionEmbeds = (await run('connector', { region_features: regionFeatures, region_boxes: tensor(s.region_boxes), caption_embeds: await embed(coarse.ids) })).region_embeds;
  const prompt = concat(regionEmbeds, await embed([cfg.tokens.refine, ...coarse.ids, task]));
  const refined = await greedy(kvImg, prompt, maxNew);
  const same = JSON.stringify(coarse.ids) === JSON.stringify(s.coarse_ids) && JSON.stringify(refined.ids) === JSON.stringify(s.refined_ids);
  const heatDiff = maxDiff(heat, s.heat);
  report.captions.push({ scene: s.name, style: s.style, identical: same, heatMaxAbsDiff: heatDiff, coarse: coarse.ids.length, refined: refined.ids.length });
  if (!same || !(heatDiff <= fixture.heat_tolerance)) report.ok = false;
}
console.log(JSON.stringify(report, null, 1));
process.exit(report.ok ? 0 : 1);
