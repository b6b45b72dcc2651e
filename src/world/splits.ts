/** Fixed seeds of the dataset splits: scene i of a split is sampleScene(sceneSeed(SPLIT_SEEDS[split], i)). */
export const SPLIT_SEEDS = { train: 1, val: 2, test: 3 } as const;
export type Split = keyof typeof SPLIT_SEEDS;
