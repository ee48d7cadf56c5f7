import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Build tests start Astro and DuckDB; keep files in parallel but bounded for 2 cores.
    maxWorkers: 2,
    env: { TZ: "Asia/Tokyo", ASTRO_TELEMETRY_DISABLED: "1" },
  },
});
