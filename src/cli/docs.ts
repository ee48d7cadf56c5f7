// npm run docs: regenerate docs/data-reference.md from the schemas.
import { writeFileSync } from "node:fs";
import { dataReference } from "../schema/reference.ts";

writeFileSync("docs/data-reference.md", dataReference());
console.log("wrote docs/data-reference.md");
