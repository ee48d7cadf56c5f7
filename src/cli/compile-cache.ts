// Loaded before a command's own modules (`node --import`, as the package's scripts run them): Node
// keeps the code it compiles on disk, in its own cache folder under the system's temp directory, so
// later runs start without compiling the tool, Astro and Vite again (docs/performance.md).
import { enableCompileCache } from "node:module";

enableCompileCache?.();
