// The tool's own modules the pages import (sections, metrics, charts, schemas, formats), loaded by
// Node as the build itself loads them instead of bundled with the pages (site/bundle.ts): the build
// has most of them loaded already, and bundling them cost Vite time and the process a second copy
// of each (docs/performance.md).
import { sep } from "node:path";
import { pathToFileURL } from "node:url";

/** What of a Vite plugin hook's context the plugin uses. */
interface ResolveContext {
  resolve(source: string, importer: string, options: object): Promise<{ id: string; external?: boolean | string } | null>;
}

/**
 * Whether the pages load `file` (an absolute path, as Vite resolved it) as the tool's own module
 * rather than from their bundle: a TypeScript module under `<toolRoot>/src/`, outside the render
 * layer. `src/site/` stays in the bundle with the pages (the model reaches its own instance of
 * site/model.ts through the process's global object). So does
 * `sections/components.ts`, which finds the sections' components with `import.meta.glob`, a
 * bundler's feature.
 */
export function isShared(file: string, toolRoot: string): boolean {
  const src = `${toolRoot.split(sep).join("/")}/src/`;
  if (!file.startsWith(src) || !file.endsWith(".ts")) return false;
  const rel = file.slice(src.length);
  return !rel.startsWith("site/") && rel !== "sections/components.ts";
}

/**
 * A Vite plugin for the pages' server build: imports of shared modules (isShared) are left to Node,
 * by file URL; every other import as the rest of Vite's resolvers resolve it. Not for the browser's
 * build, which gets no module of the tool's.
 */
export function sharedModules(toolRoot: string) {
  return {
    name: "gekkan:shared-modules",
    enforce: "pre" as const,
    applyToEnvironment: (environment: { name: string }) => environment.name !== "client",
    async resolveId(this: ResolveContext, source: string, importer: string | undefined, options: object) {
      if (importer === undefined) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // Anything else keeps the resolution just found: answering null made Vite resolve it again.
      if (!resolved || resolved.external || !isShared(resolved.id, toolRoot)) return resolved;
      return { id: pathToFileURL(resolved.id).href, external: true };
    },
  };
}
