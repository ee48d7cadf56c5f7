// Types of what Vite and Astro give the modules (import.meta.glob, .astro components).
/// <reference types="astro/client" />
