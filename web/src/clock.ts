/** Today's date (YYYY-MM-DD), to tell what is past from what is to come. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
