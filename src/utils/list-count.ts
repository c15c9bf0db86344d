/**
 * How many a list holds, as the lists answer it: exact once its last page is in, "20+" while more follow
 * (lists are never counted in full, which would read every matching document).
 */
export function listCount(total: number | null, shown: number): string {
  return total === null ? `${shown}+` : String(total)
}
