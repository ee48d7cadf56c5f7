// The pages' bundle: Astro's server build of the page templates, made once for the tool's files under
// <tool root>/.astro/renderer/, in a process of its own: Astro's builder (Vite, rolldown) then never
// shares a heap with DuckDB or a build's model, gives back what it allocated when the process ends,
// and bundles while the build reads its data (docs/performance.md, "The pages bundled once").
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { removeDeadLeftovers } from "../model/process.ts";
import { sharedModules } from "./shared-modules.ts";

/** The bundle's entry, in its folder: it exports the app that renders a page (site/server-entry.ts). */
export const BUNDLE_ENTRY = join("server", "entry.mjs");

/** Bundles kept for other versions of the tool's files (an older checkout, a branch): the last used few. */
const KEPT_BUNDLES = 4;

/**
 * The bundle's folder for the tool's files (their fingerprint, site/carry.ts) where they are: the
 * bundle imports the tool's shared modules by absolute path (site/shared-modules.ts), so a copy of
 * the tool elsewhere makes its own. One for every base path: the pages write their links from the
 * model's base (site/links.ts), never from Astro's, so the bundle is made for "/" and its pages
 * asked for at "/".
 */
export function bundleDir(toolRoot: string, templates: string): string {
  const key = createHash("sha256").update(JSON.stringify({ toolRoot, templates })).digest("hex").slice(0, 16);
  return join(toolRoot, ".astro", "renderer", key);
}

/** What a bundle is made from. */
export interface BundleOptions {
  toolRoot: string;
  /** Its folder (bundleDir). */
  dir: string;
}

/** The bundles this process is making, by folder: two builds at once in one process make one. */
const making = new Map<string, Promise<void>>();

/**
 * Makes the bundle in `o.dir` in a child process, unless it is there, and marks it used (the
 * bundles pruned are the least recently used). Astro's own output (its warnings) goes to this
 * process's standard error; a failure rejects with it.
 */
export function makeBundle(o: BundleOptions): Promise<void> {
  if (existsSync(join(o.dir, BUNDLE_ENTRY))) {
    const now = new Date();
    try {
      utimesSync(o.dir, now, now);
    } catch {
      // A folder this user may not mark (another's) is used all the same: only pruning reads the mark.
    }
    return Promise.resolve();
  }
  let made = making.get(o.dir);
  if (!made) {
    made = bundleInChild(o).finally(() => making.delete(o.dir));
    making.set(o.dir, made);
  }
  return made;
}

function bundleInChild(o: BundleOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(o)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
    });
    const output: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => output.push(d));
    child.stderr.on("data", (d: Buffer) => output.push(d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const said = Buffer.concat(output).toString("utf8").trim();
      if (code === 0 && existsSync(join(o.dir, BUNDLE_ENTRY))) {
        if (said) process.stderr.write(`${said}\n`);
        resolve();
      } else reject(new Error(`bundling the pages failed (${signal ?? `exit ${code}`})${said ? `:\n${said}` : ""}`));
    });
  });
}

/** Astro's server build of the pages into `o.dir`, written beside it and moved in whole. */
async function bundlePages(astro: typeof import("astro"), o: BundleOptions): Promise<void> {
  const staging = `${o.dir}.tmp-${process.pid}`;
  // Named for this process, so that a later build removes it should this one be killed (site/output.ts).
  const cacheDir = mkdtempSync(join(tmpdir(), `gekkan-bundle-${process.pid}-`));
  rmSync(staging, { recursive: true, force: true });
  // No content sync: the pages read no content collection (narratives are read as an edition freezes
  // them, into the model), and the sync started a temporary Vite server on every build
  // (docs/performance.md). An option of Astro's builder its typings leave out, hence the variable.
  const builder: Parameters<typeof astro.build>[1] & { sync: boolean } = { sync: false };
  try {
    await astro.build(
      {
        root: o.toolRoot,
        outDir: staging,
        base: "/",
        cacheDir,
        logLevel: "warn",
        output: "server",
        adapter: adapter(o.toolRoot),
        // The pages show no images: no image service (the default one, sharp, serves images on request).
        image: { service: { entrypoint: "astro/assets/services/noop" } },
        vite: { plugins: [sharedModules(o.toolRoot)] },
      },
      builder,
    );
    pruneBundles(o.dir);
    // A build beside this one may have made the same bundle meanwhile: the first one in stays, as
    // a build may be loading it.
    try {
      renameSync(staging, o.dir);
    } catch (e) {
      if (!existsSync(join(o.dir, BUNDLE_ENTRY))) throw e;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/**
 * Removes the bundles beside `dir` but the newest few (with `dir`, KEPT_BUNDLES are left), and the
 * half-made ones of processes that no longer run.
 */
function pruneBundles(dir: string): void {
  const parent = dirname(dir);
  if (!existsSync(parent)) return;
  removeDeadLeftovers(parent, /\.tmp-(\d+)$/, (path) => rmSync(path, { recursive: true, force: true }));
  const bundles = readdirSync(parent)
    .filter((name) => !name.includes(".tmp-") && join(parent, name) !== dir)
    .map((name) => ({ path: join(parent, name), time: statSync(join(parent, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  // Moved aside first, as a half-made one is named, so that a removal cut short leaves no half bundle.
  for (const { path } of bundles.slice(KEPT_BUNDLES - 1)) {
    const aside = `${path}.tmp-${process.pid}`;
    renameSync(path, aside);
    rmSync(aside, { recursive: true, force: true });
  }
}

/** The adapter the pages' server build needs: its entry is an app that renders a page on request. */
function adapter(toolRoot: string): AstroIntegration {
  const name = "gekkan-renderer";
  return {
    name,
    hooks: {
      "astro:config:done": ({ setAdapter }) =>
        setAdapter({
          name,
          entrypointResolution: "auto",
          serverEntrypoint: join(toolRoot, "src", "site", "server-entry.ts"),
          supportedAstroFeatures: { staticOutput: "stable", serverOutput: "stable" },
        }),
    },
  };
}

// Run as a process of its own (makeBundle): the options are its one argument. It exits when the
// bundle is made, whatever Astro's builder leaves open.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Before Astro loads: its modules and Vite's are then read compiled from Node's cache.
  enableCompileCache?.();
  await bundlePages(await import("astro"), JSON.parse(process.argv[2]!) as BundleOptions);
  process.exit(0);
}
