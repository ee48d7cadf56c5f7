// The site model: what the build step computed, as the pages read it. Pages never query data.
import { readFileSync } from "node:fs";
import type { MonthReport } from "../metrics/report.ts";
import type { Definition } from "../metrics/context.ts";
import type { FileReport } from "../model/load.ts";
import type { Config } from "../schema/config.ts";
import type { Problem } from "../validate/problem.ts";

export interface SiteModel {
  config: Config;
  /** Locale the site is rendered in (config.locale unless the build overrides it). */
  locale: "ja" | "en";
  months: string[];
  reports: Record<string, MonthReport>;
  files: FileReport[];
  /** Warnings and notes (a site is never built with errors). */
  problems: Problem[];
  definitions: { section: string; items: Definition[] }[];
  tool: { name: string; version: string; schemaVersion: number };
}

let cached: SiteModel | undefined;

export function site(): SiteModel {
  const path = process.env.GEKKAN_SITE_JSON;
  if (!path) throw new Error("GEKKAN_SITE_JSON is not set: build the site with `npm run build`, not `astro build`");
  cached ??= JSON.parse(readFileSync(path, "utf8")) as SiteModel;
  return cached;
}

export function formatOptions(s: SiteModel) {
  return { locale: s.locale, currency: s.config.currency, yenUnits: s.config.yenUnits };
}

export function monthPaths() {
  return site().months.map((month) => ({ params: { month } }));
}
