// A worker thread rendering pages beside the build's own (site/renderer.ts, renderGroups): it loads
// the pages' bundle, provides its copy of the model, and renders the groups of pages it is handed,
// one at a time, in the order given.
import { parentPort, workerData } from "node:worker_threads";
import { provideSite } from "./model.ts";
import { phraseBreaker } from "./phrases.ts";
import { loadApp, renderPages, sentError, type SitePage, type WorkerMessage, type WorkerSetup } from "./renderer.ts";

const { dir, outDir, model, phraseBreaks } = workerData as WorkerSetup;
const port = parentPort!;
const say = (m: WorkerMessage) => port.postMessage(m);

const waiting: SitePage[][] = [];
let render: ((pages: SitePage[]) => Promise<void>) | undefined;
let busy = false;
async function pump(): Promise<void> {
  if (busy || !render) return;
  busy = true;
  try {
    for (let pages = waiting.shift(); pages; pages = waiting.shift()) {
      await render(pages);
      say({ rendered: true });
    }
    busy = false;
  } catch (e) {
    // Nothing more is rendered: the build fails with this.
    render = undefined;
    say({ error: sentError(e) });
  }
}
// Groups may come before the app has loaded: they wait.
port.on("message", (pages: SitePage[]) => {
  waiting.push(pages);
  void pump();
});

try {
  const app = await loadApp(dir);
  provideSite(model);
  const transform = phraseBreaks ? phraseBreaker() : undefined;
  render = (pages) => renderPages(app, pages, { dir, outDir, transform });
  say({ started: true });
  void pump();
} catch (e) {
  say({ error: sentError(e) });
}
