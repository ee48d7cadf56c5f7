// What the site says about people, as a publication policy applied when the pages are made (the
// numbers and editions keep the names): owners by name, by initials or by pseudonym, and pages
// marked noindex so a site served without access control is at least not listed by search engines.
import { createHmac } from "node:crypto";
import type { Config } from "../schema/config.ts";

export type OwnerPolicy = "names" | "initials" | "pseudonyms";

/** The owner for handoffs and activities without one: a placeholder, not a person. */
const UNASSIGNED = "unassigned";
/** Crockford's base32: no I, L, O or U to misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "Taro Tanaka" -> "T.T.", "田中 太郎" -> "田.太.": the first character of each part of the name. */
export function initials(name: string): string {
  const parts = name
    .normalize("NFC")
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  return parts.map((p) => `${[...p][0]!.toUpperCase()}.`).join("");
}

/**
 * A pseudonym for `name`: five base32 characters of an HMAC of the name under `key`, so the same
 * name has the same pseudonym in every month and build, and no one without the key can test a
 * guessed name against it.
 */
export function pseudonym(name: string, key: string, locale: "ja" | "en"): string {
  const mac = createHmac("sha256", key).update(name.normalize("NFC").trim()).digest();
  let code = "";
  for (let i = 0; i < 5; i++) code += ALPHABET[mac[i]! & 31];
  return `${locale === "ja" ? "担当者" : "Rep"}-${code}`;
}

/** How `name` appears under the policy. */
export function ownerLabel(name: string, privacy: Config["privacy"], locale: "ja" | "en"): string {
  if (name === UNASSIGNED || privacy.owners === "names") return name;
  if (privacy.owners === "initials") return initials(name);
  return pseudonym(name, privacy.pseudonymKey!, locale);
}

/** Fields that name an owner, inside any `owners` part of a report (handoff.owners[].key, sla.rules[].owners[].owner, ...). */
const OWNER_FIELDS = new Set(["owner", "key", "topKey"]);

/** A copy of `report` with every owner shown as the policy says (the report itself is left as it is). */
export function withOwnerPolicy<T>(report: T, privacy: Config["privacy"], locale: "ja" | "en"): T {
  if (privacy.owners === "names") return report;
  const walk = (node: unknown, owners: boolean): unknown => {
    if (Array.isArray(node)) return node.map((x) => walk(x, owners));
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        owners && OWNER_FIELDS.has(k) && typeof v === "string" ? ownerLabel(v, privacy, locale) : walk(v, owners || k === "owners"),
      ]),
    );
  };
  return walk(report, false) as T;
}

/** The robots meta tag's content for every page (none when the project turns noindex off). */
export function robots(config: Config): string | undefined {
  return config.privacy?.noindex === false ? undefined : "noindex, nofollow";
}

/** A configuration as a page or an edition may show it: the pseudonym key is a secret. */
export function shownConfig<T extends Record<string, unknown>>(config: T): T {
  const privacy = config.privacy as Record<string, unknown> | undefined;
  if (!privacy?.pseudonymKey) return config;
  return { ...config, privacy: { ...privacy, pseudonymKey: "(set, not shown)" } };
}
