// Astro bundles the report pages into a server build that the build step asks for each page, with
// the model it computed (src/site/bundle.ts: it sets the output and the adapter); `npm run build`,
// not `astro build`. Static here, so that `astro preview` serves the built site.
// A plain object, not astro/config's defineConfig (which returns its argument): loading that entry
// point also loads SVGO, CSSO and the fonts' providers, which the build never uses.
/** @type {import("astro").AstroUserConfig} */
export default {
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  outDir: process.env.GEKKAN_OUT_DIR || "./dist",
  cacheDir: process.env.GEKKAN_CACHE_DIR || "./node_modules/.astro",
  devToolbar: { enabled: false },
  compressHTML: true,
};
