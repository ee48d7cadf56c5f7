// The entry of the pages' server bundle (site/bundle.ts): an app that renders any page on request.
// Not streamed: a page is rendered whole before it is answered, so an error fails it, not its end.
import { createApp } from "astro/app/entrypoint";

export const app = createApp({ streaming: false });
