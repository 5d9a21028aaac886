/** Stands in for real downstream work (WORK_TIME_MS), so a demo can show a slow consumer being shaved. */
export async function simulateWork(ms: number): Promise<void> {
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
