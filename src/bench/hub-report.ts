/** The hub fixtures' samples as the bench report gives them: medians per family and mode (hub-types.ts). */
import type { HubFamilyMeasurement, HubFamilyReport, HubMeasurements, HubReport } from './hub-types';
import { summarizeOrNull } from './stats';

export function summarizeHubFamily(m: HubFamilyMeasurement): HubFamilyReport {
  const roundTrips = m.refined.flatMap((s) => (s.roundTripMs === undefined ? [] : [s.roundTripMs]));
  return {
    repoId: m.repoId,
    modelType: m.modelType,
    loadMs: m.loadMs,
    warmupMs: m.warmupMs,
    threads: m.threads,
    coarse: summarizeOrNull(m.coarse.map((s) => s.totalMs)),
    refined: summarizeOrNull(m.refined.map((s) => s.totalMs)),
    refinedRoundTrip: summarizeOrNull(roundTrips),
    secondLook: summarizeOrNull(m.refined.map((s) => s.stages.lookAgain + s.stages.pass2)),
    error: m.error,
  };
}

export function buildHubReport(m: HubMeasurements): HubReport {
  return { inputs: m.inputs, style: m.style, families: m.families.map(summarizeHubFamily) };
}

/** One note per family that failed, for the report's notes (the table says it too, in fewer words). */
export function hubNotes(hub: { families: readonly { repoId: string; error: string | null }[] }): string[] {
  return hub.families.flatMap((f) => (f.error ? [`Hub fixture ${f.repoId}: ${f.error}`] : []));
}
