// A worker thread rendering pages beside the build's own (site/renderer.ts, renderGroups): it loads
// the pages' bundle, provides its copy of the model, and renders the group of pages it starts with,
// then each it is handed.
import { parentPort, workerData } from "node:worker_threads";
import { provideSite } from "./model.ts";
import { withPhraseBreaks } from "./phrases.ts";
import { loadApp, renderPages, type SitePage, type WorkerMessage, type WorkerSetup } from "./renderer.ts";

const { dir, outDir, model, phraseBreaks, first } = workerData as WorkerSetup & { first: SitePage[] };
const port = parentPort!;
const say = (m: WorkerMessage) => port.postMessage(m);
const failed = (e: unknown) => say(e instanceof Error ? { error: e.message, stack: e.stack } : { error: String(e) });

try {
  const app = await loadApp(dir);
  provideSite(model);
  // The runs broken so far, shared between the pages this worker renders, as on the build's thread.
  const known = new Map<string, string>();
  const transform = phraseBreaks ? (html: string) => withPhraseBreaks(html, known) : undefined;
  // One group at a time: the next is handed over only once this one is done.
  const render = (pages: SitePage[]) => renderPages(app, pages, { dir, outDir, transform }).then(() => say({ ready: true }), failed);
  port.on("message", render);
  await render(first);
} catch (e) {
  failed(e);
}
