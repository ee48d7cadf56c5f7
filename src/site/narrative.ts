// The month's narrative entry, if reports/YYYY-MM.md exists.
import { getCollection, render } from "astro:content";

export async function narrativeOf(month: string) {
  // getCollection, not getEntry: a month without a narrative is normal, not worth a warning.
  const entry = (await getCollection("reports")).find((e) => e.id === month);
  if (!entry) return undefined;
  const { Content } = await render(entry);
  return { data: entry.data, Content, hasBody: (entry.body ?? "").trim() !== "" };
}
