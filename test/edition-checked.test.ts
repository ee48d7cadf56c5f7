// What earlier runs found of the editions' files: a file checked before by the same code, its bytes
// unchanged, is taken as it reads; a file whose bytes changed, or a record of other code, is checked again.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKED_EDITIONS_FILE, checkedEditions, policyKey, sha256Of } from "../src/edition/checked.ts";
import { canonicalJson, editionText, listEditions } from "../src/edition/edition.ts";
import { readEdition, type Edition } from "../src/edition/format.ts";

const V2 = join(import.meta.dirname, "../reports/editions/2026-09.r1.json");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-checked-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The sample's first edition in the current format, as a publish writes it. */
function currentText(): string {
  const r = readEdition(JSON.parse(readFileSync(V2, "utf8")));
  if (!r.ok) throw new Error(r.message);
  return editionText(r.edition);
}

/** A record kept in memory: what was written, and how many times. */
function memoryFiles() {
  const store = new Map<string, string>();
  let writes = 0;
  return {
    store,
    writes: () => writes,
    read: (path: string) => {
      const text = store.get(path);
      if (text === undefined) throw new Error("ENOENT");
      return text;
    },
    write: (path: string, text: string) => {
      writes++;
      store.set(path, text);
    },
  };
}

/** A project whose reports/editions/ holds `files` (name -> text). */
function project(name: string, files: Record<string, string>): string {
  const root = join(tmp, name);
  mkdirSync(join(root, "reports/editions"), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, "reports/editions", file), text);
  return root;
}

const only = (root: string, checked?: ReturnType<typeof checkedEditions>): { edition: Edition; sha: string } => {
  const r = listEditions(root, checked);
  expect(r.errors).toEqual([]);
  const edition = r.editions.get("2026-09")![0]!;
  return { edition, sha: r.sha256.get(edition)! };
};

describe("the record of checked editions", () => {
  it("keeps what a run noted for the next run of the same code, and nothing for other code", () => {
    const files = memoryFiles();
    const first = checkedEditions("/p", "code-1", files);
    expect(first.isCanonical("a")).toBe(false);
    first.noteCanonical("a");
    first.noteMaskClean("a", "names");
    first.save();
    expect([...files.store.keys()]).toEqual([join("/p", CHECKED_EDITIONS_FILE)]);
    const next = checkedEditions("/p", "code-1", files);
    expect(next.isCanonical("a")).toBe(true);
    expect(next.isMaskClean("a", "names")).toBe(true);
    // Masking was judged under one owner policy: under another it is judged again.
    expect(next.isMaskClean("a", "pseudonyms")).toBe(false);
    expect(next.isCanonical("b")).toBe(false);
    const other = checkedEditions("/p", "code-2", files);
    expect(other.isCanonical("a")).toBe(false);
    expect(other.isMaskClean("a", "names")).toBe(false);
  });

  it("forgets the files a run did not ask about, and writes nothing when nothing changed", () => {
    const files = memoryFiles();
    const first = checkedEditions("/p", "c", files);
    first.noteCanonical("kept");
    first.noteCanonical("replaced");
    first.noteMaskClean("replaced", "names");
    first.save();
    expect(files.writes()).toBe(1);
    // A restatement replaced one file: the next run reads the other only.
    const second = checkedEditions("/p", "c", files);
    expect(second.isCanonical("kept")).toBe(true);
    second.save();
    expect(files.writes()).toBe(2);
    expect(JSON.parse(files.store.get(join("/p", CHECKED_EDITIONS_FILE))!)).toEqual({ code: "c", canonical: ["kept"], maskClean: {} });
    const third = checkedEditions("/p", "c", files);
    expect(third.isCanonical("kept")).toBe(true);
    third.save();
    expect(files.writes()).toBe(2);
  });

  it("reads a damaged record as empty, and goes on when it cannot write one", () => {
    const files = memoryFiles();
    for (const text of ["{not json", "[]", '{"code":"c","canonical":[1],"maskClean":{}}', '{"code":"c","canonical":[],"maskClean":[]}']) {
      files.store.set(join("/p", CHECKED_EDITIONS_FILE), text);
      expect(checkedEditions("/p", "c", files).isCanonical("1")).toBe(false);
    }
    const refusing = {
      read: files.read,
      write: () => {
        throw new Error("EROFS");
      },
    };
    const run = checkedEditions("/p", "c", refusing);
    run.noteCanonical("a");
    expect(() => run.save()).not.toThrow();
  });

  it("is written under .gekkan/, not beside the editions", () => {
    const root = project("on-disk", {});
    const run = checkedEditions(root, "c");
    run.noteCanonical("a");
    run.save();
    expect(JSON.parse(readFileSync(join(root, ".gekkan/editions.json"), "utf8")).canonical).toEqual(["a"]);
    expect(checkedEditions(root, "c").isCanonical("a")).toBe(true);
  });

  it("keys an owner policy on every privacy setting, the pseudonym key included, and the locale", () => {
    const pseudonyms = (key: string) => ({ owners: "pseudonyms", pseudonymKey: key });
    expect(policyKey(pseudonyms("k1"), "ja")).toBe(policyKey(pseudonyms("k1"), "ja"));
    expect(policyKey(pseudonyms("k1"), "ja")).not.toBe(policyKey(pseudonyms("k2"), "ja"));
    expect(policyKey(pseudonyms("k1"), "ja")).not.toBe(policyKey(pseudonyms("k1"), "en"));
    expect(policyKey({ owners: "names" }, "ja")).not.toBe(policyKey({ owners: "initials" }, "ja"));
  });
});

describe("reading the editions with the record", () => {
  const text = currentText();

  it("notes a file of the current format as a publish writes it, and the next run reads the same edition", () => {
    const root = project("canonical", { "2026-09.r1.json": text });
    const files = memoryFiles();
    const checked = checkedEditions(root, "c", files);
    const first = only(root, checked);
    expect(first.sha).toBe(sha256Of(Buffer.from(text)));
    expect(checked.isCanonical(first.sha)).toBe(true);
    checked.save();
    const next = checkedEditions(root, "c", files);
    const again = only(root, next);
    expect(again.sha).toBe(first.sha);
    expect(again.edition).toEqual(first.edition);
    // And as read without the record.
    expect(only(root).edition).toEqual(first.edition);
  });

  it("does not note a file of an older format, nor one its writer laid out otherwise", () => {
    const older = readFileSync(V2, "utf8");
    const compact = JSON.stringify(JSON.parse(text));
    for (const [name, file] of [
      ["older", older],
      ["compact", compact],
    ] as const) {
      const root = project(name, { "2026-09.r1.json": file });
      const checked = checkedEditions(root, "c", memoryFiles());
      const { edition, sha } = only(root, checked);
      expect(edition).toEqual(only(root).edition);
      expect(checked.isCanonical(sha), name).toBe(false);
    }
  });

  it("checks a file again once its bytes change", () => {
    const root = project("changed", { "2026-09.r1.json": text });
    const files = memoryFiles();
    const checked = checkedEditions(root, "c", files);
    only(root, checked);
    checked.save();
    const broken = JSON.parse(text);
    broken.report.handoff.funnel.calls = "many";
    writeFileSync(join(root, "reports/editions/2026-09.r1.json"), canonicalJson(broken));
    const r = listEditions(root, checkedEditions(root, "c", files));
    expect(r.editions.size).toBe(0);
    expect(r.errors[0]!.message).toContain("report.handoff.funnel.calls");
  });

  it("takes exactly the bytes the record names as they read: a file checked once is not checked again", () => {
    // What only a record written by hand could claim: a file the format refuses, named as checked.
    const loose = JSON.parse(text);
    loose.report.sla.surprise = 1;
    const looseText = canonicalJson(loose);
    const root = project("trusted", { "2026-09.r1.json": looseText });
    expect(listEditions(root).errors[0]!.message).toContain("report.sla");
    const files = memoryFiles();
    const claim = checkedEditions(root, "c", files);
    claim.noteCanonical(sha256Of(Buffer.from(looseText)));
    claim.save();
    const { edition } = only(root, checkedEditions(root, "c", files));
    expect((edition.report.sla as unknown as { surprise: number }).surprise).toBe(1);
  });
});
