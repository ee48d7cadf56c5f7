// Astro renders the report pages from the model the build step computed (see src/cli/build.ts).
import { defineConfig } from "astro/config";

export default defineConfig({
  output: "static",
  base: process.env.GEKKAN_BASE || "/",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  outDir: process.env.GEKKAN_OUT_DIR || "./dist",
  cacheDir: process.env.GEKKAN_CACHE_DIR || "./node_modules/.astro",
  devToolbar: { enabled: false },
  compressHTML: true,
});
