// Which datasets a month provides: what its own folder has, and the reference lists (campaigns,
// content) the newest folder up to it has, as the as-of tables read them. A section shows what
// depends on a dataset the month lacks as "not provided", never as zero.
import { DATASETS, type DatasetName } from "../schema/dataset.ts";

/** Datasets each month folder has (model/load.ts). */
export type FolderDatasets = ReadonlyMap<string, ReadonlySet<DatasetName>>;

/** Whether month `month` provides `dataset`: its own folder has it, or, for a reference list, any folder up to it. */
export function providedIn(folders: FolderDatasets, dataset: DatasetName, month: string): boolean {
  if (folders.get(month)?.has(dataset)) return true;
  if (!DATASETS[dataset].list) return false;
  for (const [m, datasets] of folders) if (m <= month && datasets.has(dataset)) return true;
  return false;
}

/** The datasets month `month` provides, sorted. */
export function providedAt(folders: FolderDatasets, month: string): DatasetName[] {
  return (Object.keys(DATASETS) as DatasetName[]).filter((d) => providedIn(folders, d, month)).sort();
}
