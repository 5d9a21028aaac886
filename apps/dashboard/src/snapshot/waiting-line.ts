import type { WaitingLineView } from '@dinner-rush/contracts';
import { fetchJson } from './http-json';

/** The rider waiting line as the page shows it: the line, how long its head has waited, the fleet. */
export interface RidersView extends WaitingLineView {
  oldestWaitMs: number | null;
}

/** Null when rider-assignment does not answer (or predates GET /waiting-line). */
export async function readWaitingLine(
  riderAssignmentUrl: string,
  bearer?: string,
): Promise<RidersView | null> {
  try {
    const line = await fetchJson<WaitingLineView>(`${riderAssignmentUrl}/waiting-line`, { bearer });
    const since = line.oldestRequestedAt === null ? NaN : Date.parse(line.oldestRequestedAt);
    return { ...line, oldestWaitMs: Number.isNaN(since) ? null : Math.max(0, Date.now() - since) };
  } catch {
    return null;
  }
}
